// Model detail helpers: inputs and parameters may come as maps (as in model.yaml) or lists. Pure.

/** [{name, label, fields: [{name, label, element, required}]}] */
export function normalizeInputs(inputs) {
  if (!inputs) return []
  const arr = Array.isArray(inputs) ? inputs : Object.entries(inputs).map(([name, v]) => ({ name, ...(v || {}) }))
  return arr.map((i) => ({
    name: i.name,
    label: i.label || i.name,
    optional: i.required === false || i.optional === true,
    fields: normalizeFields(i.fields),
  }))
}

function normalizeFields(fields) {
  if (!fields) return []
  const arr = Array.isArray(fields) ? fields : Object.entries(fields).map(([name, v]) => ({ name, ...(v || {}) }))
  return arr.map((f) => ({ name: f.name, label: f.label || f.name, element: f.element || f.type || '', required: f.required !== false }))
}

/** Element Plus tag type of an installed version's status: verified, unverified, untested. */
export function modelStatusTag(status) {
  return { verified: 'success', unverified: 'warning' }[status] || 'info'
}

/** The failed cases of a version's self-test ({cases: [{name, passed, expected_leads,
 * produced_leads, problem}]}, possibly a JSON string): [{name, expected, produced, problem}]. */
export function failedSelfTests(selfTest) {
  let st = selfTest
  if (typeof st === 'string') {
    try { st = st ? JSON.parse(st) : null } catch { return [] }
  }
  return (st?.cases || []).filter((c) => !c.passed).map((c) => ({
    name: c.name, expected: c.expected_leads ?? 0, produced: c.produced_leads ?? 0, problem: (c.problem || '').trim(),
  }))
}

/** [{name, label, type, default}] */
export function normalizeParams(params) {
  if (!params) return []
  const arr = Array.isArray(params) ? params : Object.entries(params).map(([name, v]) => (v && typeof v === 'object' ? { name, ...v } : { name, default: v }))
  return arr.map((p) => ({ name: p.name, label: p.label || p.name, type: p.type || 'text', default: p.default ?? null, description: p.description || '' }))
}

/** Required fields with no column in a binding preview: ["penalties.party_id", ...]. */
export function unmappedRequired(bindingInputs) {
  const out = []
  for (const i of bindingInputs || []) {
    if (!i.dataset) continue
    for (const f of i.fields || []) if (f.required && !f.column) out.push(`${i.name}.${f.name}`)
  }
  return out
}

/** Parameters worth sending: values set and different from a literal default. */
export function paramsToSend(params, values) {
  const out = {}
  for (const p of params) {
    const v = values[p.name]
    if (v == null || v === '') continue
    out[p.name] = v
  }
  return out
}
