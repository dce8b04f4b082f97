// A campaign window as analysts think of it — first and last local day in a country's time zone —
// and the UTC instants the campaign schema wants ([start, end) in ISO with Z). IST midnight is
// 18:30Z the day before; BRT midnight is 03:00Z. Layer: common (pure; Intl only).
import type { CampaignCountry } from '../domain/campaign'

/** The zones the sample and the mapping default to (DOMAIN §4); a mapping may name others. */
export const COUNTRY_TIME_ZONE: Record<CampaignCountry, string> = { IN: 'Asia/Kolkata', BR: 'America/Sao_Paulo' }

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(text: string): boolean {
  const match = DATE.exec(text)
  if (match === null) return false
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Date(t).toISOString().slice(0, 10) === text
}

/** "2024-09-30" + 1 → "2024-10-01" (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Minutes the zone is ahead of UTC at the instant `utcMs` (IST → 330, BRT → −180). */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000)
}

/** Local midnight of `date` in `timeZone` as an ISO instant ("2024-09-02", IST → "2024-09-01T18:30:00Z"); null for a bad date. */
export function localMidnightToUtc(date: string, timeZone: string): string | null {
  if (!isLocalDate(date)) return null
  const wall = Date.parse(`${date}T00:00:00Z`)
  // The offset at the guessed instant, then again at the corrected one (right across DST changes).
  let utc = wall - zoneOffsetMinutes(wall, timeZone) * 60_000
  utc = wall - zoneOffsetMinutes(utc, timeZone) * 60_000
  return new Date(utc).toISOString().replace('.000Z', 'Z')
}

/** The local calendar date of an instant in `timeZone` ("2024-09-01T18:30:00Z", IST → "2024-09-02"); null when unparseable. */
export function utcToLocalDate(iso: string, timeZone: string): string | null {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return null
  return new Date(t + zoneOffsetMinutes(t, timeZone) * 60_000).toISOString().slice(0, 10)
}

/** "UTC+05:30" / "UTC−03:00" for the zone at that date. */
export function utcOffsetLabel(date: string, timeZone: string): string {
  const t = isLocalDate(date) ? Date.parse(`${date}T12:00:00Z`) : Date.now()
  const minutes = zoneOffsetMinutes(t, timeZone)
  const abs = Math.abs(minutes)
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

export interface LocalWindow {
  /** First day of the campaign, local. */
  firstDay: string
  /** Last day of the campaign, local, inclusive. */
  lastDay: string
}

/** [firstDay 00:00, lastDay + 1 00:00) local → the schema's UTC window; null parts for bad dates. */
export function windowFromLocal(local: LocalWindow, timeZone: string): { start: string | null; end: string | null } {
  return {
    start: localMidnightToUtc(local.firstDay, timeZone),
    end: isLocalDate(local.lastDay) ? localMidnightToUtc(addDays(local.lastDay, 1), timeZone) : null,
  }
}

/** The schema's window back as local days (the end is exclusive, so the last day is the day before it). */
export function windowToLocal(window: { start: string; end: string }, timeZone: string): LocalWindow {
  const first = utcToLocalDate(window.start, timeZone) ?? ''
  const endDay = utcToLocalDate(window.end, timeZone)
  return { firstDay: first, lastDay: endDay === null ? '' : addDays(endDay, -1) }
}

/** The sample's campaign period (datasets/sample/manifest.json: 2024-09-02 … 2024-09-30, end excluded). */
export const SAMPLE_CAMPAIGN_DAYS: LocalWindow = { firstDay: '2024-09-02', lastDay: '2024-09-29' }
