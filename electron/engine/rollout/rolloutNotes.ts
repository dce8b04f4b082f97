// What an analyst must know before trusting a rollout estimate: too few regions for cluster-robust
// intervals, a short pre-period, pre-trends or a placebo effect, regions left out. Layer: electron/engine.
import type { RolloutNote, RolloutResult, RolloutSpec } from '../../../common/domain/rollout'
import { MIN_CLUSTERS_PER_GROUP } from '../../../common/stats/did'

/** Regions smaller than this add mostly noise; they are kept, and named. */
const SMALL_REGION_USERS = 30

const fmt = (p: number): string => (p < 0.001 ? '< 0.001' : p.toFixed(3))

export function rolloutNotes(r: RolloutResult, spec: RolloutSpec, extra: { emptyTreated: string[]; multiRegionUsers: number }): RolloutNote[] {
  const notes: RolloutNote[] = []
  const treated = r.panel.regions.filter((x) => x.treated).length
  const controls = r.panel.regions.length - treated
  if (treated < MIN_CLUSTERS_PER_GROUP || controls < MIN_CLUSTERS_PER_GROUP) {
    notes.push({
      code: 'few-clusters', severity: r.att.primary === 'size-adjusted' ? 'info' : 'warning',
      message: r.att.primary === 'size-adjusted'
        ? `${treated} treated and ${controls} control regions: cluster-robust intervals by region are far too narrow with so few treated regions (they cannot see the treated regions' own noise), so the interval shown is size-adjusted: the control regions' noise, scaled to each region's users.`
        : `${treated} treated and ${controls} control regions: too few for reliable intervals of any kind; read the estimate as indicative.`,
    })
  }
  if (controls < 5) notes.push({ code: 'few-controls', severity: 'warning', message: `Only ${controls} control region${controls === 1 ? '' : 's'}: the counterfactual rests on very few regions.` })
  if (!r.panel.balanced) notes.push({ code: 'unbalanced-panel', severity: 'warning', message: 'Some region-days are missing: the size-adjusted interval assumes every region is seen every day.' })
  if (r.panel.preDays < 2 * spec.binSize) {
    notes.push({ code: 'short-pre-period', severity: 'warning', message: `Only ${r.panel.preDays} days before the start: parallel trends cannot be checked well. Start the window earlier if the data allows.` })
  }
  if (extra.emptyTreated.length > 0) {
    notes.push({ code: 'treated-region-empty', severity: 'warning', message: `${extra.emptyTreated.join(', ')} ${extra.emptyTreated.length > 1 ? 'have' : 'has'} no users${spec.population ? ' in the chosen population' : ''} and ${extra.emptyTreated.length > 1 ? 'are' : 'is'} left out.` })
  }
  if (r.pretrend !== null && r.pretrend.pValue < 0.05) {
    notes.push({ code: 'pretrend', severity: 'warning', message: `Before the start the treated regions already moved differently from the controls (joint test of the leads, p ${fmt(r.pretrend.pValue)}): the parallel-trends assumption is doubtful.` })
  }
  if (r.placebo !== null && r.placebo.pValue < 0.05) {
    notes.push({ code: 'placebo', severity: 'warning', message: `A fake start on ${r.placebo.start}, inside the pre-period, shows an "effect" (p ${fmt(r.placebo.pValue)}): part of the estimate may be a trend, not the program.` })
  }
  const small = r.panel.regions.filter((x) => x.users < SMALL_REGION_USERS).map((x) => x.region)
  if (small.length > 0) notes.push({ code: 'small-regions', severity: 'info', message: `${small.length} region${small.length > 1 ? 's have' : ' has'} fewer than ${SMALL_REGION_USERS} users (${small.join(', ')}); they weigh little in the estimate.` })
  if (extra.multiRegionUsers > 0) notes.push({ code: 'multi-region-users', severity: 'info', message: `${extra.multiRegionUsers} users are listed with more than one region and are left out.` })
  return notes
}
