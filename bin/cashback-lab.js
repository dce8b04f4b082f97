#!/usr/bin/env node
// The `cashback-lab` command: runs the bundled CLI (out/node/cli.js).
import { existsSync } from 'node:fs'

const cli = new URL('../out/node/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('cashback-lab: the CLI is not built yet; run "npm run build:node" once (or use "npm run cli -- <command>", which builds it).\n')
  process.exit(1)
}
await import(cli.href)
