// The renderer's Vite config, shared by the desktop build (electron.vite.config.ts) and web mode.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type UserConfig } from 'vite'

const rootDir = fileURLToPath(new URL('.', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export const appVersionDefine = { __APP_VERSION__: JSON.stringify(pkg.version) }

export const rendererConfig: UserConfig = {
  root: `${rootDir}renderer`,
  base: './',
  plugins: [vue()],
  define: appVersionDefine,
  build: {
    outDir: `${rootDir}out/renderer`,
    emptyOutDir: true,
    minify: true,
    target: 'chrome130',
    reportCompressedSize: false,
  },
}

export default defineConfig(rendererConfig)
