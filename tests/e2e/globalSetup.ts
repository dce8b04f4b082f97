// E2E global setup: build the renderer once (vite build API, the same config as the apps use)
// into out/renderer, which every e2e file then serves through the web bridge.
import { build } from 'vite'
import { rendererConfig } from '../../vite.renderer.config'

export default async function setup(): Promise<void> {
  await build({ ...rendererConfig, configFile: false, logLevel: 'warn' })
}
