// Timing helpers for benchmarks (not tests): repeated runs, percentiles, ratio to a baseline.

export interface Timing {
  runs: number
  medianMs: number
  p95Ms: number
  minMs: number
}

export async function time(runs: number, work: () => Promise<void>, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN
  return { runs, medianMs: at(0.5), p95Ms: at(0.95), minMs: samples[0] ?? Number.NaN }
}

export interface BenchRow {
  bench: string
  size: string
  subject: Timing
  baseline: Timing
  baselineName: string
}

export function formatRows(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'size', 'median ms', 'p95 ms', 'baseline', 'baseline median ms', 'ratio']
  const lines = rows.map((r) => [
    r.bench,
    r.size,
    r.subject.medianMs.toFixed(2),
    r.subject.p95Ms.toFixed(2),
    r.baselineName,
    r.baseline.medianMs.toFixed(2),
    `${(r.subject.medianMs / r.baseline.medianMs).toFixed(2)}×`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n')
}
