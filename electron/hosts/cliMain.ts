// Process entry of the CLI (bundled to out/node/cli.js, run by bin/cashback-lab.js).
import { runCli } from './cli'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
process.exitCode = code
