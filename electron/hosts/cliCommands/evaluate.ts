// `cashback-lab evaluate --campaign FILE`: what a campaign costs on the project's mapped payments
// (DOMAIN.md §5). Layer: electron/hosts.
import { readFileSync } from 'node:fs'
import { campaignIssues, campaignSchema } from '../../../common/domain/campaign'
import type { RewardTotals } from '../../../common/domain/campaignResult'
import { formatCount, type CliCommand } from './types'

export const evaluateCommand: CliCommand = {
  summary: 'Evaluate a campaign (JSON file) on the mapped payments: cost, rewarded payments and users, budget.',
  usage: 'evaluate --campaign FILE',
  options: { campaign: { type: 'string', description: 'a campaign JSON file (see docs/campaigns.md)' } },
  async run(engine, _positionals, options) {
    if (typeof options.campaign !== 'string') return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Give the campaign with --campaign FILE.' } }
    let json: unknown
    try {
      json = JSON.parse(readFileSync(options.campaign, 'utf8'))
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `Cannot read the campaign file ${options.campaign}: ${reason}.` } }
    }
    const parsed = campaignSchema.safeParse(json)
    if (!parsed.success) {
      const issues = campaignIssues(json)
      const lines = Object.entries(issues).map(([field, message]) => `${field}: ${message}`)
      return { ok: false, error: { code: 'INVALID_REQUEST', message: `The campaign in ${options.campaign} is not valid — ${lines.join('; ')}`, details: { issues } } }
    }
    return engine.evaluateCampaign({ campaign: parsed.data })
  },
  human: (totals: RewardTotals) => {
    const lines = totals.byCountry.map(
      (c) => `  ${c.country}  ${c.currency} ${c.accrued} accrued (${c.paidCash} paid after breakage, ${c.clawedBack} clawed back)  ${formatCount(c.rewardedPayments)} rewarded payments of ${formatCount(c.candidatePayments)} candidates, ${formatCount(c.rewardedUsers)} users`,
    )
    const budget = totals.budget === null ? 'no budget' : `budget ${totals.budget.currency} ${totals.budget.spent} of ${totals.budget.amount} spent, ${totals.budget.exhaustedAt === null ? 'not exhausted' : `exhausted at ${totals.budget.exhaustedAt}`}`
    return [`Rewarded ${formatCount(totals.rewardedPayments)} payments of ${formatCount(totals.rewardedUsers)} users; ${budget}`, ...lines].join('\n')
  },
}
