// `npm run web -- [--port N] [--project DIR]`: build the renderer and the web host, then serve the
// app on 127.0.0.1 (the same engine and renderer as the desktop app, over HTTP).
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { buildNodeHosts } from './buildNode.mjs'

await build({ configFile: fileURLToPath(new URL('../vite.renderer.config.ts', import.meta.url)), logLevel: 'warn' })
await buildNodeHosts()
await import(new URL('../out/node/web.js', import.meta.url).href)
