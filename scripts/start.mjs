// `npm start`: build the desktop app and run it in Electron (extra arguments go to the app).
// Where the Electron binary is missing (it cannot be downloaded on some machines), explain that
// and point to web mode instead. Electron is never require()d here: that would try a download.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The Electron executable from node_modules/electron (path.txt + dist/), or null when absent. */
function electronBinary() {
  const packageDir = join(root, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : null
}

const electron = electronBinary()
if (electron === null) {
  process.stderr.write(
    [
      'npm start: the desktop shell needs the Electron binary, and there is none in node_modules/electron/dist.',
      'It could not be downloaded on this machine (Electron fetches it from github.com on first use).',
      'Use `npm run web` to run the same app in your browser, or run `npm start` where `npx electron --version` works.',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) {
  process.stderr.write('npm start: electron-vite build failed; see the output above.\n')
  process.exit(build.status ?? 1)
}

// ELECTRON_RUN_AS_NODE would make Electron behave as plain Node and ignore the app.
const env = { ...process.env }
delete env.ELECTRON_RUN_AS_NODE
const run = spawnSync(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env })
if (run.error) {
  process.stderr.write(`npm start: could not run Electron (${electron}): ${run.error.message}\n`)
  process.exit(1)
}
process.exit(run.status ?? 1)
