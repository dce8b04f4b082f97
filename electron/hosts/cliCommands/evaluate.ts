// `cashback-lab evaluate --campaign FILE [--scope treatment|all] [--csv [--table T]]`: what a
// campaign costs on the project's mapped payments (DOMAIN.md §5). Layer: electron/hosts.
import { readFileSync } from 'node:fs'
import { campaignIssues, campaignSchema } from '../../../common/domain/campaign'
import { EVALUATION_SCOPES, type CampaignEvaluation, type EvaluationScope } from '../../../common/domain/campaignResult'
import { formatCount, type CliCommand, type OptionValues } from './types'
import { evaluationCsv, EVALUATION_TABLES, isEvaluationTable } from './evaluationCsv'

function readCampaign(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(readFileSync(file, 'utf8')) }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    return { ok: false, message: `Cannot read the campaign file ${file}: ${reason}.` }
  }
}

function humanText(e: CampaignEvaluation): string {
  const t = e.totals
  const budget = t.budget === null ? 'no budget' : `budget ${t.budget.currency} ${t.budget.spent} of ${t.budget.amount} spent, ${t.budget.exhaustedAt === null ? 'not exhausted' : `exhausted at ${t.budget.exhaustedAt}`}`
  const lines = [`${e.campaignName} (${e.scope === 'all' ? 'everyone: full rollout' : 'treatment arms'}): rewarded ${formatCount(t.rewardedPayments)} payments of ${formatCount(t.rewardedUsers)} users; ${budget}`]
  for (const c of e.countries) {
    lines.push(
      `  ${c.country}  ${c.currency} ${c.accrued} accrued${c.accruedUsd === null ? '' : ` (USD ${c.accruedUsd})`}, ${c.paidCash} paid after breakage, ${c.clawedBack} clawed back; ${formatCount(c.rewardedPayments)} rewarded payments of ${formatCount(c.candidatePayments)} candidates, ${formatCount(c.rewardedUsers)} users, average ${c.averageReward ?? '—'}`,
    )
  }
  if (e.accruedUsd !== null) lines.push(`  total USD ${e.accruedUsd}`)
  if (e.usdNote !== null) lines.push(`  ${e.usdNote}`)
  for (const g of e.gaming) {
    if (g.share === null) continue
    const control = g.controlShare === null ? 'no control arm to compare with' : `control arm “${g.controlArm ?? ''}”: ${(g.controlShare * 100).toFixed(1)} %`
    lines.push(`  gaming signal ${g.country}: ${(g.share * 100).toFixed(1)} % of rewarded payments are at most ${g.currency} ${g.nearUpTo} (${control})`)
  }
  if (e.nothingRewarded !== null) lines.push(e.nothingRewarded)
  lines.push('Eligibility funnel:', ...e.funnel.map((f) => `  ${f.label.padEnd(44)} ${formatCount(f.remaining).padStart(12)}  (−${formatCount(f.removed)})`))
  return lines.join('\n')
}

export const evaluateCommand: CliCommand = {
  summary: 'Evaluate a campaign (JSON file) on the mapped payments: cost, budget, daily payouts, breakdowns, funnel.',
  usage: 'evaluate --campaign FILE [--scope treatment|all] [--control-arm ARM] [--csv [--table countries|daily|payouts|breakdowns|users|top|funnel]]',
  options: {
    campaign: { type: 'string', description: 'a campaign JSON file (see docs/campaigns.md)' },
    scope: { type: 'string', description: 'treatment (the campaign’s target arms, default) or all (everyone: a full rollout)' },
    'control-arm': { type: 'string', description: 'the control arm for the gaming signal (default: an arm named "control")' },
    csv: { type: 'boolean', description: 'print one result table as CSV (UTF-8, formula-guarded) instead of text' },
    table: { type: 'string', description: `with --csv: ${EVALUATION_TABLES.join(', ')} (default countries)` },
  },
  async run(engine, _positionals, options) {
    if (typeof options.campaign !== 'string') return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Give the campaign with --campaign FILE.' } }
    const scope = options.scope ?? 'treatment'
    if (typeof scope !== 'string' || !(EVALUATION_SCOPES as readonly string[]).includes(scope)) {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `--scope is treatment or all, not "${String(scope)}".` } }
    }
    if (options.table !== undefined && (options.csv !== true || !isEvaluationTable(options.table))) {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `--table goes with --csv and is one of ${EVALUATION_TABLES.join(', ')}.` } }
    }
    const json = readCampaign(options.campaign)
    if (!json.ok) return { ok: false, error: { code: 'INVALID_REQUEST', message: json.message } }
    const parsed = campaignSchema.safeParse(json.value)
    if (!parsed.success) {
      const issues = campaignIssues(json.value)
      const lines = Object.entries(issues).map(([field, message]) => `${field}: ${message}`)
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `The campaign in ${options.campaign} is not valid — ${lines.join('; ')}`, details: { issues } } }
    }
    const controlArm = typeof options['control-arm'] === 'string' ? { controlArm: options['control-arm'] } : {}
    return engine.evaluateCampaign({ campaign: parsed.data, scope: scope as EvaluationScope, ...controlArm })
  },
  human: (evaluation: CampaignEvaluation, options: OptionValues) => {
    if (options.csv !== true) return humanText(evaluation)
    const table = typeof options.table === 'string' && isEvaluationTable(options.table) ? options.table : 'countries'
    return evaluationCsv(evaluation, table).replace(/\r\n$/, '')
  },
}
