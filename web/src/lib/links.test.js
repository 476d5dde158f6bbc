import { describe, expect, it } from 'vitest'
import { fieldCaption, groupLinks, linkClass, modelClass, percent, rowPairText, signed, stepColor, waterfall, waterfallOption, WATERFALL_COLORS } from './links.js'

// A pair as GET /api/leads/{id} gives it (pension-after-death, a possible match).
const possible = {
  step: 'same_person', pair_key: 'aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb', class: 'possible', model_class: 'possible',
  probability: 0.62345, weight: 0.72, prior_weight: -6.5,
  explanation: '可能匹配（概率 62.3%）：身份证号仅第14位不同；姓名相似',
  left: [{ input: 'deaths', dataset: '死亡人员登记', row: 10 }],
  right: [{ input: 'payments', dataset: '养老金发放明细', row: 86 }],
  fields: [
    { field: 'id', label: '身份证号', level: 'one_typo', level_label: '一位不同', weight: 9.25, text: '身份证号仅第14位不同' },
    { field: 'name', label: '姓名', level: 'different', level_label: '不同', weight: -2.03, text: '姓名不同' },
  ],
  decision: null,
}

describe('links', () => {
  it('computes the waterfall from the prior through each field to the match weight', () => {
    const w = waterfall(possible)
    expect(w.steps.map((s) => s.kind)).toEqual(['prior', 'field', 'field', 'total'])
    expect(w.steps.map((s) => s.caption)).toEqual(['先验', '身份证号：仅第14位不同', '姓名：不同', '匹配权重'])
    // prior from 0 down to -6.5; the id adds 9.25 from -6.5 to 2.75; the name takes 2.03 down to 0.72
    expect(w.base).toEqual([0, -6.5, 0.72, 0])
    expect(w.value).toEqual([-6.5, 9.25, 2.03, 0.72])
    expect(w.steps[1].from).toBeCloseTo(-6.5)
    expect(w.steps[1].to).toBeCloseTo(2.75)
    expect(w.steps[2].to).toBeCloseTo(0.72)
    expect(w.total).toBe(0.72)
    // each field's bar spans exactly its running totals
    for (const [i, s] of w.steps.entries()) {
      if (s.kind !== 'field') continue
      expect(w.base[i]).toBeCloseTo(Math.min(s.from, s.to))
      expect(w.base[i] + w.value[i]).toBeCloseTo(Math.max(s.from, s.to))
    }
    expect(stepColor(w.steps[1])).toBe(WATERFALL_COLORS.up)
    expect(stepColor(w.steps[2])).toBe(WATERFALL_COLORS.down)
    expect(stepColor(w.steps[0])).toBe(WATERFALL_COLORS.prior)
    expect(stepColor(w.steps[3])).toBe(WATERFALL_COLORS.total)
  })

  it('uses the running total when the pair has no weight, and names steps in English', () => {
    const w = waterfall({ prior_weight: 1, fields: [{ label: 'id', weight: 2, level_label: 'equal' }] }, { prior: 'Prior', total: 'Match weight' })
    expect(w.total).toBe(3)
    expect(w.steps.map((s) => s.caption)).toEqual(['Prior', 'id：equal', 'Match weight'])
    expect(waterfall(null).steps).toHaveLength(2)
  })

  it('builds a stacked ECharts option with a transparent base', () => {
    const o = waterfallOption(possible)
    expect(o.series).toHaveLength(2)
    expect(o.series.every((s) => s.stack === 'waterfall' && s.stackStrategy === 'all')).toBe(true)
    expect(o.series[0].itemStyle.color).toBe('transparent')
    expect(o.series[1].data.map((d) => d.itemStyle.color)).toEqual(['#909399', '#67c23a', '#f56c6c', '#409eff'])
    expect(o.xAxis.data[1]).toBe('身份证号：仅第14位不同')
    const tip = o.tooltip.formatter([{ dataIndex: 2 }])
    expect(tip).toContain('姓名：不同')
    expect(tip).toContain('−2.03')
    expect(o.series[1].label.formatter({ dataIndex: 1 })).toBe('+9.3')
  })

  it('tags, percentages and captions', () => {
    expect(linkClass(possible)).toBe('possible')
    expect(linkClass({ class: 'match' })).toBe('match')
    expect(linkClass({ class: 'match', model_class: 'possible', confirmed: { user: '张检' } })).toBe('confirmed')
    expect(modelClass({ class: 'match', model_class: 'possible' })).toBe('possible')
    expect(modelClass({ class: 'possible' })).toBe('possible')
    expect(percent(0.82145)).toBe('82.1%')
    expect(percent(1)).toBe('100.0%')
    expect(percent('x')).toBe('')
    expect(signed(-1)).toBe('−1.00')
    expect(fieldCaption({ label: '姓名', text: '姓名拼音相同', level_label: '拼音相同' })).toBe('姓名：拼音相同')
    expect(fieldCaption({ label: '身份证号', text: '', level_label: '相同' })).toBe('身份证号：相同')
  })

  it('groups the pairs of the same two records', () => {
    const month = (row) => ({ ...possible, right: [{ dataset: '养老金发放明细', row }] })
    const g = groupLinks([month(48), month(57), { ...possible, pair_key: 'c-d' }, { explanation: '无键' }])
    expect(g).toHaveLength(3)
    expect(g[0].rows).toHaveLength(2)
    expect(rowPairText(g[0].rows[1])).toBe('死亡人员登记第10行 ↔ 养老金发放明细第57行')
    expect(groupLinks(undefined)).toEqual([])
  })
})
