// Same-origin JSON client of docs/api.md: cookies, X-CSRF-Token on writes, uniform errors.
import { ApiError, buildQuery, errorFromResponse, isWrite, networkError } from './errors.js'

const state = { csrf: '', handlers: {} }

export function setCsrfToken(token) { state.csrf = token || '' }
export function csrfToken() { return state.csrf }

/** handlers.onError(err) is called for every failed request not marked `silent`. */
export function configureApi(handlers) { state.handlers = handlers || {} }

function report(err, silent) {
  if (!silent && state.handlers.onError) state.handlers.onError(err)
  return err
}

/**
 * request('GET', '/api/leads', {query, body, silent}) → parsed JSON (null for 204).
 * `body` is sent as JSON unless it is FormData. Throws ApiError.
 */
export async function request(method, path, { query, body, silent = false, fetchImpl } = {}) {
  const f = fetchImpl || globalThis.fetch
  const headers = { Accept: 'application/json' }
  let payload
  if (body !== undefined) {
    if (typeof FormData !== 'undefined' && body instanceof FormData) payload = body
    else { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body) }
  }
  if (isWrite(method) && state.csrf) headers['X-CSRF-Token'] = state.csrf
  let res
  try {
    res = await f(path + buildQuery(query), { method, headers, body: payload, credentials: 'same-origin' })
  } catch (e) {
    throw report(networkError(e), silent)
  }
  if (res.status === 204) return null
  let data = null
  const text = await res.text()
  if (text) {
    try { data = JSON.parse(text) } catch { data = null }
  }
  if (!res.ok) throw report(errorFromResponse(res.status, data, res.headers.get('Retry-After')), silent)
  return data
}

export const api = {
  get: (path, opts) => request('GET', path, opts),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  del: (path, opts) => request('DELETE', path, opts),
}

/**
 * Multipart upload through XMLHttpRequest (fetch has no upload progress).
 * onProgress(fraction 0..1). Resolves with the parsed JSON body.
 */
export function upload(path, formData, { onProgress, silent = false } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    if (state.csrf) xhr.setRequestHeader('X-CSRF-Token', state.csrf)
    if (onProgress) {
      xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total) }
    }
    xhr.onerror = () => reject(report(networkError(new Error('xhr')), silent))
    xhr.onload = () => {
      let data = null
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null } catch { data = null }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onProgress) onProgress(1)
        resolve(data)
      } else {
        reject(report(errorFromResponse(xhr.status, data, xhr.getResponseHeader('Retry-After')), silent))
      }
    }
    xhr.send(formData)
  })
}

export { ApiError }
