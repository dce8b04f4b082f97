// `npm run datasets -- --users N [--seed S] [--out DIR] [--csv]`: generates a sample dataset.
// Layer: datasets (build-time tool); the boundary that turns errors into messages and exit codes.
import { resolve } from 'node:path'
import { parseArgs, USAGE, UsageError } from './args'
import { generate } from './generate'

async function main(argv: readonly string[]): Promise<number> {
  let options
  try {
    options = parseArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const started = performance.now()
  const clock = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`
  console.log(`Generating ${options.users.toLocaleString('en-US')} users (seed ${options.seed}, payers ×${options.payers}) into ${resolve(options.outDir)}`)
  const manifest = await generate(options, (message) => console.log(`${clock()}  ${message}`))
  console.log(`${clock()}  done`)
  for (const [table, count] of Object.entries(manifest.rows)) console.log(`  ${table.padEnd(9)} ${count.toLocaleString('en-US').padStart(12)} rows`)
  for (const file of manifest.files) console.log(`  ${file.name.padEnd(17)} ${(file.bytes / 1e6).toFixed(2).padStart(9)} MB`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
