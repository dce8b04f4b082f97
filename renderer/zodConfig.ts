// Imported first by main.ts: the shared domain modules build zod schemas when they load, and zod
// probes `new Function` for its JIT unless told not to, which the renderer's CSP (no
// 'unsafe-eval') reports as a violation. The renderer only reads constants from those modules.
// Layer: renderer.
import { config } from 'zod'

config({ jitless: true })
