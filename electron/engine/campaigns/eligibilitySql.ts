// Step 1 of DOMAIN.md §5 as a list of rules, each a WHERE condition with a human label, in the
// order the funnel shows them. The candidate stage ANDs them; the funnel counts them cumulatively.
// Layer: electron/engine.
//
// Column names the conditions use (the FROM clause in candidatesSql.ts / campaignFunnel.ts
// provides them): the payments columns unqualified, the deduplicated users row as u_signup_ts,
// u_arm, u_seg_0 … (usersSql.ts), and prior_user_id (the user paid before the window) for the
// payer type.
import { centsToString, moneyToCents, termsFor, type Campaign, type CampaignCountry } from '../../../common/domain/campaign'
import type { FunnelRule } from '../../../common/domain/campaignResult'
import { ident, join, raw, sql, type Sql } from '../db/sql'
import { moneyParam, windowParams } from './campaignValues'
import type { UserRules } from './campaignContext'

export interface EligibilityRule {
  rule: FunnelRule
  label: string
  condition: Sql
}

const COUNTRY_NAMES: Record<string, string> = { IN: 'India', BR: 'Brazil' }
const RAIL_NAMES: Record<string, string> = { UPI: 'UPI', PIX: 'Pix', CARD: 'card', OTHER: 'other rails' }
const ENTRY_NAMES: Record<string, string> = { CONTACT: 'contact', QR: 'QR code', UPI_ID: 'UPI ID', COLLECT: 'collect request', PIX_KEY: 'Pix key', OTHER: 'other' }
const CURRENCY_SYMBOL: Record<string, string> = { INR: '₹', BRL: 'R$', USD: 'US$' }

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}

export function moneyLabel(currency: string, amount: number): string {
  return `${CURRENCY_SYMBOL[currency] ?? `${currency} `}${centsToString(moneyToCents(amount))}`
}

/** `column IN (?, ?, …)`; the list is never empty here (empty lists are not rules). */
function inList(column: Sql, values: readonly string[]): Sql {
  return sql`${column} IN (${join(values.map((v) => sql`${v}`))})`
}

const decimal = (x: number): Sql => sql`CAST(${moneyParam(x)} AS DECIMAL(18,2))`

interface AmountBounds {
  min: number | undefined
  max: number | undefined
}

function boundsCondition(b: AmountBounds): Sql | null {
  const parts: Sql[] = []
  if (b.min !== undefined) parts.push(sql`amount >= ${decimal(b.min)}`)
  if (b.max !== undefined) parts.push(sql`amount <= ${decimal(b.max)}`)
  return parts.length === 0 ? null : join(parts, ' AND ')
}

function boundsLabel(currency: string, b: AmountBounds): string {
  if (b.min !== undefined && b.max !== undefined) return `${moneyLabel(currency, b.min)}–${moneyLabel(currency, b.max)}`
  if (b.min !== undefined) return `at least ${moneyLabel(currency, b.min)}`
  return `at most ${moneyLabel(currency, b.max ?? 0)}`
}

/** Per-country min/max amount (termsFor): one condition when every country has the same bounds, else CASE country. */
function amountRule(campaign: Campaign): EligibilityRule | null {
  const perCountry = campaign.countries.map((country) => {
    const t = termsFor(campaign, country)
    return { country, currency: t.currency, bounds: { min: t.minAmount, max: t.maxAmount } }
  })
  const active = perCountry.filter((c) => boundsCondition(c.bounds) !== null)
  if (active.length === 0) return null
  const first = perCountry[0]
  const uniform = perCountry.every((c) => c.bounds.min === first?.bounds.min && c.bounds.max === first?.bounds.max && c.currency === first?.currency)
  const label = uniform && first !== undefined
    ? `Amount ${boundsLabel(first.currency, first.bounds)}`
    : `Amount ${active.map((c) => `${boundsLabel(c.currency, c.bounds)} (${COUNTRY_NAMES[c.country] ?? c.country})`).join('; ')}`
  if (uniform && first !== undefined) return { rule: 'amountRange', label, condition: boundsCondition(first.bounds) ?? raw('TRUE') }
  const branches = active.map((c) => sql`WHEN ${c.country} THEN ${boundsCondition(c.bounds) ?? raw('TRUE')}`)
  return { rule: 'amountRange', label, condition: sql`(CASE country ${join(branches, ' ')} ELSE TRUE END)` }
}

