import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildQuery, errorFromResponse, errorMessage, parseRetryAfter, waitText } from './errors.js'
import { configureApi, request, setCsrfToken, upload } from './client.js'

function fakeFetch(status, body, headers = {}) {
  return vi.fn(async () => ({
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (k) => headers[k] ?? null },
    text: async () => (body == null ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
  }))
}

afterEach(() => { setCsrfToken(''); configureApi({}) })

describe('errorFromResponse', () => {
  it('takes the messages of the contract error body', () => {
    const e = errorFromResponse(422, { error: { code: 'request.invalid', message_zh: '缺少字段', message_en: 'missing field', location: { field: 'reason' } } })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.code).toBe('request.invalid')
    expect(e.location.field).toBe('reason')
    expect(errorMessage(e, 'zh-CN')).toBe('缺少字段')
    expect(errorMessage(e, 'en')).toBe('missing field')
  })
  it('falls back to a message per status when the body is not JSON', () => {
    expect(errorMessage(errorFromResponse(403, null), 'zh-CN')).toBe('无权限')
    expect(errorMessage(errorFromResponse(502, null), 'en')).toContain('502')
  })
  it('reads Retry-After on 429', () => {
    expect(errorFromResponse(429, { error: { code: 'auth.throttled' } }, '900').retryAfter).toBe(900)
    expect(parseRetryAfter('abc')).toBeNull()
    expect(parseRetryAfter(new Date(Date.now() + 60000).toUTCString())).toBeGreaterThan(55)
  })
})

describe('waitText and buildQuery', () => {
  it('words a wait', () => {
    expect(waitText(900)).toBe('15 分钟')
    expect(waitText(30)).toBe('30 秒')
    expect(waitText(61, 'en')).toBe('2 minutes')
  })
  it('drops empty values and joins arrays', () => {
    expect(buildQuery({ status: ['new', 'filed'], q: '', model: 'm 1', page: 1, handler: null })).toBe('?status=new%2Cfiled&model=m%201&page=1')
    expect(buildQuery({})).toBe('')
  })
})

describe('request', () => {
  it('sends the CSRF token on writes only, with same-origin credentials', async () => {
    setCsrfToken('tok')
    const f = fakeFetch(200, { ok: 1 })
    await request('POST', '/api/x', { body: { a: 1 }, fetchImpl: f })
    await request('GET', '/api/y', { query: { page: 2 }, fetchImpl: f })
    const [url1, init1] = f.mock.calls[0]
    expect(url1).toBe('/api/x')
    expect(init1.headers['X-CSRF-Token']).toBe('tok')
    expect(init1.credentials).toBe('same-origin')
    expect(init1.body).toBe('{"a":1}')
    const [url2, init2] = f.mock.calls[1]
    expect(url2).toBe('/api/y?page=2')
    expect(init2.headers['X-CSRF-Token']).toBeUndefined()
  })
  it('returns null on 204', async () => {
    expect(await request('DELETE', '/api/session', { fetchImpl: fakeFetch(204, null) })).toBeNull()
  })
  it('reports errors to the handler unless silent, and throws ApiError', async () => {
    const onError = vi.fn()
    configureApi({ onError })
    await expect(request('GET', '/api/me', { fetchImpl: fakeFetch(401, { error: { code: 'auth.required', message_zh: '请登录' } }) }))
      .rejects.toMatchObject({ status: 401, code: 'auth.required', message_zh: '请登录' })
    expect(onError).toHaveBeenCalledTimes(1)
    await expect(request('GET', '/api/me', { silent: true, fetchImpl: fakeFetch(409, 'not json') })).rejects.toMatchObject({ status: 409, code: 'workflow.illegal' })
    expect(onError).toHaveBeenCalledTimes(1)
  })
  it('turns a failed fetch into a network error', async () => {
    const f = vi.fn(async () => { throw new TypeError('failed') })
    await expect(request('GET', '/api/x', { fetchImpl: f, silent: true })).rejects.toMatchObject({ status: 0, code: 'network' })
  })
})

describe('upload', () => {
  it('posts with XHR, the CSRF header and progress', async () => {
    const sent = {}
    class FakeXHR {
      constructor() { this.upload = {}; this.headers = {} }
      open(m, u) { sent.method = m; sent.url = u }
      setRequestHeader(k, v) { this.headers[k] = v; sent.headers = this.headers }
      getResponseHeader() { return null }
      send() {
        this.upload.onprogress({ lengthComputable: true, loaded: 5, total: 10 })
        this.status = 202
        this.responseText = '{"job":{"id":"j1","state":"queued"}}'
        this.onload()
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXHR)
    setCsrfToken('tok')
    const progress = []
    const data = await upload('/api/datasets', 'FORM', { onProgress: (p) => progress.push(p) })
    expect(data.job.id).toBe('j1')
    expect(sent.headers['X-CSRF-Token']).toBe('tok')
    expect(progress).toEqual([0.5, 1])
    vi.unstubAllGlobals()
  })
})
