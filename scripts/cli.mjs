// `npm run cli -- <command> [options]`: build the CLI bundle, then run it with the given arguments.
import { buildNodeHosts } from './buildNode.mjs'

await buildNodeHosts()
await import(new URL('../out/node/cli.js', import.meta.url).href)
