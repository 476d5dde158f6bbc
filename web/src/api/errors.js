// Pure helpers of the API client: error objects, messages and query strings.
import { isEnglish } from '../lib/labels.js'

export class ApiError extends Error {
  constructor({ status, code, message_zh, message_en, location, retryAfter }) {
    super(message_en || message_zh || code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code || ''
    this.message_zh = message_zh || ''
    this.message_en = message_en || ''
    this.location = location || null
    this.retryAfter = retryAfter ?? null
  }
}

const DEFAULTS = {
  0: ['network', '网络错误，无法连接服务器', 'Network error: the server cannot be reached'],
  401: ['auth.required', '未登录或会话已过期，请重新登录', 'Not logged in or the session expired'],
  403: ['auth.forbidden', '无权限', 'Forbidden'],
  404: ['not_found', '对象不存在或不可见', 'Not found'],
  409: ['workflow.illegal', '当前状态不允许该操作', 'Not allowed in the current state'],
  413: ['request.too_large', '文件过大', 'File too large'],
  422: ['request.invalid', '字段缺失或不合法', 'A field is missing or invalid'],
  429: ['auth.throttled', '登录过于频繁，请稍后再试', 'Too many login attempts; try again later'],
}

/** Parses a Retry-After header (seconds or an HTTP date) into whole seconds, or null. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === '') return null
  const s = String(value).trim()
  if (/^\d+$/.test(s)) return parseInt(s, 10)
  const t = Date.parse(s)
  if (Number.isNaN(t)) return null
  return Math.max(0, Math.ceil((t - now) / 1000))
}

/** Builds an ApiError from a failed response: status, parsed JSON body (or null) and Retry-After. */
export function errorFromResponse(status, body, retryAfterHeader) {
  const e = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : {}
  const d = DEFAULTS[status] || [`http.${status}`, `请求失败（HTTP ${status}）`, `Request failed (HTTP ${status})`]
  return new ApiError({
    status,
    code: e.code || d[0],
    message_zh: e.message_zh || e.message || d[1],
    message_en: e.message_en || e.message || d[2],
    location: e.location || null,
    retryAfter: parseRetryAfter(retryAfterHeader),
  })
}

export function networkError(cause) {
  const err = errorFromResponse(0, null, null)
  err.cause = cause
  return err
}

/** The message of an error in the UI language (message_zh in Chinese, message_en in English). */
export function errorMessage(err, locale = 'zh-CN') {
  if (!err) return ''
  if (err instanceof ApiError || err.message_zh || err.message_en) {
    const en = isEnglish(locale)
    return (en ? err.message_en || err.message_zh : err.message_zh || err.message_en) || err.message
  }
  return err.message || String(err)
}

/** "3 分钟" / "45 秒" (or English) for a wait in seconds. */
export function waitText(seconds, locale = 'zh-CN') {
  const en = isEnglish(locale)
  if (seconds == null || !Number.isFinite(seconds)) return en ? 'a while' : '稍后'
  if (seconds >= 60) {
    const m = Math.ceil(seconds / 60)
    return en ? `${m} minute${m === 1 ? '' : 's'}` : `${m} 分钟`
  }
  return en ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${seconds} 秒`
}

/** Query string from an object: drops null/''/undefined and empty arrays, joins arrays with commas. */
export function buildQuery(params) {
  if (!params) return ''
  const parts = []
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '') continue
    if (Array.isArray(v)) {
      if (!v.length) continue
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v.join(','))}`)
    } else {
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    }
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

export const isWrite = (method) => !['GET', 'HEAD', 'OPTIONS'].includes(String(method).toUpperCase())
