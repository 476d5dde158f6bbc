// Field-mapping suggestions of POST /api/models/{id}/mapping-suggestions, as the run dialog shows
// them: the user sees each suggested column with its confidence and reason, and confirms it
// (one by one, or every confident one at once) or chooses another column. Pure.

/** The server's threshold below which a suggestion is uncertain (it sends `confident`). */
export const CONFIDENT = 0.6

/** 'high' (≥ 0.8), 'medium' (≥ confident), 'low' (below: highlighted, check it). */
export function confidenceLevel(confidence, confident = CONFIDENT) {
  const c = Number(confidence) || 0
  if (c >= 0.8) return 'high'
  if (c >= confident) return 'medium'
  return 'low'
}

/** Element Plus tag type for a level. */
export function confidenceTagType(level) {
  return { high: 'success', medium: 'warning', low: 'danger' }[level] || 'info'
}

/** 0.874 → "87%". */
export function formatConfidence(confidence) {
  return `${Math.round((Number(confidence) || 0) * 100)}%`
}

/**
 * The API's inputs → {"input.field": {column, confidence, reason, reason_en, shared, level}}, only
 * fields with a suggested column.
 */
export function suggestionIndex(inputs, confident = CONFIDENT) {
  const out = {}
  for (const i of inputs || []) {
    if (!i?.dataset) continue
    for (const f of i.fields || []) {
      if (!f.column) continue
      out[`${i.name}.${f.name}`] = {
        input: i.name, field: f.name, dataset: i.dataset, column: f.column, confidence: f.confidence,
        reason: f.reason || '', reason_en: f.reason_en || '', shared: !!f.shared,
        level: confidenceLevel(f.confidence, confident),
      }
    }
  }
  return out
}

/**
 * Suggestions that would change the binding preview: for each field of each input with a dataset,
 * the suggestion when its column differs from the field's current column (and is for the same
 * dataset). `chosen` ({input: dataset}) names the datasets the user picked: a preview that cannot
 * bind yet (a required field without a column) reports no dataset for any input, and that is just
 * when suggestions help. [{key, input, field, column, current, confidence, level, reason, reason_en}]
 */
export function pendingSuggestions(bindingInputs, index, chosen = {}) {
  const out = []
  for (const i0 of bindingInputs || []) {
    const i = i0 && !i0.dataset && chosen?.[i0.name] ? { ...i0, dataset: chosen[i0.name] } : i0
    if (!i?.dataset) continue
    for (const f of i.fields || []) {
      const key = `${i.name}.${f.name}`
      const s = index?.[key]
      if (!s || s.dataset !== i.dataset || s.column === f.column) continue
      out.push({ key, input: i.name, field: f.name, column: s.column, current: f.column || null, confidence: s.confidence, level: s.level, reason: s.reason, reason_en: s.reason_en })
    }
  }
  return out
}

/**
 * The field choices after confirming suggestions: `fields` ({"input.field": column}) with every
 * pending suggestion of `input` (all inputs when null) at or above `min` confidence applied. A
 * field the user mapped by hand is left alone. Returns a new object.
 */
export function acceptSuggestions(fields, pending, { input = null, min = CONFIDENT } = {}) {
  const out = { ...(fields || {}) }
  for (const p of pending || []) {
    if (input && p.input !== input) continue
    if ((Number(p.confidence) || 0) < min) continue
    if (out[p.key]) continue
    out[p.key] = p.column
  }
  return out
}
