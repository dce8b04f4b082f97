// Process entry of web mode (bundled to out/node/web.js, started by `npm run web`): the engine
// plus the built renderer on http://127.0.0.1:<port>/. Layer: electron/hosts.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createProjectHost } from '../engine/project/projectHost'
import { toErrorInfo } from '../engine/engineError'
import { appDataDir, defaultProjectDir } from '../engine/project/paths'
import { createBridge } from './bridge'

const USAGE = 'Usage: npm run web -- [--port N] [--project DIR] [--static DIR]\n'

async function main(): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        port: { type: 'string', default: '5183' },
        project: { type: 'string' },
        static: { type: 'string' },
      },
    }))
  } catch (error) {
    process.stderr.write(`web: ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`web: --port takes a number from 0 to 65535, got "${values.port}".\n`)
    return 2
  }
  const staticDir = values.static ?? new URL('../renderer', import.meta.url).pathname
  if (!existsSync(`${staticDir}/index.html`)) {
    process.stderr.write(`web: no built renderer in ${staticDir}; run "npm run build:web" first (npm run web does this).\n`)
    return 1
  }
  let engine
  try {
    // The default project starts with the bundled sample; a folder the user names starts empty.
    const sample = fileURLToPath(new URL('../../datasets/sample', import.meta.url))
    engine = await createProjectHost({ appDataDir: appDataDir(), defaultProjectDir: defaultProjectDir(), initialProjectDir: values.project ?? defaultProjectDir(), host: 'web', seedFrom: sample })
  } catch (error) {
    process.stderr.write(`web: ${toErrorInfo(error).message}\n`)
    return 1
  }
  const bridge = createBridge({ engine, staticDir })
  let url: string
  try {
    url = await bridge.listen(port)
  } catch (error) {
    process.stderr.write(`web: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}. Try --port 0 for any free port.\n`)
    await engine.close()
    return 1
  }
  process.stdout.write(`Cashback Lab (web mode) is at ${url}\nProject: ${values.project ?? defaultProjectDir()}\nPress Ctrl+C to stop.\n`)
  const stop = async (): Promise<void> => {
    await bridge.close()
    await engine.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return 0
}

const code = await main()
if (code !== 0) process.exitCode = code
