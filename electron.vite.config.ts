// electron-vite build of the desktop app: main (+ engine utility process), preload (CommonJS,
// as sandboxed preloads require) and the renderer (minified).
import { defineConfig } from 'electron-vite'
import { appVersionDefine, rendererConfig } from './vite.renderer.config'

export default defineConfig({
  main: {
    define: appVersionDefine,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: 'electron/main/index.ts', utility: 'electron/hosts/utility.ts' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: 'renderer/index.html' } },
  },
})
