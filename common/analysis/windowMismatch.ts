// Does a scenario's campaign window cover the same local days as the analysis window? Cashback
// received is summed over the campaign's rewarded payments, the uplift over the analysis window;
// when they differ, cost per incremental adopter divides one period's cost by another period's
// uplift. Layer: common (pure; Intl only).
import { addDays, utcToLocalDate } from '../campaigns/localWindow'
import type { AnalysisNote } from '../domain/analysis'
import type { LocalWindow } from '../domain/uplift'

/** The local days [start, end) an instant window [startIso, endIso) touches in `timeZone`. */
export function localDaysOf(startIso: string, endIso: string, timeZone: string): LocalWindow | null {
  const start = utcToLocalDate(startIso, timeZone)
  const lastInstant = new Date(Date.parse(endIso) - 1).toISOString()
  const last = utcToLocalDate(lastInstant, timeZone)
  if (start === null || last === null) return null
  return { start, end: addDays(last, 1) }
}

export interface CampaignWindowInput {
  name: string
  window: { start: string; end: string }
  countries: readonly string[]
}

/**
 * A WINDOW_MISMATCH warning naming each campaign country whose campaign days differ from the
 * analysis window; null when they agree everywhere (or a country has no known zone).
 */
export function windowMismatchNote(campaign: CampaignWindowInput, analysis: LocalWindow, timeZones: Readonly<Record<string, string>>): AnalysisNote | null {
  const differing: string[] = []
  for (const country of campaign.countries) {
    const zone = timeZones[country]
    if (zone === undefined) continue
    const days = localDaysOf(campaign.window.start, campaign.window.end, zone)
    if (days === null || (days.start === analysis.start && days.end === analysis.end)) continue
    differing.push(`${country} ${days.start} to ${addDays(days.end, -1)}`)
  }
  if (differing.length === 0) return null
  return {
    code: 'WINDOW_MISMATCH',
    severity: 'warning',
    message:
      `The scenario "${campaign.name}" rewards payments on other days than the analysis window (${analysis.start} to ${addDays(analysis.end, -1)}): ` +
      `its campaign runs ${differing.join('; ')} (local days). Cashback is counted over the campaign and the uplift over the analysis window, ` +
      'so the cost per incremental adopter mixes two periods. Set the analysis window to the campaign\'s days, or read the economics with care.',
  }
}
