// `npm run bench`: every benchmark named in the issues, with its size, against its baseline.
// Not a test: it prints timings and ratios and writes bench/output/results.json.
// `npm run bench -- --quick` skips the 10M-row imports.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'
import { benchBridgeLatency } from './bridgeLatency'
import { benchImport, type ImportBenchExtra } from './importSpeed'
import { formatRows, type BenchRow } from './measure'
import { benchStartup } from './startup'

const quick = process.argv.includes('--quick')
const rows: BenchRow[] = []
const imports: ImportBenchExtra[] = []
process.stdout.write(`Cashback Lab benchmarks on ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}\n\n`)
rows.push(await benchStartup(20))
rows.push(await benchBridgeLatency(500))
for (const size of quick ? [1_000_000] : [1_000_000, 10_000_000]) {
  for (const format of ['csv', 'parquet'] as const) {
    process.stdout.write(`import ${format} ${size.toLocaleString('en-US')} rows…\n`)
    const { row, extra } = await benchImport(size, format, size >= 10_000_000 ? 2 : 3)
    rows.push(row)
    imports.push(extra)
  }
}
process.stdout.write(`\n${formatRows(rows)}\n\nImports (load = staging with rejects, typed columns, money check and the independent row count):\n`)
for (const i of imports) {
  process.stdout.write(`  ${i.format} ${i.rows.toLocaleString('en-US')} rows (${i.fileMB} MB): ${i.rowsPerSecond.toLocaleString('en-US')} rows/s, inspect ${i.inspectMs} ms, profile ${i.profileMs} ms, peak RSS ${i.peakRssMB} MB, longest gap between progress ticks ${i.maxProgressGapMs} ms\n`)
}
mkdirSync('bench/output', { recursive: true })
writeFileSync('bench/output/results.json', `${JSON.stringify({ at: new Date().toISOString(), rows, imports }, null, 2)}\n`)
