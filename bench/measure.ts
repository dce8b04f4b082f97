// Timing helpers for benchmarks (not tests): repeated runs, percentiles, ratio to a baseline.

export interface Timing {
  runs: number
  medianMs: number
  p95Ms: number
  minMs: number
  maxMs: number
}

export async function time(runs: number, work: () => Promise<void>, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  return summarize(samples)
}

/** Median (upper middle for an even count), p95, min and max of some samples in ms. */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: sorted[0] ?? Number.NaN, maxMs: sorted.at(-1) ?? Number.NaN }
}

/**
 * Two pieces of work measured in alternation (a, b, a, b, …) after `warmup` rounds, so a busy
 * machine's slow spells fall on both alike.
 */
export async function timePair(runs: number, a: () => Promise<void>, b: () => Promise<void>, warmup = 1): Promise<[Timing, Timing]> {
  for (let i = 0; i < warmup; i++) {
    await a()
    await b()
  }
  const as: number[] = []
  const bs: number[] = []
  for (let i = 0; i < runs; i++) {
    let start = performance.now()
    await a()
    as.push(performance.now() - start)
    start = performance.now()
    await b()
    bs.push(performance.now() - start)
  }
  return [summarize(as), summarize(bs)]
}

export interface BenchRow {
  bench: string
  size: string
  subject: Timing
  baseline: Timing
  baselineName: string
  /** The target for this row, e.g. "≤ 1.2×" or "≤ 150 ms", with whether it was met. */
  target?: string
}

export function formatRows(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'size', 'runs', 'median ms', 'min–max ms', 'baseline', 'baseline median ms', 'baseline min–max', 'ratio', 'target']
  const range = (t: Timing): string => `${t.minMs.toFixed(0)}–${t.maxMs.toFixed(0)}`
  const lines = rows.map((r) => [
    r.bench,
    r.size,
    String(r.subject.runs),
    r.subject.medianMs.toFixed(2),
    range(r.subject),
    r.baselineName,
    r.baseline.medianMs.toFixed(2),
    range(r.baseline),
    `${(r.subject.medianMs / r.baseline.medianMs).toFixed(2)}×`,
    r.target ?? '',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n')
}
