import { describe, expect, it } from 'vitest'
import { modelGraph, newReview, reviewProblems } from './registry.js'

const spec = {
  inputs: { penalties: { label: '行政处罚决定' }, payments: { label: '缴款记录' }, applications: { label: '强制执行申请' } },
  steps: [
    { id: 'overdue', kind: 'filter', from: 'penalties' },
    { id: 'unpaid', kind: 'absence', from: 'overdue', against: 'payments' },
    { id: 'unenforced', kind: 'absence', from: 'unpaid', against: 'applications' },
  ],
  leads: [{ step: 'unenforced', rule: 'unpaid-and-not-enforced' }],
}

describe('modelGraph', () => {
  it('lays inputs, steps and lead rules out by depth', () => {
    const g = modelGraph(spec)
    const at = (id) => g.nodes.find((n) => n.id === id)
    expect(at('penalties')).toMatchObject({ name: '行政处罚决定', kind: 'input', x: 0 })
    expect(at('overdue').x).toBe(220)
    expect(at('unpaid').x).toBe(440)
    expect(at('unenforced').x).toBe(660)
    expect(at('lead:unpaid-and-not-enforced')).toMatchObject({ kind: 'lead', x: 880 })
    expect(g.links).toContainEqual({ source: 'payments', target: 'unpaid', label: 'absence' })
    expect(g.links).toContainEqual({ source: 'unenforced', target: 'lead:unpaid-and-not-enforced', label: '' })
    // Inputs share the first column, one row each.
    expect(new Set(g.nodes.filter((n) => n.kind === 'input').map((n) => n.y)).size).toBe(3)
  })
  it('accepts a list of sources and tolerates a missing spec', () => {
    const g = modelGraph({ inputs: [{ name: 'a' }, { name: 'b' }], steps: [{ id: 'u', kind: 'union', from: ['a', 'b'] }] })
    expect(g.links.filter((l) => l.target === 'u')).toHaveLength(2)
    expect(modelGraph(null)).toEqual({ nodes: [], links: [] })
  })
})

describe('review form', () => {
  it('approving needs every item passed; rejecting needs a comment', () => {
    const f = newReview()
    expect(reviewProblems(f)).toEqual([])
    f.items[2].passed = false
    expect(reviewProblems(f)).toEqual(['registry.approveNeedsAll'])
    f.decision = 'reject'
    expect(reviewProblems(f)).toEqual(['registry.rejectNeedsComment'])
    f.comment = '样本线索不足'
    expect(reviewProblems(f)).toEqual([])
  })
})
