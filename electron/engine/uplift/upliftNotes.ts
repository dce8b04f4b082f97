// What an analyst must know before reading uplift statistics: exclusions, empty or tiny arms and
// cells, empty windows, constant metrics, pooled currencies. Pure: reads the computed numbers.
// Layer: electron/engine.
import { OVERALL, type UpliftCell, type UpliftMetricInfo, type UpliftNote, type UpliftSpec } from '../../../common/domain/uplift'
import type { JsonRow } from '../db/database'
import type { ExperimentUsers } from './experimentUsers'

/** An arm below this many users is flagged as too small to say much. */
export const TINY_ARM = 100
/** Segment cells below this many users are counted in a note. */
export const SMALL_CELL = 30

export interface NotesInput {
  spec: UpliftSpec
  ex: ExperimentUsers
  arms: readonly { arm: string; users: number }[]
  cells: readonly UpliftCell[]
  metrics: readonly UpliftMetricInfo[]
  /** The overall rows of the stats query carry tot_w / tot_p / tot_post. */
  totals: readonly JsonRow[]
  changingZones: readonly string[]
  hasPayments: boolean
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

function windowText(w: { start: string; end: string }): string {
  return `${w.start} to ${w.end} (end excluded)`
}

export function upliftNotes(input: NotesInput): UpliftNote[] {
  const { spec, ex, arms, cells } = input
  const notes: UpliftNote[] = []
  const add = (code: string, severity: UpliftNote['severity'], message: string): void => {
    notes.push({ code, severity, message })
  }
  if (ex.multiArmUsers > 0) {
    add('MULTI_ARM_USERS', 'warning', `${plural(ex.multiArmUsers, 'user')} appear in the users table with different arms (e.g. ${ex.multiArmExamples.join(', ')}). They are excluded from every statistic: which treatment they saw is unknown. Check the assignment export.`)
  }
  if (ex.duplicateRows > 0) add('DUPLICATE_USERS', 'info', `${plural(ex.duplicateRows, 'extra row')} of users listed more than once with the same arm were merged: each user counts once.`)
  if (ex.nullUserIds > 0) add('NULL_USER_IDS', 'info', `${plural(ex.nullUserIds, 'users row')} without a user id ${ex.nullUserIds === 1 ? 'was' : 'were'} ignored.`)
  if (ex.unassignedUsers > 0) add('UNASSIGNED_USERS', 'info', `${plural(ex.unassignedUsers, 'user')} have no value in "${spec.armColumn}" and are not part of the experiment.`)
  for (const arm of arms) {
    if (arm.users === 0) add('EMPTY_ARM', 'warning', `Arm "${arm.arm}" has no users${ex.multiArmUsers > 0 ? ' (after excluding users listed with several arms)' : ''}: it cannot be compared.`)
    else if (arm.users < TINY_ARM) add('TINY_ARM', 'warning', `Arm "${arm.arm}" has only ${plural(arm.users, 'user')}: intervals will be wide and the normal approximation may not hold.`)
  }
  if (spec.expectedArms !== undefined) {
    const unexpected = arms.filter((a) => !spec.expectedArms!.includes(a.arm) && a.users > 0).map((a) => `"${a.arm}"`)
    if (unexpected.length > 0) add('UNEXPECTED_ARM', 'warning', `The data has arms the design does not list: ${unexpected.join(', ')}.`)
  }
  const small = cells.filter((c) => c.dimension !== OVERALL && c.n > 0 && c.n < SMALL_CELL)
  if (small.length > 0) {
    const example = small[0]!
    add('SMALL_CELLS', 'warning', `${plural(small.length, 'segment cell')} have fewer than ${SMALL_CELL} users in an arm (e.g. ${example.dimension} = ${example.segment ?? 'missing'}, arm "${example.arm}": ${example.n}). Read those segments with care.`)
  }
  const overall = input.totals.filter((r) => Object.entries(r).every(([k, v]) => !k.startsWith('g_') || Number(v) === 1))
  const total = (column: string): number => overall.reduce((s, r) => s + Number(r[column] ?? 0), 0)
  if (input.hasPayments && spec.window !== undefined && total('tot_w') === 0) {
    add('EMPTY_WINDOW', 'warning', `No experiment user made a successful payment in the window ${windowText(spec.window)}, in local dates. Check the dates against the data.`)
  }
  if (input.hasPayments && spec.preWindow !== undefined && total('tot_p') === 0) {
    add('EMPTY_PRE_WINDOW', 'warning', `No experiment user made a successful payment in the pre-window ${windowText(spec.preWindow)}: the covariate is 0 for everyone, so CUPED cannot reduce variance.`)
  }
  if (input.hasPayments && spec.postWindow !== undefined && spec.metrics.includes('retained') && total('tot_post') === 0) {
    add('EMPTY_POST_WINDOW', 'warning', `No experiment user made a successful payment in the post-window ${windowText(spec.postWindow)}: retention is 0 everywhere. Does the data reach that far?`)
  }
  if (input.hasPayments && spec.preWindow === undefined) add('NO_COVARIATE', 'info', 'No pre-window was chosen: x = 0 for the payment metrics, so CUPED has nothing to adjust with.')
  if (ex.countries > 1 && (spec.metrics.includes('tpv') || spec.metrics.includes('cashback'))) {
    add('CURRENCIES_POOLED', 'info', 'TPV and cashback are in each country\'s local currency: cells that pool countries (overall and non-country segments) add INR and BRL as plain numbers. Compare them by country.')
  }
  // One constant arm is fine for Welch (cashback is 0 in control); every arm constant is not.
  for (const m of input.metrics) {
    const armCells = cells.filter((c) => c.metric === m.id && c.dimension === OVERALL && c.n > 0)
    const constant = armCells.filter((c) => c.sumY2 - (c.sumY * c.sumY) / c.n <= 1e-9 * Math.max(1, c.sumY2))
    if (armCells.length >= 2 && constant.length === armCells.length) {
      add('ZERO_VARIANCE', 'warning', `${m.label} has one value for every user in every arm (${armCells[0]!.n > 0 ? armCells[0]!.sumY / armCells[0]!.n : 0}): its variance is 0, so there is nothing to test.`)
    }
  }
  for (const m of input.metrics.filter((x) => x.population === 'nonNull')) {
    const counted = cells.filter((c) => c.metric === m.id && c.dimension === OVERALL).reduce((s, c) => s + c.n, 0)
    const assigned = arms.reduce((s, a) => s + a.users, 0)
    if (counted < assigned) add('MISSING_OUTCOMES', 'info', `${plural(assigned - counted, 'user')} have no value in "${m.label}" and are left out of it.`)
  }
  if (input.changingZones.length > 0) {
    add('EXACT_LOCAL_DATES', 'info', `${input.changingZones.join(', ')} change UTC offset inside the analysis range, so each payment's local date is converted exactly (slower on large data).`)
  }
  return notes
}
