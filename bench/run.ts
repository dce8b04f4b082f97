// `npm run bench`: every benchmark named in the issues, with its size, against its baseline.
// Not a test: it prints timings and ratios and writes bench/output/results.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism, totalmem } from 'node:os'
import { benchBridgeLatency } from './bridgeLatency'
import { formatRows, type BenchRow } from './measure'
import { benchStartup } from './startup'

const rows: BenchRow[] = []
process.stdout.write(`Cashback Lab benchmarks on ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}\n\n`)
rows.push(await benchStartup(20))
rows.push(await benchBridgeLatency(500))
process.stdout.write(`${formatRows(rows)}\n`)
mkdirSync('bench/output', { recursive: true })
writeFileSync('bench/output/results.json', `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`)
