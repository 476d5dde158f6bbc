import { describe, expect, it } from 'vitest'
import { STATUSES, actionLabel, can, canSeePage, missingFields, normalizeActions, roleLabel, statusLabel, statusTagType } from './labels.js'
import { datasetNameFromFile, jobPercent, jobFinished } from './format.js'
import { importReport } from './reports.js'
import { detailPairs, sortParams, splitDetail, eventAttachments } from './leads.js'
import { normalizeInputs, normalizeParams, unmappedRequired } from './models.js'
import { orgTree } from './orgs.js'
import { statusPieOption, totals } from './stats.js'
import { renderMarkdown } from './markdown.js'

describe('labels', () => {
  it('maps every status of the contract in both languages', () => {
    expect(STATUSES).toHaveLength(12)
    expect(statusLabel('new')).toBe('待核查')
    expect(statusLabel('recommended')).toBe('已制发检察建议')
    expect(statusLabel('closed', 'en')).toBe('Closed')
    expect(statusLabel('weird')).toBe('weird')
    for (const s of STATUSES) expect(statusTagType(s)).toMatch(/^(danger|warning|primary|success|info)$/)
  })
  it('labels roles and actions', () => {
    expect(roleLabel('prosecutor')).toBe('检察官')
    expect(roleLabel('expert')).toBe('援助专家')
    expect(roleLabel('viewer', 'en')).toBe('Read-only user')
    expect(actionLabel('assign')).toBe('分发承办人')
  })
  it('normalises actions given as names or objects with their required fields', () => {
    expect(normalizeActions(['assign', 'return'])).toEqual([
      { action: 'assign', label: null, requires: ['handler'] },
      { action: 'return', label: null, requires: ['reason'] },
    ])
    const [a] = normalizeActions([{ action: 'recommend', label: '制发建议', requires: ['document_no', 'bogus'] }])
    expect(a.requires).toEqual(['document_no'])
    expect(a.label).toBe('制发建议')
    expect(normalizeActions(null)).toEqual([])
    expect(missingFields(['reason', 'handler'], { reason: '  ', handler: 'li' })).toEqual(['reason'])
  })
  it('hides admin pages from other roles', () => {
    expect(canSeePage('audit', 'admin')).toBe(true)
    expect(canSeePage('audit', 'prosecutor')).toBe(false)
    expect(canSeePage('datasets', 'expert')).toBe(false)
    expect(canSeePage('leads', 'viewer')).toBe(true)
    expect(can('prosecutor', 'unmask')).toBe(true)
    expect(can('model_admin', 'dispose')).toBe(false)
    // the session's permissions win over the role table when the server sends them
    expect(canSeePage('audit', 'prosecutor', ['read_audit'])).toBe(true)
    expect(canSeePage('datasets', 'viewer', ['read_models'])).toBe(false)
    expect(can('viewer', 'upload', ['read_data', 'write_data'])).toBe(true)
    expect(can('prosecutor', 'unmask', ['read_data'])).toBe(false)
  })
})

describe('helpers', () => {
  it('suggests a dataset name and measures jobs', () => {
    expect(datasetNameFromFile('C:\\data\\行政处罚决定台账.csv')).toBe('行政处罚决定台账')
    expect(jobPercent({ state: 'running', done: 1, total: 3 })).toBe(33)
    expect(jobPercent({ state: 'succeeded' })).toBe(100)
    expect(jobFinished({ state: 'cancelled' })).toBe(true)
  })
  it('reads import reports in their likely shapes', () => {
    const v = { version: 2, rows: 10, rejected_cells: 1, invalid_cells: 2, report: { rejected_samples: {
      罚款金额: [{ row: 9, value: 'abc', reason_zh: '不是金额', reason_en: 'not money' }],
      当事人证件号码: [{ row: 4, value: '123', reason_zh: '校验位错误', reason_en: 'bad check digit' }] } } }
    const r = importReport(v)
    expect(r.rows).toBe(10)
    expect(r.rejectedCount).toBe(1)
    expect(r.invalidCount).toBe(2)
    expect(r.samples.map((x) => [x.row, x.column])).toEqual([[4, '当事人证件号码'], [9, '罚款金额']])
    expect(importReport({ report: { rejected_cells: [{ row: 1, column: 'a', reason: 'x' }] } }).samples[0].reason_zh).toBe('x')
    expect(importReport(null).rejectedCount).toBe(0)
  })
  it('splits lead details and finds event attachments', () => {
    const d = splitDetail({ id: 7, title: 'x', evidence: [{ row: 3 }], events: [{ id: 1 }], attachments: [{ id: 9, event_id: 1, filename: 'a.pdf' }], actions: ['triage'] })
    expect(d.lead.id).toBe(7)
    expect(eventAttachments(d.events[0], d.attachments).map((a) => a.id)).toEqual([9])
    expect(splitDetail({ lead: { id: 8 }, actions: [] }).lead.id).toBe(8)
    expect(sortParams({ prop: 'model_name', order: 'ascending' })).toEqual({ sort: 'model', order: 'asc' })
    expect(sortParams({ prop: 'title', order: null })).toEqual({ sort: 'updated_at', order: 'desc' })
  })

  it('shows a decision on a linked pair by its step and verdict, not its raw key', () => {
    const detail = { step: 'same_person', pair_key: '0123456789abcdef-fedcba9876543210', decision: 'reject' }
    expect(detailPairs(detail, 'link_decision')).toEqual([
      ['link_step', 'same_person'],
      ['link_decision', 'reject'],
      ['pair_key', '01234567…'],
    ])
    // other events keep every field of their detail
    expect(detailPairs({ reason: '材料不全', attachments: [1] }, 'return')).toEqual([['reason', '材料不全']])
    expect(detailPairs('文本')).toEqual([['', '文本']])
  })
  it('normalises model inputs and parameters from maps', () => {
    const inputs = normalizeInputs({ penalties: { label: '行政处罚决定', fields: { party_id: { element: 'party_id', label: '证件号码' }, agency: { element: 'org_name', required: false } } } })
    expect(inputs[0].fields.map((f) => [f.name, f.required])).toEqual([['party_id', true], ['agency', false]])
    expect(normalizeParams({ as_of: { type: 'date', default: 'today', label: '截止日期' } })[0]).toMatchObject({ name: 'as_of', type: 'date', default: 'today' })
    expect(unmappedRequired([{ name: 'p', dataset: 'd', fields: [{ name: 'a', required: true, column: null }, { name: 'b', required: false }] }])).toEqual(['p.a'])
  })
  it('builds the organisation tree', () => {
    const t = orgTree([{ code: 'b', name: 'B', parent: 'a' }, { code: 'a', name: 'A', parent: null }, { code: 'z', name: 'Z', parent: 'gone' }])
    expect(t.map((n) => n.code)).toEqual(['a', 'z'])
    expect(t[0].children[0].code).toBe('b')
  })
  it('builds chart data from statistics', () => {
    const stats = { by_status: { new: 3, filed: 1, closed: 0 }, by_model: [{ model: 'm', name: 'M', leads: 4, filed: 1 }] }
    expect(statusPieOption(stats, 'zh-CN').series[0].data.map((d) => [d.name, d.value])).toEqual([['待核查', 3], ['已立案', 1]])
    expect(totals(stats).conversion).toBe(0.25)
  })
  it('renders Markdown without raw HTML or script links', () => {
    const html = renderMarkdown('# 标题\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://example.org)')
    expect(html).toContain('<h1>标题</h1>')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('href="javascript')
    expect(html).toContain('rel="noopener noreferrer"')
  })
})
