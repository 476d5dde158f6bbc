// ECharts options built from GET /api/stats. Pure (no echarts import), so they are unit-tested.
import { STATUSES, statusLabel, isEnglish } from './labels.js'

const STATUS_COLOR = {
  new: '#e74c3c', triaged: '#e67e22', approved: '#f1c40f', verifying: '#3498db', dismissed: '#95a5a6', filed: '#2c6fbb',
  recommended: '#8e44ad', sued: '#6c3483', other: '#7f8c8d', replied: '#1abc9c', rectified: '#27ae60', closed: '#34495e',
}
const COLORS = ['#c0392b', '#e67e22', '#f1c40f', '#2980b9', '#95a5a6', '#8e44ad', '#16a085', '#27ae60',
  '#d35400', '#2c3e50', '#7f8c8d', '#1abc9c']

export function statusPieOption(stats, locale) {
  const by = stats?.by_status || {}
  const keys = [...STATUSES.filter((s) => s in by), ...Object.keys(by).filter((s) => !STATUSES.includes(s))]
  const data = keys.filter((s) => Number(by[s]) > 0).map((s) => ({ name: statusLabel(s, locale), value: Number(by[s]), itemStyle: STATUS_COLOR[s] ? { color: STATUS_COLOR[s] } : undefined }))
  return {
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data, label: { formatter: '{b}\n{c}' } }],
  }
}

export function modelBarOption(stats, locale) {
  const en = isEnglish(locale)
  const rows = stats?.by_model || []
  const names = rows.map((r) => r.name || r.model)
  const series = [
    ['leads', en ? 'Leads' : '线索'],
    ['verified', en ? 'Verified' : '已核查'],
    ['filed', en ? 'Filed' : '立案'],
    ['recommendations', en ? 'Recommendations' : '检察建议'],
    ['rectified', en ? 'Rectified' : '已整改'],
  ].map(([k, label]) => ({ name: label, type: 'bar', data: rows.map((r) => Number(r[k]) || 0) }))
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 160, overflow: 'truncate' } },
    series,
  }
}

export function monthlyLineOption(stats, locale) {
  const en = isEnglish(locale)
  const rows = [...(stats?.monthly || [])].sort((a, b) => String(a.month).localeCompare(String(b.month)))
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: en ? 'Leads' : '新增线索', type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: rows.map((r) => Number(r.leads) || 0) },
      { name: en ? 'Filed' : '立案', type: 'line', smooth: true, data: rows.map((r) => Number(r.filed) || 0) },
    ],
  }
}

/** Overall lead → case conversion: filed / leads summed over models. */
export function totals(stats) {
  const t = { leads: 0, verified: 0, filed: 0, recommendations: 0, replies: 0, rectified: 0 }
  if (stats?.total && typeof stats.total === 'object') {
    for (const k of Object.keys(t)) t[k] = Number(stats.total[k]) || 0
    t.conversion = t.leads ? t.filed / t.leads : 0
    return t
  }
  for (const r of stats?.by_model || []) for (const k of Object.keys(t)) t[k] += Number(r[k]) || 0
  if (!t.leads && stats?.by_status) t.leads = Object.values(stats.by_status).reduce((a, b) => a + (Number(b) || 0), 0)
  t.conversion = t.leads ? t.filed / t.leads : 0
  return t
}

export function conversionGaugeOption(stats, locale) {
  const en = isEnglish(locale)
  const value = Math.round(totals(stats).conversion * 1000) / 10
  return {
    series: [{
      type: 'gauge', min: 0, max: 100, progress: { show: true, width: 14 },
      axisLine: { lineStyle: { width: 14 } }, splitLine: { length: 8 }, axisTick: { show: false },
      axisLabel: { distance: 20, fontSize: 10 },
      detail: { valueAnimation: true, formatter: '{value}%', fontSize: 22, offsetCenter: [0, '65%'] },
      title: { offsetCenter: [0, '95%'] },
      data: [{ value, name: en ? 'Lead → case' : '线索成案率' }],
    }],
  }
}
