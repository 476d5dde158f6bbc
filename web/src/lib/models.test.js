import { describe, expect, it } from 'vitest'
import { failedSelfTests, modelStatusTag } from './models.js'

describe('failedSelfTests', () => {
  // As GET /api/models/{id} answers for an unverified version (docs/packages.md).
  const selfTest = {
    passed: false,
    cases: [
      { name: 'basic', passed: false, expected_leads: 5, produced_leads: 4, problem: '  - missing:    licence-not-revoked | 33010219870819317X\n' },
      { name: 'legacy-ids', passed: true, expected_leads: 2, produced_leads: 2, problem: '' },
    ],
  }
  it('lists only the failed cases with their counts and problem', () => {
    expect(failedSelfTests(selfTest)).toEqual([
      { name: 'basic', expected: 5, produced: 4, problem: '- missing:    licence-not-revoked | 33010219870819317X' },
    ])
  })
  it('accepts the JSON text and tolerates nothing or garbage', () => {
    expect(failedSelfTests(JSON.stringify(selfTest))).toHaveLength(1)
    expect(failedSelfTests('')).toEqual([])
    expect(failedSelfTests('{not json')).toEqual([])
    expect(failedSelfTests(null)).toEqual([])
  })
})

describe('modelStatusTag', () => {
  it('maps statuses to tag types', () => {
    expect(modelStatusTag('verified')).toBe('success')
    expect(modelStatusTag('unverified')).toBe('warning')
    expect(modelStatusTag('untested')).toBe('info')
  })
})
