// Uplift statistics benchmark of issue 5: computeSufficientStats (all six payment metrics × the
// country, kind and new/existing segments, with pre- and post-window) against the hand-written
// single statement of upliftBaseline.ts, on the same DuckDB instance in the same process. Before
// anything is timed the engine's cells must equal the baseline's. Reported (medians of alternating
// runs): cold (project just opened, uplift cache empty), warm (DuckDB buffers warm, uplift cache
// cleared before each run — the target row), cached (the per-user table reused: what another
// control arm or CUPED toggle costs at most), and the full analyzeExperiment call (informational).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DuckDBConnection } from '@duckdb/node-api'
import type { UpliftSpecInput, UpliftStats } from '../common/domain/uplift'
import { createEngine, type Engine } from '../electron/engine/engine'
import { projectRelations } from '../electron/engine/scenarios/evaluationContext'
import { computeSufficientStats } from '../electron/engine/uplift'
import { campaignData } from './campaignData'
import { ok, setUpProject } from './campaignProject'
import { summarize, timePair, type BenchRow, type Timing } from './measure'
import { assertSameCells, IMPORTED_TABLES, runUpliftBaseline, type UpliftWindows } from './upliftBaseline'

export interface UpliftBenchOptions {
  /** Timed runs per measurement (≥ 5). */
  runs: number
  log: (line: string) => void
}

export interface UpliftSizeInfo {
  payments: number
  users: number
  setupMs: number
  /** Engine diagnostics of one warm run (per-user pass and statistics, ms). */
  diagnostics: UpliftStats['diagnostics']
  cells: number
}

/** Two weeks before, two weeks of analysis, two weeks after, inside the bench data's 25 Aug – 4 Oct. */
export const UPLIFT_WINDOWS: UpliftWindows = {
  preWindow: { start: '2024-08-25', end: '2024-09-08' },
  window: { start: '2024-09-08', end: '2024-09-22' },
  postWindow: { start: '2024-09-22', end: '2024-10-06' },
}

const SPEC: UpliftSpecInput = { ...UPLIFT_WINDOWS, metrics: ['adopted', 'activated', 'payments', 'tpv', 'activeDays', 'retained'], segments: ['country', 'kind', 'payerType'] }

function label(rows: number): string {
  const users = Math.round(rows / 6)
  const short = (n: number): string => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M` : `${Math.round(n / 1000)}k`)
  return `${short(users)} users / ${short(rows)} payments`
}

/** Empty the uplift cache (the attached in-memory database), so the next call scans payments. */
async function clearUpliftCache(conn: DuckDBConnection): Promise<void> {
  const attached = (await conn.runAndReadAll(`SELECT count(*) AS n FROM duckdb_databases() WHERE database_name = 'uplift_cache'`)).getRowObjectsJson()
  if (Number(attached[0]?.n ?? 0) === 0) return
  const names = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'uplift_cache' AND table_name <> 'entries'`)).getRowObjectsJson().map((r) => String(r.table_name))
  for (const name of names) await conn.run(`DROP TABLE IF EXISTS uplift_cache."${name.replaceAll('"', '""')}"`)
  await conn.run('DELETE FROM uplift_cache.entries')
}

async function statsOf(engine: Engine): Promise<UpliftStats> {
  const db = engine.internals.database
  const rel = await projectRelations(db, engine.internals.recipe())
  return computeSufficientStats(db, SPEC, { users: rel.users, payments: rel.payments, cashback: null, timeZones: rel.timeZones, dataVersion: rel.dataVersion })
}

function ratioTarget(subject: Timing, baseline: Timing, max: number): string {
  const ratio = subject.medianMs / baseline.medianMs
  const absolute = subject.medianMs <= 1000 ? '≤ 1.0 s met' : '≤ 1.0 s MISSED'
  return `≤ ${max.toFixed(1)}× ${ratio <= max ? 'met' : 'MISSED'}; ${absolute}`
}

