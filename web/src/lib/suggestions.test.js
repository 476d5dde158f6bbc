import { describe, expect, it } from 'vitest'
import { acceptSuggestions, confidenceLevel, confidenceTagType, formatConfidence, pendingSuggestions, suggestionIndex } from './suggestions.js'

// As POST /api/models/{id}/mapping-suggestions answers (docs/api.md).
const api = [
  {
    name: 'penalties', label: '行政处罚决定', dataset: 'local', version: 1,
    fields: [
      { name: 'decision_no', column: '处罚决定书文号', confidence: 0.96, reason: '表头“处罚决定书文号”与“决定书文号”同义', reason_en: 'synonym' },
      { name: 'party_id', column: '证件号码', confidence: 0.96, reason: '…', reason_en: '…' },
      { name: 'amount', column: '列5', confidence: 0.5, reason: '仅凭内容判断', reason_en: 'content alone' },
      { name: 'agency', column: null, confidence: 0, reason: '', reason_en: '' },
      { name: 'decision_date', column: '决定日期', confidence: 1, reason: '表头与字段标签相同', reason_en: 'label' },
    ],
  },
  { name: 'payments', label: '罚款缴纳记录', dataset: null, version: null, fields: [{ name: 'amount', column: null, confidence: 0 }] },
]

// As POST /api/models/{id}/binding answers: decision_date bound by its label, the rest not.
const binding = [
  {
    name: 'penalties', dataset: 'local',
    fields: [
      { name: 'decision_no', column: null, required: true },
      { name: 'party_id', column: null, required: true },
      { name: 'amount', column: null, required: true },
      { name: 'agency', column: null, required: false },
      { name: 'decision_date', column: '决定日期', required: true, auto: true },
    ],
  },
  { name: 'payments', dataset: null, fields: [{ name: 'amount', column: null }] },
]

describe('mapping suggestions', () => {
  it('grades confidence and highlights the uncertain', () => {
    expect(confidenceLevel(0.96)).toBe('high')
    expect(confidenceLevel(0.7)).toBe('medium')
    expect(confidenceLevel(0.5)).toBe('low')
    expect(confidenceLevel(0.7, 0.75)).toBe('low')
    expect(confidenceLevel(undefined)).toBe('low')
    expect(confidenceTagType('high')).toBe('success')
    expect(confidenceTagType('low')).toBe('danger')
    expect(formatConfidence(0.874)).toBe('87%')
    expect(formatConfidence(1)).toBe('100%')
  })
  it('indexes suggested columns by input and field', () => {
    const idx = suggestionIndex(api)
    expect(Object.keys(idx).sort()).toEqual(['penalties.amount', 'penalties.decision_date', 'penalties.decision_no', 'penalties.party_id'])
    expect(idx['penalties.amount'].level).toBe('low')
    expect(idx['penalties.party_id']).toMatchObject({ column: '证件号码', dataset: 'local', level: 'high' })
  })
  it('lists only the suggestions that would change the binding', () => {
    const pending = pendingSuggestions(binding, suggestionIndex(api))
    expect(pending.map((p) => p.key)).toEqual(['penalties.decision_no', 'penalties.party_id', 'penalties.amount'])
    expect(pending[0]).toMatchObject({ column: '处罚决定书文号', current: null, level: 'high' })
    // A suggestion made for another dataset than the one now chosen is stale.
    const other = binding.map((i) => ({ ...i, dataset: i.dataset && 'another' }))
    expect(pendingSuggestions(other, suggestionIndex(api))).toEqual([])
  })
  it('uses the chosen datasets when the preview cannot bind yet', () => {
    // POST /binding with a required field unmapped answers dataset: null for every input.
    const unbound = binding.map((i) => ({ ...i, dataset: null }))
    expect(pendingSuggestions(unbound, suggestionIndex(api))).toEqual([])
    const pending = pendingSuggestions(unbound, suggestionIndex(api), { penalties: 'local' })
    expect(pending.map((p) => p.key)).toEqual(['penalties.decision_no', 'penalties.party_id', 'penalties.amount'])
    expect(pendingSuggestions(unbound, suggestionIndex(api), { penalties: 'another' })).toEqual([])
  })
  it('confirms the confident ones and leaves the uncertain and the hand-mapped alone', () => {
    const pending = pendingSuggestions(binding, suggestionIndex(api))
    expect(acceptSuggestions({}, pending)).toEqual({ 'penalties.decision_no': '处罚决定书文号', 'penalties.party_id': '证件号码' })
    expect(acceptSuggestions({ 'penalties.party_id': '别的列' }, pending)).toEqual({ 'penalties.party_id': '别的列', 'penalties.decision_no': '处罚决定书文号' })
    expect(acceptSuggestions({}, pending, { min: 0 })['penalties.amount']).toBe('列5')
    expect(acceptSuggestions({}, pending, { input: 'payments' })).toEqual({})
  })
})
