// The logged-in user: GET /api/me, POST/DELETE /api/session.
import { reactive } from 'vue'
import { api, setCsrfToken } from '../api/client.js'

export const session = reactive({ user: null, permissions: [], checked: false })

function apply(data) {
  session.user = data?.user || null
  session.permissions = data?.permissions || []
  setCsrfToken(data?.csrf_token || '')
}

export function clearSession() {
  session.user = null
  session.permissions = []
  setCsrfToken('')
}

/** Loads the session once; resolves to the user or null (never throws on 401). */
export async function loadMe(force = false) {
  if (session.checked && !force) return session.user
  try {
    apply(await api.get('/api/me', { silent: true }))
  } catch (e) {
    clearSession()
    if (e.status !== 401) session.checked = false
  }
  session.checked = true
  return session.user
}

/** Throws ApiError (401 bad credentials, 429 throttled with retryAfter). */
export async function login(username, password) {
  const data = await api.post('/api/session', { username, password }, { silent: true })
  apply(data)
  session.checked = true
  try { apply(await api.get('/api/me', { silent: true })) } catch { /* keep login answer */ }
  return session.user
}

export async function logout() {
  try { await api.del('/api/session', { silent: true }) } catch { /* already gone */ }
  clearSession()
}
