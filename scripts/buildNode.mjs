// Bundles the Node hosts (CLI and web mode) to out/node/ with esbuild; packages stay external
// and are loaded from node_modules. Used by `npm run cli`, `npm run web` and the CLI's bin.
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))

export async function buildNodeHosts() {
  await build({
    absWorkingDir: root.pathname,
    entryPoints: { cli: 'electron/hosts/cliMain.ts', web: 'electron/hosts/webMain.ts' },
    outdir: 'out/node',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'error',
  })
}

if (import.meta.url === `file://${process.argv[1]}`) await buildNodeHosts()
