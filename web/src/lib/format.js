// Formatting helpers. Pure.

const pad = (n) => String(n).padStart(2, '0')

/** ISO 8601 time → local "YYYY-MM-DD HH:mm"; dates and unparseable strings are returned as they are. */
export function formatTime(value) {
  if (!value) return ''
  const s = String(value)
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) return s
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Local date "YYYY-MM-DD". */
export function isoDate(d = new Date()) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function formatBytes(n) {
  if (n == null || !Number.isFinite(Number(n))) return ''
  n = Number(n)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}

export function formatDuration(ms) {
  if (ms == null || !Number.isFinite(Number(ms))) return ''
  ms = Number(ms)
  if (ms < 1000) return `${ms} ms`
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`
}

export function percent(x) {
  if (x == null || !Number.isFinite(Number(x))) return '—'
  return `${(Number(x) * 100).toFixed(1)}%`
}

/** Job progress 0..100 from {done, total, state}. */
export function jobPercent(job) {
  if (!job) return 0
  if (job.state === 'succeeded') return 100
  const done = Number(job.done) || 0
  const total = Number(job.total) || 0
  if (total <= 0) return 0
  return Math.max(0, Math.min(100, Math.floor((done * 100) / total)))
}

export const jobFinished = (job) => !!job && ['succeeded', 'failed', 'cancelled'].includes(job.state)

/** Dataset name suggested by a file name: the base name without directory and extension. */
export function datasetNameFromFile(filename) {
  if (!filename) return ''
  const base = String(filename).split(/[\\/]/).pop()
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

/** Any value of an evidence row or a preview cell as display text. */
export function cellText(v) {
  if (v == null) return ''
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** A File/Blob as base64 (without the data: prefix), for workflow attachments. */
export function fileToBase64(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onerror = () => reject(r.error)
    r.onload = () => {
      const s = String(r.result)
      resolve(s.slice(s.indexOf(',') + 1))
    }
    r.readAsDataURL(file)
  })
}
