// Default windows: thirds of the payments' days, which on the sample are the generator's periods.
import { describe, expect, it } from 'vitest'
import { defaultWindows, SAMPLE_WINDOWS } from '../../../renderer/stores/resultsDefaults'

describe('defaultWindows', () => {
  it('gives the sample’s periods for its payments (5 Aug – 27 Oct 2024)', () => {
    expect(defaultWindows('2024-08-05', '2024-10-27')).toEqual(SAMPLE_WINDOWS)
  })

  it('drops the leftover days at the end and has no pre/post window under three days', () => {
    expect(defaultWindows('2024-01-01', '2024-01-10')).toEqual({
      preWindow: { start: '2024-01-01', end: '2024-01-04' },
      window: { start: '2024-01-04', end: '2024-01-07' },
      postWindow: { start: '2024-01-07', end: '2024-01-10' },
    })
    expect(defaultWindows('2024-01-01', '2024-01-02')).toEqual({ window: { start: '2024-01-01', end: '2024-01-03' }, preWindow: null, postWindow: null })
  })
})
