// What a campaign is evaluated on: the payments, users and FX relations, the countries' time zones,
// the evaluation scope and a data version (the cache key of everything derived from the data).
// Layer: electron/engine. Also checks that the rules a campaign uses have the data they need.
import { randomUUID } from 'node:crypto'
import type { Campaign } from '../../../common/domain/campaign'
import type { EvaluationScope } from '../../../common/domain/campaignResult'
import type { Sql } from '../db/sql'
import { EngineError } from '../engineError'

export interface CampaignContext {
  /** payments(payment_id, user_id, ts UTC, amount DECIMAL(18,2), currency, country, rail, kind, status, counterparty_id, region, entry_method). */
  payments: Sql
  /** users(user_id, signup_ts, arm, … extra columns), e.g. canon.users; null when users are not mapped. */
  users: Sql | null
  /** Every column of the users relation (segments may name any of them). */
  usersColumns: readonly string[]
  /**
   * Canonical users fields that are actually mapped (canon.users has all of them, NULL when
   * unmapped): rules on an unmapped one fail with a CONFLICT naming it. Default: every column of
   * usersColumns (then a rule on an unmapped field finds no eligible payment instead).
   */
  mappedUserFields: readonly string[]
  /** fx(date DATE, currency, usd_per_unit DOUBLE). */
  fx: Sql
  /** country → IANA time zone (the project's mapping countries); other countries use UTC dates. */
  timeZones: Readonly<Record<string, string>>
  scope: EvaluationScope
  /** Changes whenever the data behind the relations changes (mapping, imports, FX): cached tables are keyed by it. */
  dataVersion: string
}

/** The old two-relation form (payments + fx) still works: no users, default zones, no cache reuse. */
export type CampaignContextInput = Pick<CampaignContext, 'payments' | 'fx'> & Partial<CampaignContext>

export const DEFAULT_TIME_ZONES: Readonly<Record<string, string>> = { IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo' }

/** Canonical users fields: a segment on one of these needs it mapped; the rest are extra columns. */
const CANONICAL_USER_FIELDS = ['user_id', 'country', 'region', 'signup_ts', 'arm', 'assigned_ts'] as const

export function resolveContext(input: CampaignContextInput): CampaignContext {
  return {
    payments: input.payments,
    fx: input.fx,
    users: input.users ?? null,
    usersColumns: input.usersColumns ?? [],
    mappedUserFields: input.mappedUserFields ?? (input.users == null ? [] : (input.usersColumns ?? [])),
    timeZones: input.timeZones ?? DEFAULT_TIME_ZONES,
    scope: input.scope ?? 'treatment',
    // Without a version nothing cached can be trusted: a fresh one is never reused.
    dataVersion: input.dataVersion ?? `unversioned-${randomUUID()}`,
  }
}

/** The target arms that apply: none under scope "all" (a full rollout ignores the arms rule). */
export function activeArms(campaign: Campaign, scope: EvaluationScope): readonly string[] {
  return scope === 'all' ? [] : campaign.eligibility.arms
}

export interface UserRules {
  accountAge: boolean
  arms: readonly string[]
  segments: Campaign['eligibility']['segments']
}

export function userRules(campaign: Campaign, scope: EvaluationScope): UserRules {
  return { accountAge: campaign.eligibility.minAccountAgeDays !== undefined, arms: activeArms(campaign, scope), segments: campaign.eligibility.segments }
}

export function needsUsers(rules: UserRules): boolean {
  return rules.accountAge || rules.arms.length > 0 || rules.segments.length > 0
}

/** users.arm is mapped: the output's arm column comes from users, else it is NULL. */
export function armMapped(context: CampaignContext): boolean {
  return context.users !== null && context.mappedUserFields.includes('arm')
}

function missingField(field: string, what: string): EngineError {
  return new EngineError('CONFLICT', `${what} needs users.${field}: map it in Data → Mapping.`, { details: { role: 'users', field } })
}

/**
 * Every users rule must have its data: CONFLICT naming the missing role/field (nothing mapped,
 * signup_ts or arm unmapped, a segment on an unmapped canonical field); INVALID_REQUEST for a
 * segment column the users relation does not have, listing the ones it has.
 */
export function checkUserRules(campaign: Campaign, context: CampaignContext): UserRules {
  const rules = userRules(campaign, context.scope)
  const mapped = (field: string): boolean => context.users !== null && context.mappedUserFields.includes(field)
  if (rules.accountAge && !mapped('signup_ts')) throw missingField('signup_ts', 'Minimum account age')
  if (rules.arms.length > 0 && !mapped('arm')) throw missingField('arm', 'Targeting experiment arms')
  for (const segment of rules.segments) {
    if (context.users === null) throw new EngineError('CONFLICT', `The segment on "${segment.column}" needs users: map a users dataset in Data → Mapping.`, { details: { role: 'users' } })
    if (!context.usersColumns.includes(segment.column)) {
      const available = context.usersColumns.filter((c) => c !== 'user_id')
      throw new EngineError('INVALID_REQUEST', `The users data has no column "${segment.column}" for a segment. Available columns: ${available.map((c) => `"${c}"`).join(', ') || 'none'}.`, {
        details: { column: segment.column, available },
      })
    }
    if ((CANONICAL_USER_FIELDS as readonly string[]).includes(segment.column) && !mapped(segment.column)) throw missingField(segment.column, `The segment on "${segment.column}"`)
  }
  return rules
}
