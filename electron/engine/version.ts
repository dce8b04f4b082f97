// The application version, injected at build time by Vite/esbuild `define`, read from
// package.json when running from source (tests, tsx). Layer: electron/engine.
import { createRequire } from 'node:module'

declare const __APP_VERSION__: string | undefined

function readVersion(): string {
  if (typeof __APP_VERSION__ === 'string') return __APP_VERSION__
  const require = createRequire(import.meta.url)
  const pkg = require('../../package.json') as { version: string }
  return pkg.version
}

export const APP_VERSION: string = readVersion()
