// manifest.json: what was generated (seed, sizes, periods, arms, rules) and the true effects.
// Layer: datasets (build-time generator).
import { CALENDAR, DAY, FX_RANGE } from './calendar'
import { COUNTRIES, type Country, PROFILE } from './countries'
import { ARM_RULES, ARMS, type Arm, INCREMENTAL_ADOPTER_ACTIVITY, PERSISTENCE, PERSISTENCE_DAYS, RESPONSE } from './experiment'
import { FX_ANCHORS } from './fx'
import { ROLLOUT_FIRST } from './regions'
import type { WrittenFile } from './output'

type Row = Record<string, unknown>
const n = (v: unknown) => Number(v ?? 0)
const r4 = (v: number) => Math.round(v * 1e4) / 1e4
/** Rates as percentages with 3 decimals (differences are then percentage points). */
const pct = (v: number) => Math.round(v * 1e5) / 1e3

function metrics(row: Row | undefined) {
  return {
    users: n(row?.users), newUsers: n(row?.new_users),
    active14Pct: pct(n(row?.active14)), newActive14Pct: pct(n(row?.new_active14)),
    payments28: r4(n(row?.payments28)), retainedPostPct: pct(n(row?.retained_post)),
    paymentsPost: r4(n(row?.payments_post)), tokens28: r4(n(row?.tokens28)),
  }
}

function effect(t: Row | undefined, c: Row | undefined) {
  const d = (k: string) => n(t?.[k]) - n(c?.[k])
  return {
    active14Pp: pct(d('active14')), newActive14Pp: pct(d('new_active14')), payments28: r4(d('payments28')),
    retainedPostPp: pct(d('retained_post')), paymentsPost: r4(d('payments_post')), tokens28: r4(d('tokens28')),
  }
}

export interface ManifestInput {
  seed: number; users: number; payers: number; duckdbVersion: string
  rows: Record<string, number>; files: WrittenFile[]; potential: Row[]; observed: Row[]; rollout: Row[]
}

const DEFINITIONS = {
  metrics: 'Per RCT user, local days, SUCCESS payments only. active14: ≥ 1 in [campaign start, +14 d); newActive14: the same among users '
    + 'with none in the pre-period; payments28: count in the campaign window; retainedPost: ≥ 1 in the post-period; paymentsPost: count in '
    + 'the post-period; tokens28: minimum-value payments in the campaign window. *Pct are percentages, *Pp percentage points.',
  trueEffects: 'Finite-population ATE: every RCT user is simulated under control and under each arm with the same random numbers; '
    + 'the effect is the mean per-user difference over all RCT users of the country.',
  observedByArm: 'The same metrics computed from the files for the users assigned to each arm (what a difference in means sees).',
  rollout: 'ATT of the flat_small program for rollout users: first region over the 42 days from the campaign start; other regions over '
    + 'the 14 days from the national start; each against the same users simulated without the program.',
}

type TreatedArm = Exclude<Arm, 'control'>
const perCountry = <T,>(f: (c: Country) => T): Record<Country, T> => ({ IN: f('IN'), BR: f('BR') })
const perArm = <T,>(f: (arm: Arm, schedule: number) => T): Record<Arm, T> =>
  ({ control: f('control', 0), flat_small: f('flat_small', 1), flat_large: f('flat_large', 2), pct10: f('pct10', 3) })
const perTreatedArm = <T,>(f: (arm: TreatedArm, schedule: number) => T): Record<TreatedArm, T> =>
  ({ flat_small: f('flat_small', 1), flat_large: f('flat_large', 2), pct10: f('pct10', 3) })

function rolloutTruth(row: Row | undefined, days: number) {
  return {
    paymentsPerUser: r4(n(row?.payments)), paymentsPerUserDay: r4(n(row?.payments) / days),
    activePp: pct(n(row?.active)), untreatedPaymentsPerUser: r4(n(row?.payments_untreated)),
  }
}

export function buildManifest(i: ManifestInput) {
  const find = (rows: Row[], c: Country, s: number) => rows.find((r) => r.country === c && n(r.schedule) === s)
  const rct = perCountry((c) => ({
    controlLevels: metrics(find(i.potential, c, 0)),
    trueEffects: perTreatedArm((_, s) => effect(find(i.potential, c, s), find(i.potential, c, 0))),
    observedByArm: perArm((_, s) => metrics(find(i.observed, c, s))),
  }))
  const rollout = perCountry((c) => {
    const first = i.rollout.find((r) => r.country === c && n(r.wave) === 4)
    const rest = i.rollout.find((r) => r.country === c && n(r.wave) === 5)
    return {
      firstRegion: ROLLOUT_FIRST[c], firstStart: CALENDAR.campaignStart, nationalStart: CALENDAR.rolloutNationalStart,
      firstRegionUsers: n(first?.users), otherUsers: n(rest?.users),
      attFirstRegion42d: rolloutTruth(first, DAY.rolloutNationalStart - DAY.campaignStart),
      attNational14d: rolloutTruth(rest, DAY.end - DAY.rolloutNationalStart),
    }
  })
  return {
    generator: 'cashback-lab datasets/generator v1',
    seed: i.seed, users: i.users, payers: i.payers, duckdbVersion: i.duckdbVersion,
    rows: i.rows, files: i.files,
    periods: {
      pre: [CALENDAR.preStart, CALENDAR.campaignStart], campaign: [CALENDAR.campaignStart, CALENDAR.campaignEnd],
      adopt14: [CALENDAR.campaignStart, CALENDAR.adopt14End], post: [CALENDAR.campaignEnd, CALENDAR.postEnd],
      note: 'local dates, half-open [start, end); ts is stored in UTC (IN = IST +05:30, BR = BRT −03:00)',
    },
    currencies: Object.fromEntries(COUNTRIES.map((c) => [c, PROFILE[c].currency])),
    fx: { range: [FX_RANGE.start, FX_RANGE.end], anchorsLocalPerUsd: FX_ANCHORS },
    arms: ARMS, armRules: ARM_RULES,
    mechanism: {
      existingPayerShare: perCountry((c) => PROFILE[c].existingShare * i.payers),
      monthlyFirstPaymentRate: perCountry((c) => PROFILE[c].monthlyAdoption),
      response: RESPONSE, persistence: { atEnd: PERSISTENCE, decayDays: PERSISTENCE_DAYS },
      incrementalAdopterActivity: INCREMENTAL_ADOPTER_ACTIVITY,
    },
    definitions: DEFINITIONS,
    rct, rollout,
  }
}

export type Manifest = ReturnType<typeof buildManifest>
