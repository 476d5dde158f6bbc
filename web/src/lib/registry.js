// 模型共享与上架 helpers (docs/api.md, "Model registry") and the model diagram (模型导图). Pure.

export const SCOPES = ['tree', 'paired', 'all']
export const CHECKLIST = ['necessity', 'feasibility', 'accuracy']
export const SUBMISSION_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn']

/** A fresh review form: every checklist item passed, no comments. */
export function newReview() {
  return { items: CHECKLIST.map((item) => ({ item, passed: true, comment: '' })), decision: 'approve', comment: '' }
}

/**
 * What keeps a review form from being sent, as i18n keys: approving needs every item passed,
 * rejecting needs a comment. [] when it can be sent.
 */
export function reviewProblems(form) {
  const out = []
  if (form.decision === 'approve' && form.items.some((i) => !i.passed)) out.push('registry.approveNeedsAll')
  if (form.decision === 'reject' && !String(form.comment || '').trim()) out.push('registry.rejectNeedsComment')
  return out
}

const asList = (v) => (v == null ? [] : Array.isArray(v) ? v : [v])

/**
 * The step DAG of a spec (JSON form of model.yaml) as ECharts graph data: inputs on the left,
 * steps by depth, lead rules on the right. {nodes: [{id, name, kind, x, y, category}], links: [{source, target, label}]}
 */
export function modelGraph(spec) {
  if (!spec || typeof spec !== 'object') return { nodes: [], links: [] }
  const inputs = Array.isArray(spec.inputs) ? spec.inputs.map((i) => i.name) : Object.keys(spec.inputs || {})
  const inputLabel = (name) => {
    const i = Array.isArray(spec.inputs) ? spec.inputs.find((x) => x.name === name) : spec.inputs?.[name]
    return i?.label || name
  }
  const steps = Array.isArray(spec.steps) ? spec.steps : []
  const depth = new Map(inputs.map((n) => [n, 0]))
  const links = []
  const sourcesOf = (s) => [
    ...asList(s.from).map((x) => ({ x, label: '' })),
    ...asList(s.with).map((x) => ({ x, label: s.kind })),
    ...asList(s.against).map((x) => ({ x, label: s.kind })),
  ]
  // Steps are written in order (a DAG checked by the server); depth = 1 + deepest source.
  for (const s of steps) {
    let d = 0
    for (const { x, label } of sourcesOf(s)) {
      d = Math.max(d, (depth.get(x) ?? 0) + 1)
      links.push({ source: x, target: s.id, label })
    }
    depth.set(s.id, Math.max(d, 1))
  }
  const leads = Array.isArray(spec.leads) ? spec.leads : []
  const maxStep = Math.max(1, ...steps.map((s) => depth.get(s.id) || 1))
  leads.forEach((l, i) => {
    const id = `lead:${l.rule || i}`
    depth.set(id, maxStep + 1)
    links.push({ source: l.step, target: id, label: '' })
  })
  const columns = new Map()
  const place = (id) => {
    const d = depth.get(id) ?? 0
    const row = columns.get(d) || 0
    columns.set(d, row + 1)
    return { x: d * 220, y: row * 90 }
  }
  const nodes = [
    ...inputs.map((n) => ({ id: n, name: inputLabel(n), kind: 'input', category: 0, ...place(n) })),
    ...steps.map((s) => ({ id: s.id, name: `${s.id}`, kind: s.kind, category: 1, ...place(s.id) })),
    ...leads.map((l, i) => ({ id: `lead:${l.rule || i}`, name: l.rule || `lead ${i + 1}`, kind: 'lead', category: 2, ...place(`lead:${l.rule || i}`) })),
  ]
  return { nodes, links }
}
