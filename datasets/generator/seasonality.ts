// Time patterns: weekday and month-start factors per kind, and the hour-of-day profile (local time).
// Layer: datasets (build-time generator). Factors are renormalised to mean 1 over the study calendar.
import type { Country, Kind } from './countries'

/** Monday … Sunday. */
type Week = readonly [number, number, number, number, number, number, number]

export const WEEKDAY: Record<Country, Record<Kind | 'ADOPT', Week>> = {
  IN: {
    P2P: [1.01, 1.0, 0.99, 0.99, 1.02, 1.02, 0.97],
    P2M: [0.97, 0.97, 0.98, 0.98, 1.02, 1.06, 1.02],
    BILL: [1.08, 1.06, 1.05, 1.04, 1.02, 0.92, 0.83],
    ADOPT: [1.0, 1.0, 0.99, 0.99, 1.01, 1.03, 0.98],
  },
  BR: {
    P2P: [1.0, 0.98, 0.98, 0.99, 1.06, 1.04, 0.95],
    P2M: [0.95, 0.96, 0.97, 0.99, 1.07, 1.08, 0.98],
    BILL: [1.1, 1.07, 1.05, 1.04, 1.02, 0.9, 0.82],
    ADOPT: [1.0, 0.99, 0.99, 1.0, 1.03, 1.02, 0.97],
  },
}

/** Salary and bill days: factor on days 1 … MONTH_START_DAYS of each month. */
export const MONTH_START_DAYS = 5
export const MONTH_START: Record<Kind | 'ADOPT', number> = { P2P: 1.2, P2M: 1.06, BILL: 1.35, ADOPT: 1.1 }

/** Relative payment volume by local hour 0 … 23. */
export const HOURS: Record<Country, readonly number[]> = {
  IN: [0.25, 0.12, 0.06, 0.05, 0.08, 0.3, 0.8, 1.5, 2.5, 3.5, 4.5, 5.2, 5.5, 5.3, 5.0, 4.8, 5.0, 5.5, 6.2, 6.8, 6.5, 5.2, 3.0, 1.2],
  BR: [0.6, 0.3, 0.15, 0.1, 0.1, 0.3, 1.0, 2.2, 3.6, 4.6, 5.2, 5.6, 6.0, 5.4, 5.0, 4.9, 5.1, 5.5, 6.0, 6.0, 5.4, 4.4, 3.0, 1.6],
}
