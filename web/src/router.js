import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe } from './store/session.js'
import { canSeePage } from './lib/labels.js'
import MainLayout from './layouts/MainLayout.vue'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', redirect: { name: 'dashboard' } },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
      { path: 'datasets', name: 'datasets', component: () => import('./views/DatasetsView.vue') },
      { path: 'models', name: 'models', component: () => import('./views/ModelsView.vue') },
      { path: 'models/:id', name: 'model-detail', component: () => import('./views/ModelDetailView.vue') },
      { path: 'leads', name: 'leads', component: () => import('./views/LeadsView.vue') },
      { path: 'registry', name: 'registry', component: () => import('./views/RegistryView.vue') },
      { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue') },
      { path: 'admin', name: 'admin', component: () => import('./views/AdminView.vue') },
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue') },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const user = await loadMe()
  if (to.meta.public) return user && to.name === 'login' ? { name: 'dashboard' } : true
  if (!user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (typeof to.name === 'string' && !canSeePage(to.name, session.user.role, session.permissions)) return { name: 'forbidden' }
  return true
})
