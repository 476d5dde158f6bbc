// Labels and role rules shared by the pages. Pure: no Vue, no I/O.

export const STATUSES = ['new', 'triaged', 'approved', 'verifying', 'dismissed', 'filed', 'recommended',
  'sued', 'other', 'replied', 'rectified', 'closed']

const STATUS = {
  new: ['待核查', 'New'],
  triaged: ['已分拣', 'Triaged'],
  approved: ['已审核', 'Approved'],
  verifying: ['核查中', 'Verifying'],
  dismissed: ['不予立案', 'Dismissed'],
  filed: ['已立案', 'Case filed'],
  recommended: ['已制发检察建议', 'Recommendation issued'],
  sued: ['已提起诉讼', 'Suit filed'],
  other: ['其他处理', 'Other handling'],
  replied: ['已回复', 'Replied'],
  rectified: ['已整改', 'Rectified'],
  closed: ['已办结', 'Closed'],
}

const STATUS_TAG = {
  new: 'danger', triaged: 'warning', approved: 'warning', verifying: 'primary', dismissed: 'info',
  filed: 'primary', recommended: 'primary', sued: 'primary', other: 'primary', replied: 'success',
  rectified: 'success', closed: 'info',
}

export const isEnglish = (locale) => typeof locale === 'string' && locale.toLowerCase().startsWith('en')

/** Chinese (default) or English label of a lead status; unknown statuses are shown as they are. */
export function statusLabel(status, locale = 'zh-CN') {
  const pair = STATUS[status]
  if (!pair) return status == null ? '' : String(status)
  return isEnglish(locale) ? pair[1] : pair[0]
}

/** Element Plus tag type of a status. */
export function statusTagType(status) {
  return STATUS_TAG[status] || 'info'
}

export const ROLES = ['admin', 'model_admin', 'prosecutor', 'expert', 'viewer']
const ROLE = {
  admin: ['系统管理员', 'Administrator'],
  model_admin: ['模型管理员', 'Model administrator'],
  prosecutor: ['检察官', 'Procurator'],
  expert: ['援助专家', 'Assisting expert'],
  viewer: ['只读用户', 'Read-only user'],
}
export function roleLabel(role, locale = 'zh-CN') {
  const pair = ROLE[role]
  if (!pair) return role == null ? '' : String(role)
  return isEnglish(locale) ? pair[1] : pair[0]
}

/** Workflow actions of docs/api.md with the fields each requires. */
export const ACTIONS = {
  triage: { zh: '分拣', en: 'Triage', requires: [] },
  approve: { zh: '审核通过', en: 'Approve', requires: [] },
  assign: { zh: '分发承办人', en: 'Assign handler', requires: ['handler'] },
  return: { zh: '驳回', en: 'Return', requires: ['reason'] },
  dispatch: { zh: '下发', en: 'Dispatch to lower procuratorate', requires: ['target_org'] },
  dismiss: { zh: '不予立案', en: 'Dismiss', requires: ['reason'] },
  file: { zh: '立案', en: 'File case', requires: [] },
  recommend: { zh: '制发检察建议', en: 'Issue recommendation', requires: ['document_no'] },
  sue: { zh: '提起诉讼', en: 'File suit', requires: [] },
  other: { zh: '其他处理', en: 'Other handling', requires: ['comment'] },
  reply: { zh: '收到回复', en: 'Reply received', requires: [] },
  rectify: { zh: '已整改', en: 'Rectified', requires: [] },
  close: { zh: '办结', en: 'Close', requires: [] },
  comment: { zh: '意见', en: 'Comment', requires: ['comment'] },
  share: { zh: '分享会诊', en: 'Shared for consultation', requires: [] },
  unmask: { zh: '查看完整信息', en: 'Viewed full information', requires: [] },
  link_decision: { zh: '关联人工判断', en: 'Decision on a linked pair', requires: [] },
}

export const ACTION_FIELDS = ['reason', 'handler', 'target_org', 'document_no', 'comment']

export function actionLabel(action, locale = 'zh-CN') {
  const a = ACTIONS[action]
  if (!a) return action == null ? '' : String(action)
  return isEnglish(locale) ? a.en : a.zh
}

/**
 * The `actions` of a lead detail as [{action, label, requires}]. Accepts plain names
 * (["triage", "return"]) or objects ({action|name, label?, requires?|required?}).
 */
export function normalizeActions(actions) {
  if (!Array.isArray(actions)) return []
  const out = []
  for (const a of actions) {
    if (typeof a === 'string') {
      out.push({ action: a, label: null, requires: [...(ACTIONS[a]?.requires || [])] })
    } else if (a && typeof a === 'object') {
      const name = a.action || a.name || a.id
      if (!name) continue
      const req = a.requires || a.required || ACTIONS[name]?.requires || []
      out.push({ action: name, label: a.label || a.label_zh || null, label_en: a.label_en || null,
        requires: Array.isArray(req) ? req.filter((f) => ACTION_FIELDS.includes(f)) : [] })
    }
  }
  return out
}

/** Required fields of an action left blank in `form`. */
export function missingFields(requires, form) {
  return (requires || []).filter((f) => {
    const v = form?.[f]
    return v == null || String(v).trim() === ''
  })
}

/** Which roles may open each page (the left menu hides the rest). */
export const PAGE_ROLES = {
  dashboard: ROLES,
  datasets: ['admin', 'model_admin', 'prosecutor', 'viewer'],
  models: ROLES,
  'model-detail': ROLES,
  leads: ROLES,
  registry: ROLES,
  audit: ['admin'],
  admin: ['admin'],
}

/** Permission names of GET /api/me (`permissions`) that open a page or allow an ability. */
const PAGE_PERMISSION = { datasets: 'read_data', audit: 'read_audit', admin: 'manage_users' }
const ABILITY_PERMISSION = {
  upload: 'write_data', run: 'write_data', dispose: 'work_leads', unmask: 'unmask', export: 'export',
  comment: 'comment_leads', share: 'work_leads',
}
const usable = (permissions) => Array.isArray(permissions) && permissions.length > 0

/** Whether the menu shows a page: by the session's permissions when known, else by role. */
export function canSeePage(page, role, permissions) {
  if (usable(permissions) && PAGE_PERMISSION[page]) return permissions.includes(PAGE_PERMISSION[page])
  const roles = PAGE_ROLES[page]
  return !roles || roles.includes(role)
}

/** What a role may do (the server decides; these only hide buttons that would be refused). */
const ABILITIES = {
  upload: ['admin', 'model_admin', 'prosecutor'],
  run: ['admin', 'model_admin', 'prosecutor'],
  dispose: ['admin', 'prosecutor'],
  unmask: ['admin', 'prosecutor'],
  export: ['admin', 'prosecutor'],
  comment: ['admin', 'prosecutor', 'expert'],
  share: ['admin', 'prosecutor'],
}
export function can(role, ability, permissions) {
  if (usable(permissions) && ABILITY_PERMISSION[ability]) return permissions.includes(ABILITY_PERMISSION[ability])
  return (ABILITIES[ability] || []).includes(role)
}
