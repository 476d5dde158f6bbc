import { createApp } from 'vue'
import { ElMessage } from 'element-plus'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import App from './App.vue'
import { router } from './router.js'
import { i18n, currentLocale } from './i18n/index.js'
import { configureApi } from './api/client.js'
import { errorMessage } from './api/errors.js'
import { clearSession, loadMe } from './store/session.js'
import './style.css'

// One place for failed requests: 401 → 登录, 403 → 无权限, otherwise message_zh / message_en.
configureApi({
  onError(err) {
    const t = i18n.global.t
    if (err.status === 401) {
      clearSession()
      const cur = router.currentRoute.value
      if (cur.name !== 'login') {
        ElMessage.warning(t('login.expired'))
        router.push({ name: 'login', query: cur.fullPath && cur.fullPath !== '/' ? { redirect: cur.fullPath } : {} })
      }
      return
    }
    if (err.status === 403 && err.code === 'auth.csrf') {
      // The token went stale (e.g. a new login in another tab): fetch a fresh one; the user retries.
      loadMe(true)
    } else if (err.status === 403) {
      const msg = errorMessage(err, currentLocale())
      ElMessage.error(msg && msg !== t('common.noPermission') ? `${t('common.noPermission')}：${msg}` : t('common.noPermission'))
      return
    }
    ElMessage.error({ message: errorMessage(err, currentLocale()), duration: 5000, showClose: true })
  },
})

document.documentElement.lang = currentLocale()
createApp(App).use(i18n).use(router).mount('#app')
