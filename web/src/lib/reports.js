// Reading import reports and dataset versions whose exact shape the server may still refine:
// accepts the likely spellings and returns one shape. Pure.

/**
 * {rows, rejectedCount, invalidCount, samples: [{row, column, value, reason_zh, reason_en}]} from a dataset
 * Version (counts on the version, samples in version.report.rejected_samples = {column: [{row, value,
 * reason_zh, reason_en}]}), an import job's result (the same plus `dataset`) or a flat report.
 */
export function importReport(obj) {
  if (!obj || typeof obj !== 'object') return { rows: null, rejectedCount: 0, invalidCount: 0, samples: [] }
  const r = obj.report && typeof obj.report === 'object' ? obj.report : {}
  let samples = []
  const bycol = r.rejected_samples ?? obj.rejected_samples
  if (bycol && typeof bycol === 'object' && !Array.isArray(bycol)) {
    for (const [column, list] of Object.entries(bycol)) {
      for (const c of Array.isArray(list) ? list : []) samples.push(sample(c, column))
    }
  } else {
    samples = firstArray(bycol, r.rejected_cells, obj.rejected_cells, r.samples).map((c) => sample(c, c.column ?? c.field ?? ''))
  }
  samples.sort((a, b) => (Number(a.row) || 0) - (Number(b.row) || 0))
  const rejected = num(obj.rejected_cells, r.rejected_cells, r.rejected_count, obj.rejected_count)
  const invalid = num(obj.invalid_cells, r.invalid_cells)
  const rows = num(obj.rows, obj.row_count, r.rows, r.row_count)
  return { rows, rejectedCount: rejected ?? (invalid == null ? samples.length : 0), invalidCount: invalid ?? 0, samples }
}

function sample(c, column) {
  return {
    row: c.row ?? c.source_row ?? '',
    column,
    value: c.value ?? c.raw ?? '',
    reason_zh: c.reason_zh ?? c.reason ?? c.message_zh ?? '',
    reason_en: c.reason_en ?? c.reason ?? c.message_en ?? '',
  }
}

function firstArray(...xs) {
  for (const x of xs) if (Array.isArray(x)) return x
  return []
}
function num(...xs) {
  for (const x of xs) if (x != null && x !== '' && typeof x !== 'object' && Number.isFinite(Number(x))) return Number(x)
  return null
}

/** The version list of a dataset as [{version, created_at, rows, ...}], newest first. */
export function versionsOf(ds) {
  const vs = Array.isArray(ds?.versions) ? ds.versions : []
  return vs.map((v) => (typeof v === 'object' ? { ...v, version: v.version ?? v.id } : { version: v }))
    .sort((a, b) => Number(b.version) - Number(a.version))
}

/** Column names of a dataset version when the server lists them ([name] or [{name}]). */
export function columnNames(version) {
  const cols = version?.columns
  if (!Array.isArray(cols)) return []
  return cols.map((c) => (typeof c === 'string' ? c : c?.name)).filter(Boolean)
}
