// Dates and times as text, without time-zone surprises: engine values are local wall-clock
// strings ("2024-04-03 09:15:00", already in the country's zone) and are reformatted, never
// re-interpreted. Instants (ISO with Z) take an explicit IANA zone. Layer: common (pure).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/

/** "2024-04-03" → "3 Apr 2024"; "2024-04-03 09:15:00" → "3 Apr 2024, 09:15". Unknown text as is. */
export function formatLocalDateTime(text: string): string {
  const match = LOCAL.exec(text.trim())
  if (match === null) return text
  const [, year, month, day, hour, minute] = match
  const date = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`
  return hour === undefined ? date : `${date}, ${hour}:${minute}`
}

/** "2024-04-03" → "3 Apr" (chart axes, where the year is on the axis name or obvious). */
export function formatShortDate(text: string): string {
  const match = LOCAL.exec(text.trim())
  if (match === null) return text
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]}`
}

/** "3 Apr 2024 – 1 Jun 2024"; one side missing → "—". */
export function formatLocalRange(first: string | null, last: string | null): string {
  if (first === null || last === null) return '—'
  return `${formatLocalDateTime(first)} – ${formatLocalDateTime(last)}`
}

/**
 * An instant ("2026-11-27T13:09:40.692Z") as "27 Nov 2026, 13:09" in the given IANA time zone
 * (the viewer's own zone when omitted). Unparseable text is returned unchanged.
 */
export function formatInstant(iso: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  return formatLocalDateTime(`${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`)
}

/** 12 → "12 ms", 1_540 → "1.5 s", 65_000 → "1 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 9_950) return `${(ms / 1000).toFixed(1)} s`
  const total = Math.round(ms / 1000)
  if (total < 60) return `${total} s`
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`
}
