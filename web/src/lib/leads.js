// Lead detail helpers. Pure.

/** The detail answer as {lead, evidence, events, attachments, actions} whether nested or flat. */
export function splitDetail(d) {
  if (!d || typeof d !== 'object') return { lead: null, evidence: [], events: [], attachments: [], actions: [] }
  const lead = d.lead && typeof d.lead === 'object' ? d.lead : d
  const pick = (k) => (Array.isArray(d[k]) ? d[k] : Array.isArray(lead[k]) ? lead[k] : [])
  return { lead, evidence: pick('evidence'), events: pick('events'), attachments: pick('attachments'), actions: pick('actions') }
}

/** Attachments of an event: its own list, or those of the lead that name the event. */
export function eventAttachments(ev, all) {
  if (Array.isArray(ev?.attachments) && ev.attachments.length) return ev.attachments
  return (all || []).filter((a) => a.event_id != null && ev?.id != null && String(a.event_id) === String(ev.id))
}

export function attachmentId(a) {
  return a?.id ?? a?.aid ?? a?.attachment_id
}

/**
 * Key/value pairs of an event's detail worth showing (objects flattened one level). A decision on
 * a linked pair (action link_decision) shows its link step and verdict ('confirm' | 'reject') and
 * the first characters of the pair's key, which alone means nothing to a reader.
 */
export function detailPairs(detail, action) {
  if (!detail) return []
  if (action === 'link_decision' && typeof detail === 'object') {
    const out = []
    if (detail.step) out.push(['link_step', String(detail.step)])
    if (detail.decision) out.push(['link_decision', String(detail.decision)])
    if (detail.pair_key) out.push(['pair_key', String(detail.pair_key).slice(0, 8) + '…'])
    return out
  }
  if (typeof detail === 'string') return [['', detail]]
  if (typeof detail !== 'object') return [['', String(detail)]]
  return Object.entries(detail)
    .filter(([k, v]) => v != null && v !== '' && k !== 'attachments')
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])
}

/** Events oldest first. */
export function sortEvents(events) {
  return [...(events || [])].sort((a, b) => String(a.at || '').localeCompare(String(b.at || '')) || (Number(a.id) || 0) - (Number(b.id) || 0))
}

/** Sort state of the table → the server's sort/order parameters. */
export function sortParams({ prop, order }) {
  const allowed = ['updated_at', 'created_at', 'status', 'model', 'subject']
  const key = prop === 'model_name' ? 'model' : prop
  if (!order || !allowed.includes(key)) return { sort: 'updated_at', order: 'desc' }
  return { sort: key, order: order === 'ascending' ? 'asc' : 'desc' }
}
