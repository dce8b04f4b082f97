// The rollout's pre-period fit (docs/rollouts.md): the treated regions' daily mean outcome, the
// control regions', and the treated counterfactual (fixed effects without the treatment term).
// Before the start treated and counterfactual should overlap; after it the gap is the effect.
// Layer: common (pure).
import type { RolloutResult } from '../domain/rollout'
import { formatLocalDateTime, formatShortDate } from '../format/dates'
import { formatFixed, formatPercent } from '../format/numbers'
import { categoryAxis, chartBase, tooltipBase, valueAxis } from './axisStyle'
import type { ChartOption, TooltipParam } from './chartOption'
import { escapeHtml, tooltipDot } from './html'
import type { ChartPalette } from './palette'

export type RolloutFitInput = Pick<RolloutResult, 'series' | 'treatmentStart' | 'outcome' | 'preFitRmse'>

/** "0.0123" per user-day, or "1.23%" of users for the active share. */
export function rolloutValueText(value: number, outcome: RolloutResult['outcome']): string {
  return outcome === 'activeShare' ? formatPercent(value, 2) : formatFixed(value, 4)
}

export const ROLLOUT_OUTCOME_LABELS: Readonly<Record<RolloutResult['outcome'], string>> = {
  paymentsPerUserDay: 'Payments per user-day',
  activeShare: 'Share of users active per day',
}

/** Null when the result has no days. */
export function buildRolloutFitOption(result: RolloutFitInput, palette: ChartPalette, treatedLabel = 'Treated regions'): ChartOption | null {
  if (result.series.length === 0) return null
  const dates = result.series.map((p) => p.date)
  const { minInterval: _fractions, ...axis } = valueAxis(palette, (v) => rolloutValueText(v, result.outcome))
  const colors = { treated: palette.accent, control: palette.muted, counterfactual: palette.series[1] ?? palette.danger }
  const names = { treated: treatedLabel, control: 'Control regions', counterfactual: 'Treated, counterfactual (no program)' }
  const start = dates.includes(result.treatmentStart) ? result.treatmentStart : null
  const tooltip = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params]
    const point = result.series[list[0]?.dataIndex ?? -1]
    if (point === undefined) return ''
    const line = (key: keyof typeof names) => `${tooltipDot(colors[key])}${escapeHtml(names[key])}: <b>${rolloutValueText(point[key], result.outcome)}</b>`
    return [`<b>${escapeHtml(formatLocalDateTime(point.date))}</b> · ${point.post ? 'after the start' : 'before the start'}`, line('treated'), line('counterfactual'), line('control')].join('<br>')
  }
  return {
    ...chartBase(palette, `${ROLLOUT_OUTCOME_LABELS[result.outcome]} per day from ${dates[0]} to ${dates.at(-1)}: treated regions, control regions and the treated counterfactual; the program starts ${result.treatmentStart}. Pre-period fit RMSE ${rolloutValueText(result.preFitRmse, result.outcome)}.`),
    legend: { show: true, top: 0, right: 8, textStyle: { color: palette.muted }, itemWidth: 14, itemHeight: 8 },
    tooltip: { ...tooltipBase(palette, 'axis'), axisPointer: { type: 'line' }, formatter: tooltip },
    grid: [{ left: 8, right: 16, top: 32, bottom: 8, containLabel: true }],
    xAxis: [{ ...categoryAxis(palette, dates, formatShortDate), boundaryGap: false }],
    yAxis: [axis],
    series: [
      {
        type: 'line',
        name: names.control,
        data: result.series.map((p) => p.control),
        color: colors.control,
        showSymbol: false,
        lineStyle: { width: 1.5 },
        ...(start === null
          ? {}
          : { markLine: { silent: true, symbol: 'none' as const, lineStyle: { color: palette.text, type: 'dashed' as const, width: 1 }, label: { show: true, position: 'insideEndTop' as const, formatter: 'Start', color: palette.muted }, data: [{ xAxis: start, name: 'Start' }] } }),
      },
      { type: 'line', name: names.counterfactual, data: result.series.map((p) => p.counterfactual), color: colors.counterfactual, showSymbol: false, lineStyle: { width: 2, type: 'dashed' } },
      { type: 'line', name: names.treated, data: result.series.map((p) => p.treated), color: colors.treated, showSymbol: false, lineStyle: { width: 2.5 } },
    ],
  }
}