/** One size: a fresh project that imported the bench data; correctness first, then the timings. */
export async function benchUpliftSize(rows: number, options: UpliftBenchOptions): Promise<{ rows: BenchRow[]; info: UpliftSizeInfo }> {
  const { log, runs } = options
  const files = await campaignData(rows, log)
  const dir = mkdtempSync(join(tmpdir(), 'cbl-bench-uplift-'))
  const size = label(rows)
  const out: BenchRow[] = []
  try {
    log(`${size}: importing into a project (stageImport/commitImport + saveMapping)…`)
    const started = performance.now()
    await (await setUpProject(dir, files, 'copy')).close()
    const setupMs = Math.round(performance.now() - started)

    // Cold: the project just opened (DuckDB's buffers empty, the uplift cache too), engine and
    // baseline alternating, each on its own fresh open of the project.
    const coldEngine: number[] = []
    const coldBaseline: number[] = []
    for (let i = 0; i < runs; i++) {
      for (const side of ['engine', 'baseline'] as const) {
        const engine = await createEngine({ projectDir: dir, host: 'test' })
        const conn = await engine.internals.database.instance.connect()
        try {
          const t = performance.now()
          if (side === 'engine') await statsOf(engine)
          else await runUpliftBaseline(conn, IMPORTED_TABLES, UPLIFT_WINDOWS)
          ;(side === 'engine' ? coldEngine : coldBaseline).push(performance.now() - t)
        } finally {
          conn.closeSync()
          await engine.close()
        }
      }
    }
    const cold: [Timing, Timing] = [summarize(coldEngine), summarize(coldBaseline)]
    out.push({ bench: 'uplift stats, cold (just opened)', size, subject: cold[0], baseline: cold[1], baselineName: 'hand-written SQL, fresh open', target: 'informational' })
    log(`  cold: engine ${cold[0].medianMs.toFixed(0)} ms, baseline ${cold[1].medianMs.toFixed(0)} ms`)

    const engine = await createEngine({ projectDir: dir, host: 'test' })
    const conn = await engine.internals.database.instance.connect()
    try {
      log(`${size}: checking the engine's cells against the baseline's…`)
      await clearUpliftCache(conn)
      const stats = await statsOf(engine)
      assertSameCells(stats.cells, await runUpliftBaseline(conn, IMPORTED_TABLES, UPLIFT_WINDOWS), `uplift statistics at ${size}`)
      const users = stats.arms.reduce((n, a) => n + a.users, 0)

      // Warm: buffers warm, the per-user table rebuilt on every run (the target row).
      let diagnostics = stats.diagnostics
      const warm = await timePair(runs, async () => {
        await clearUpliftCache(conn)
        diagnostics = (await statsOf(engine)).diagnostics
      }, async () => void (await runUpliftBaseline(conn, IMPORTED_TABLES, UPLIFT_WINDOWS)))
      out.push({ bench: 'uplift stats, warm (cache cleared)', size, subject: warm[0], baseline: warm[1], baselineName: 'hand-written SQL', target: ratioTarget(warm[0], warm[1], 1.3) })
      log(`  warm: engine ${warm[0].medianMs.toFixed(0)} ms (${warm[0].minMs.toFixed(0)}–${warm[0].maxMs.toFixed(0)}), baseline ${warm[1].medianMs.toFixed(0)} ms (${warm[1].minMs.toFixed(0)}–${warm[1].maxMs.toFixed(0)}); one run: ${JSON.stringify(diagnostics)}`)

      // Cached: the per-user table kept (what another segment choice re-reads; arm/CUPED need no engine call).
      await statsOf(engine)
      const cached = await timePair(runs, async () => {
        const s = await statsOf(engine)
        if (!s.diagnostics.perUserCached) throw new Error('the per-user table was not reused')
      }, async () => void (await runUpliftBaseline(conn, IMPORTED_TABLES, UPLIFT_WINDOWS)))
      out.push({ bench: 'uplift stats, cached per-user table', size, subject: cached[0], baseline: cached[1], baselineName: 'hand-written SQL', target: 'informational' })
      log(`  cached: engine ${cached[0].medianMs.toFixed(0)} ms, baseline ${cached[1].medianMs.toFixed(0)} ms`)

      // The whole analyzeExperiment call (statistics, curves, economics), uplift cache cleared first.
      const request = { spec: SPEC, controlArm: 'control', cuped: true }
      ok(await engine.analyzeExperiment(request), 'analyzeExperiment')
      const full = await timePair(runs, async () => {
        await clearUpliftCache(conn)
        ok(await engine.analyzeExperiment(request), 'analyzeExperiment')
      }, async () => void (await runUpliftBaseline(conn, IMPORTED_TABLES, UPLIFT_WINDOWS)))
      out.push({ bench: 'analyzeExperiment (cache cleared)', size, subject: full[0], baseline: full[1], baselineName: 'hand-written SQL (stats only)', target: 'informational' })
      log(`  analyzeExperiment: ${full[0].medianMs.toFixed(0)} ms, baseline ${full[1].medianMs.toFixed(0)} ms`)
      return { rows: out, info: { payments: rows, users, setupMs, diagnostics, cells: stats.cells.length } }
    } finally {
      conn.closeSync()
      await engine.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
