// Linked pairs behind a lead (fuzzy identity linkage): grouping, class tags and the waterfall of
// match weights (Splink-style: the prior weight, then each field's weight, to the final weight).
// Pure: no Vue, no I/O.

/** The pair's class as the UI shows it: confirmed (经人工确认), match or possible. */
export function linkClass(link) {
  if (link?.confirmed) return 'confirmed'
  return link?.class === 'match' ? 'match' : 'possible'
}

/** Element Plus tag type of a class. */
export function linkClassTagType(cls) {
  return cls === 'confirmed' ? 'success' : cls === 'match' ? 'primary' : 'warning'
}

/** The class the model gave on probability alone (older runs: the class). */
export function modelClass(link) {
  return link?.model_class || link?.class || ''
}

/** A probability (0–1) as a percentage with one decimal: 0.8214 → "82.1%". */
export function percent(p) {
  const n = Number(p)
  if (!Number.isFinite(n)) return ''
  return `${(Math.round(n * 1000) / 10).toFixed(1)}%`
}

/** A weight with its sign: 3.2 → "+3.20", -1 → "-1.00". */
export function signed(w, digits = 2) {
  const n = Number(w) || 0
  return `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`
}

/**
 * The lead's links grouped by step and pair key: one group per pair of records as people see
 * them (the same two records may stand behind a lead once per month paid). Each group is the
 * first link with `rows`: every {left, right} of the group, in order. Links without a key stay
 * on their own.
 */
export function groupLinks(links) {
  const groups = []
  const byKey = new Map()
  for (const l of Array.isArray(links) ? links : []) {
    if (!l || typeof l !== 'object') continue
    const key = l.pair_key ? `${l.step}\u0000${l.pair_key}` : null
    if (key && byKey.has(key)) {
      byKey.get(key).rows.push({ left: l.left || [], right: l.right || [] })
      continue
    }
    const g = { ...l, rows: [{ left: l.left || [], right: l.right || [] }] }
    groups.push(g)
    if (key) byKey.set(key, g)
  }
  return groups
}

/** "死亡人员登记第2行 ↔ 养老金发放明细第48行" for each row pair of a group. */
export function rowPairText(rowPair) {
  const side = (refs) => (refs || []).map((r) => `${r.dataset || r.input}第${r.row}行`).join('、')
  return `${side(rowPair.left)} ↔ ${side(rowPair.right)}`
}

/** What a field's bar is called: "身份证号：仅第14位不同" (the sentence without the label). */
export function fieldCaption(f) {
  const label = f?.label || f?.field || ''
  const text = f?.text || ''
  let detail = text.startsWith(label) ? text.slice(label.length) : f?.level_label || text
  detail = detail.replace(/^[：:，,\s]+/, '')
  return detail ? `${label}：${detail}` : label
}

/**
 * The waterfall of a pair's match weight: the prior weight from zero, each field's weight from
 * the running total, and the final weight from zero. Returns {steps, base, value, total} where
 * steps[i] = {name, caption, kind: prior|field|total, weight, from, to, level, text} and base /
 * value are the two stacked series (base transparent; value = the bar's height, signed for the
 * prior and the total, which start at zero, and positive for fields, which start at
 * min(from, to)). Stack all values together (ECharts stackStrategy "all"), so that bars below
 * zero stack too.
 */
export function waterfall(link, labels = {}) {
  const priorName = labels.prior || '先验'
  const totalName = labels.total || '匹配权重'
  const steps = []
  const prior = Number(link?.prior_weight) || 0
  steps.push({ name: priorName, caption: priorName, kind: 'prior', weight: prior, from: 0, to: prior })
  let running = prior
  for (const f of Array.isArray(link?.fields) ? link.fields : []) {
    const w = Number(f.weight) || 0
    steps.push({
      name: f.label || f.field, caption: fieldCaption(f), kind: 'field', weight: w, from: running, to: running + w,
      level: f.level_label || f.level || '', text: f.text || '',
    })
    running += w
  }
  const total = Number.isFinite(Number(link?.weight)) ? Number(link.weight) : running
  steps.push({ name: totalName, caption: totalName, kind: 'total', weight: total, from: 0, to: total })
  const round = (x) => Math.round(x * 1e6) / 1e6
  const base = steps.map((s) => (s.kind === 'field' ? round(Math.min(s.from, s.to)) : 0))
  const value = steps.map((s) => (s.kind === 'field' ? round(Math.abs(s.weight)) : round(s.weight)))
  return { steps, base, value, total }
}

export const WATERFALL_COLORS = { up: '#67c23a', down: '#f56c6c', prior: '#909399', total: '#409eff' }

/** Colour of a step's bar: prior grey, total blue, a field green when it adds, red when it takes. */
export function stepColor(step) {
  if (step.kind === 'prior') return WATERFALL_COLORS.prior
  if (step.kind === 'total') return WATERFALL_COLORS.total
  return step.weight >= 0 ? WATERFALL_COLORS.up : WATERFALL_COLORS.down
}

/**
 * The ECharts option of a pair's waterfall. labels: {prior, total, weight, cumulative}.
 */
export function waterfallOption(link, labels = {}) {
  const w = waterfall(link, labels)
  const weightLabel = labels.weight || '权重'
  const cumulativeLabel = labels.cumulative || '累计'
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const i = Array.isArray(items) && items.length ? items[0].dataIndex : 0
        const s = w.steps[i]
        if (!s) return ''
        const lines = [`<b>${s.caption}</b>`]
        if (s.kind === 'field' && s.text) lines.push(s.text)
        lines.push(`${weightLabel}：${signed(s.weight)}`)
        if (s.kind === 'field') lines.push(`${cumulativeLabel}：${signed(s.to)}`)
        return lines.join('<br/>')
      },
    },
    xAxis: {
      type: 'category',
      data: w.steps.map((s) => s.caption),
      axisLabel: { interval: 0, fontSize: 11, formatter: (v) => String(v).replace('：', '\n') },
    },
    yAxis: { type: 'value', name: weightLabel, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        name: 'base', type: 'bar', stack: 'waterfall', stackStrategy: 'all', silent: true,
        itemStyle: { color: 'transparent', borderColor: 'transparent' }, emphasis: { disabled: true },
        data: w.base,
      },
      {
        name: weightLabel, type: 'bar', stack: 'waterfall', stackStrategy: 'all', barMaxWidth: 48,
        data: w.value.map((v, i) => ({ value: v, itemStyle: { color: stepColor(w.steps[i]) } })),
        label: {
          show: true, position: 'top', fontSize: 11,
          formatter: (p) => signed(w.steps[p.dataIndex]?.weight ?? 0, 1),
        },
      },
    ],
  }
}
