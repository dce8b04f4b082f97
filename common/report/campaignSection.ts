// One campaign's section of the report: its rules in plain words, its cost per country side by side
// (India and Brazil in columns), the funnel, and the screen's charts. Layer: common (pure).
import { buildBudgetBurnOption } from '../charts/budgetBurn'
import { countryName } from '../charts/campaignParts'
import { buildCostBreakdownOption } from '../charts/costBreakdown'
import type { ChartPalette } from '../charts/palette'
import { buildPayoutCashflowOption } from '../charts/payoutCashflow'
import { buildRewardPerUserOption } from '../charts/rewardPerUser'
import type { Campaign } from '../domain/campaign'
import type { CampaignEvaluation, CountryCost } from '../domain/campaignResult'
import { formatInstant } from '../format/dates'
import { budgetWords, describeCampaignParts } from './describeCampaign'
import { count, money, percent, text, type ReportCell, type ReportChart, type ReportSection, type ReportTable } from './reportTypes'

export const CHART_WIDTH = 680
export const CHART_HEIGHT = 260

export interface ReportCampaign {
  id: string | null
  campaign: Campaign
  evaluation: CampaignEvaluation | null
  /** Why the evaluation is missing (the engine's message). */
  error: string | null
}

/** Rows = measures, columns = countries: the India/Brazil side-by-side cost table. */
export function costTable(id: string, evaluation: CampaignEvaluation): ReportTable {
  const countries = evaluation.countries
  const row = (label: string, cell: (c: CountryCost) => ReportCell): ReportCell[] => [text(label), ...countries.map(cell)]
  return {
    id,
    title: 'Cost per country',
    columns: ['Measure', ...countries.map((c) => `${countryName(c.country)} (${c.currency})`)],
    rows: [
      row('Candidate payments', (c) => count(c.candidatePayments)),
      row('Rewarded payments', (c) => count(c.rewardedPayments)),
      row('Rewarded users', (c) => count(c.rewardedUsers)),
      row('Cashback accrued', (c) => money(c.accrued, c.currency)),
      row('Clawed back', (c) => money(c.clawedBack, c.currency)),
      row('Cash paid after breakage', (c) => money(c.paidCash, c.currency)),
      row('Average reward', (c) => money(c.averageReward, c.currency)),
      row('Cashback accrued in USD', (c) => money(c.accruedUsd, 'USD')),
      ...(evaluation.totals.budget === null ? [] : [row(`Budget used (${evaluation.totals.budget.currency})`, (c) => money(c.budgetSpent, evaluation.totals.budget?.currency))]),
    ],
  }
}

function funnelTable(id: string, evaluation: CampaignEvaluation): ReportTable {
  const first = evaluation.funnel[0]
  const all = first === undefined ? 0 : first.remaining + first.removed
  return {
    id,
    title: 'Eligibility funnel (payments left after each rule)',
    columns: ['Rule', 'Payments left', 'Removed', 'Share of all payments'],
    rows: evaluation.funnel.map((f) => [text(f.label), count(f.remaining), count(f.removed), percent(all === 0 ? null : f.remaining / all, 2)]),
  }
}

function charts(prefix: string, e: CampaignEvaluation, palette: ChartPalette): ReportChart[] {
  const out: ReportChart[] = []
  const add = (id: string, title: string, option: ReturnType<typeof buildPayoutCashflowOption>, height = CHART_HEIGHT): void => {
    if (option !== null) out.push({ id: `${prefix}-${id}`, title, option, width: CHART_WIDTH, height })
  }
  const budget = e.totals.budget
  if (budget !== null) {
    const exhausted = budget.exhaustedAt === null ? null : { date: budget.exhaustedAt.slice(0, 10), label: `Exhausted ${formatInstant(budget.exhaustedAt, 'UTC')} UTC` }
    add('burn', 'Budget burn', buildBudgetBurnOption(e.burn, palette, { budget: { amount: Number(budget.amount), currency: budget.currency }, exhausted }))
  }
  const countries = Math.max(1, e.countries.length)
  add('cashflow', 'Accrued cashback and payouts 48 h later', buildPayoutCashflowOption(e.daily, e.payouts, palette), CHART_HEIGHT * Math.min(2, countries) * 0.8)
  if (e.breakdowns.some((b) => b.dimension === 'kind')) add('kind', 'Cost by payment kind', buildCostBreakdownOption(e.breakdowns, 'kind', palette), 200 * countries)
  for (const dist of e.rewardPerUser) add(`users-${dist.country}`, `Cashback per user — ${countryName(dist.country)}`, buildRewardPerUserOption(dist, palette), 220)
  return out
}

/** The section of one campaign (n = its position, for ids). */
export function campaignSection(entry: ReportCampaign, n: number, palette: ChartPalette): ReportSection {
  const { campaign, evaluation } = entry
  const words = describeCampaignParts(campaign)
  const facts = [
    { label: 'Rules', text: words.terms },
    { label: 'Who and what qualifies', text: words.eligibility },
    { label: 'Window', text: words.window },
  ]
  const section: ReportSection = { id: `campaign-${n}`, title: campaign.name, paragraphs: [], facts, tables: [], charts: [] }
  if (evaluation === null) {
    section.paragraphs.push(`This campaign could not be evaluated: ${entry.error ?? 'no result'}.`)
    return section
  }
  facts.push({ label: 'Evaluated for', text: evaluation.scope === 'all' ? 'everyone (as a full rollout)' : 'the campaign’s target arms (as tested)' })
  const b = evaluation.totals.budget
  if (b !== null) {
    const spent = Number(b.spent)
    const used = Number(b.amount) > 0 ? spent / Number(b.amount) : 0
    facts.push({ label: 'Budget', text: `${budgetWords(spent, b.currency)} of ${budgetWords(Number(b.amount), b.currency)} used (${percent(used).text}); ${b.exhaustedAt === null ? 'not exhausted' : `exhausted ${formatInstant(b.exhaustedAt, 'UTC')} UTC`}` })
  }
  if (evaluation.accruedUsd !== null) facts.push({ label: 'Total in USD', text: money(evaluation.accruedUsd, 'USD').text })
  if (evaluation.usdNote !== null) section.paragraphs.push(evaluation.usdNote)
  if (evaluation.nothingRewarded !== null) section.paragraphs.push(evaluation.nothingRewarded)
  section.tables.push(costTable(`Cost ${n}`, evaluation), funnelTable(`Funnel ${n}`, evaluation))
  section.charts.push(...charts(`campaign-${n}`, evaluation, palette))
  return section
}

/** Several scenarios side by side (only when there is more than one). */
export function compareTable(entries: readonly ReportCampaign[]): ReportTable {
  return {
    id: 'Scenarios',
    title: 'Scenarios side by side',
    columns: ['Scenario', 'Rewarded payments', 'Rewarded users', 'India (INR)', 'Brazil (BRL)', 'Total (USD)'],
    rows: entries.map((e) => {
      const by = (country: string) => e.evaluation?.countries.find((c) => c.country === country)
      return [
        text(e.campaign.name),
        count(e.evaluation?.totals.rewardedPayments),
        count(e.evaluation?.totals.rewardedUsers),
        money(by('IN')?.accrued ?? null, 'INR'),
        money(by('BR')?.accrued ?? null, 'BRL'),
        money(e.evaluation?.accruedUsd ?? null, 'USD'),
      ]
    }),
  }
}
