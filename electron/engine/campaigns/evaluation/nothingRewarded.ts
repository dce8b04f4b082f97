// When no payment is rewarded, one sentence saying why: the funnel step that removed the last
// payments, in words. Layer: electron/engine; pure.
import { moneyToCents, type Campaign } from '../../../../common/domain/campaign'
import type { FunnelStep } from '../../../../common/domain/campaignResult'
import { money } from './rewardCells'

/** 1234 → "1,234" (the UI's English sentences; locale formatting of numbers is the renderer's job). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function lastPayments(n: number): string {
  return n === 1 ? 'the last payment' : `the last ${grouped(n)} payments`
}

function because(step: FunnelStep, campaign: Campaign): string {
  const n = step.removed
  switch (step.rule) {
    case 'rewardAfterCaps':
      return `the reward after the caps is 0 for ${lastPayments(n)}.`
    case 'budget': {
      const budget = campaign.budget
      const amount = budget === undefined ? 'the budget' : `the budget of ${money(moneyToCents(budget.amount))} ${budget.currency}`
      return `${amount} was exhausted before ${lastPayments(n)}.`
    }
    case 'clawback':
      return `${lastPayments(n)} ${n === 1 ? 'was' : 'were'} reversed and clawed back.`
    default:
      return `the rule ‘${step.label}’ removed ${lastPayments(n)}.`
  }
}

/**
 * null when something is rewarded. Otherwise the first funnel step that leaves no payment names
 * the cause; without such a step (no funnel given) the candidates say what is left to say.
 */
export function nothingRewarded(funnel: readonly FunnelStep[], candidates: number, rewarded: number, campaign: Campaign): string | null {
  if (rewarded > 0) return null
  const step = funnel.find((s) => s.remaining === 0)
  if (step !== undefined && step.removed === 0) return 'No payment is rewarded: there are no payments to evaluate.'
  if (step !== undefined) return `No payment is rewarded: ${because(step, campaign)}`
  if (candidates === 0) return 'No payment is rewarded: no payment passes the eligibility rules.'
  return `No payment is rewarded: none of the ${grouped(candidates)} candidate payments has a reward above 0.`
}
