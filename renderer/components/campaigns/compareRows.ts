// The Compare table as rows of cells: one column per scenario, the first is the baseline and the
// others show their difference from it. Layer: renderer/components (pure).
import type { CampaignEvaluation } from '../../../common/domain/campaignResult'
import { formatCount, formatPercent } from '../../../common/format/numbers'
import { countryName, countryTime, money, moneyDelta } from './resultFormat'

export interface CompareScenario {
  id: string
  name: string
  evaluation: CampaignEvaluation | null
  error: string | null
}

export interface CompareCell {
  value: string
  /** Difference from the baseline (null in the baseline column or when not comparable). */
  delta: string | null
  /** Sign of the delta, for colour: more cost is not "good", so no judgement, only direction. */
  direction: 'up' | 'down' | 'same' | null
}

export interface CompareRow {
  key: string
  label: string
  cells: CompareCell[]
}

const ORDER = ['IN', 'BR']

function sign(d: number): CompareCell['direction'] {
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same'
}

function relative(base: number, value: number): string {
  if (base === 0) return ''
  return ` (${value >= base ? '+' : '−'}${formatPercent(Math.abs(value - base) / base)})`
}

function numberRow(key: string, label: string, scenarios: readonly CompareScenario[], pick: (e: CampaignEvaluation) => number | null, format: (n: number) => string, deltaFormat: (d: number) => string): CompareRow {
  const base = scenarios[0]?.evaluation
  const baseValue = base === null || base === undefined ? null : pick(base)
  return {
    key,
    label,
    cells: scenarios.map((s, index) => {
      const value = s.evaluation === null ? null : pick(s.evaluation)
      if (value === null) return { value: '—', delta: null, direction: null }
      if (index === 0 || baseValue === null) return { value: format(value), delta: null, direction: null }
      const d = Math.round((value - baseValue) * 100) / 100
      return { value: format(value), delta: `${d > 0 ? '+' : d < 0 ? '−' : '±'}${deltaFormat(Math.abs(d))}${relative(baseValue, value)}`, direction: sign(d) }
    }),
  }
}

const usd = (e: CampaignEvaluation): number | null => (e.accruedUsd === null ? null : Number(e.accruedUsd))

/** The countries any scenario covers, India first. */
function countriesOf(scenarios: readonly CompareScenario[]): string[] {
  const set = new Set(scenarios.flatMap((s) => s.evaluation?.countries.map((c) => c.country) ?? []))
  return [...set].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b))
}

export function compareRows(scenarios: readonly CompareScenario[], zones: Readonly<Record<string, string>> = {}): CompareRow[] {
  const rows: CompareRow[] = [numberRow('usd', 'Total cost (USD)', scenarios, usd, (n) => money(String(n), 'USD'), (d) => money(String(d), 'USD'))]
  for (const country of countriesOf(scenarios)) {
    const currency = scenarios.flatMap((s) => s.evaluation?.countries.filter((c) => c.country === country) ?? [])[0]?.currency ?? ''
    const of = (e: CampaignEvaluation) => e.countries.find((c) => c.country === country) ?? null
    const accrued = (e: CampaignEvaluation): number | null => {
      const c = of(e)
      return c === null ? null : Number(c.accrued)
    }
    rows.push(numberRow(`cost-${country}`, `Cost · ${countryName(country)}`, scenarios, accrued, (n) => money(String(n), currency), (d) => money(String(d), currency)))
    rows.push({
      key: `avg-${country}`,
      label: `Average reward · ${countryName(country)}`,
      cells: scenarios.map((s, index) => {
        const c = s.evaluation === null ? null : of(s.evaluation)
        const base = scenarios[0]?.evaluation
        const b = base === null || base === undefined ? null : of(base)
        if (c === null || c.averageReward === null) return { value: '—', delta: null, direction: null }
        if (index === 0 || b === null || b.averageReward === null) return { value: money(c.averageReward, currency), delta: null, direction: null }
        const d = Number(c.averageReward) - Number(b.averageReward)
        return { value: money(c.averageReward, currency), delta: moneyDelta(b.averageReward, c.averageReward, currency), direction: sign(d) }
      }),
    })
  }
  rows.push(numberRow('payments', 'Rewarded payments', scenarios, (e) => e.totals.rewardedPayments, formatCount, formatCount))
  rows.push(numberRow('users', 'Rewarded users', scenarios, (e) => e.totals.rewardedUsers, formatCount, formatCount))
  rows.push({
    key: 'budget',
    label: 'Budget',
    cells: scenarios.map((s) => {
      const b = s.evaluation?.totals.budget ?? null
      if (s.evaluation === null) return { value: '—', delta: null, direction: null }
      if (b === null) return { value: 'No budget', delta: null, direction: null }
      return { value: `${money(b.spent, b.currency)} of ${money(b.amount, b.currency)}`, delta: null, direction: null }
    }),
  })
  rows.push({
    key: 'exhaustion',
    label: 'Budget exhausted',
    cells: scenarios.map((s) => {
      const e = s.evaluation
      const b = e?.totals.budget ?? null
      if (e === null || e === undefined) return { value: '—', delta: null, direction: null }
      if (b === null) return { value: 'No budget', delta: null, direction: null }
      if (b.exhaustedAt === null) return { value: 'Not exhausted', delta: null, direction: null }
      const country = e.countries[0]?.country ?? 'IN'
      return { value: countryTime(b.exhaustedAt, country, zones), delta: null, direction: null }
    }),
  })
  return rows
}