/** status + window: SUCCESS and REVERSED are both "successful at payment time" (rewardsSql.ts). */
export function successfulInWindow(campaign: Campaign): Sql {
  const window = windowParams(campaign)
  return sql`status IN (${'SUCCESS'}, ${'REVERSED'}) AND ts >= CAST(${window.start} AS TIMESTAMP) AND ts < CAST(${window.end} AS TIMESTAMP)`
}

/** The payment-level rules (no users needed), in funnel order. */
export function paymentRules(campaign: Campaign): EligibilityRule[] {
  const e = campaign.eligibility
  const rules: EligibilityRule[] = [
    { rule: 'successfulInWindow', label: 'Successful payments in the window', condition: successfulInWindow(campaign) },
    { rule: 'countries', label: `${orList(campaign.countries.map((c) => COUNTRY_NAMES[c] ?? c))} only`, condition: inList(raw('country'), campaign.countries) },
  ]
  if (e.rails.length > 0) rules.push({ rule: 'rails', label: `${orList(e.rails.map((r) => RAIL_NAMES[r] ?? r))} only`, condition: inList(raw('rail'), e.rails) })
  if (e.kinds.length > 0) rules.push({ rule: 'kinds', label: `${orList(e.kinds)} only`, condition: inList(raw('kind'), e.kinds) })
  if (e.entryMethods.length > 0) {
    rules.push({ rule: 'entryMethods', label: `Entered by ${orList(e.entryMethods.map((m) => ENTRY_NAMES[m] ?? m))} only`, condition: inList(raw('entry_method'), e.entryMethods) })
  }
  const amount = amountRule(campaign)
  if (amount !== null) rules.push(amount)
  return rules
}

/** Payer type: new = no SUCCESS/REVERSED payment (any rail, kind, country) before the window start. */
export function payerTypeRule(campaign: Campaign): EligibilityRule | null {
  switch (campaign.eligibility.payerType) {
    case 'all':
      return null
    case 'new':
      return { rule: 'payerType', label: 'New payers (no successful payment before the window)', condition: raw('prior_user_id IS NULL') }
    case 'existing':
      return { rule: 'payerType', label: 'Existing payers (a successful payment before the window)', condition: raw('prior_user_id IS NOT NULL') }
    default: {
      const unknown: never = campaign.eligibility.payerType
      throw new Error(`Unknown payer type ${String(unknown)}`)
    }
  }
}

/** The users rules (account age, arms, segments). */
export function userRuleList(campaign: Campaign, rules: UserRules): EligibilityRule[] {
  const out: EligibilityRule[] = []
  const days = campaign.eligibility.minAccountAgeDays
  if (rules.accountAge && days !== undefined) {
    out.push({
      rule: 'accountAge',
      label: `Account at least ${days} day${days === 1 ? '' : 's'} old`,
      // ts − signup_ts ≥ days × 24 h; no signup_ts (or no users row) = not eligible.
      condition: sql`u_signup_ts IS NOT NULL AND ts >= u_signup_ts + to_hours(CAST(${days * 24} AS BIGINT))`,
    })
  }
  if (rules.arms.length > 0) out.push({ rule: 'arms', label: `Arm ${orList(rules.arms)} only`, condition: inList(raw('u_arm'), rules.arms) })
  if (rules.segments.length > 0) {
    out.push({
      rule: 'segments',
      label: `Segment: ${rules.segments.map((s) => `${s.column} = ${orList(s.values)}`).join('; ')}`,
      condition: join(rules.segments.map((s, i) => inList(segmentColumn(i), s.values)), ' AND '),
    })
  }
  return out
}

/** The i-th segment's text column of the deduplicated users row (usersSql.ts). */
export function segmentColumn(i: number): Sql {
  return ident(`u_seg_${i}`)
}

/** Every rule up to segments, in funnel order (what the candidate stage ANDs). */
export function eligibilityRules(campaign: Campaign, rules: UserRules): EligibilityRule[] {
  const payer = payerTypeRule(campaign)
  return [...paymentRules(campaign), ...(payer === null ? [] : [payer]), ...userRuleList(campaign, rules)]
}

export function countryName(country: CampaignCountry | string): string {
  return COUNTRY_NAMES[country] ?? country
}
