// The import rules of DESIGN.md are machine-enforced: a deliberate violation in each layer fails
// lint with a message saying why, and the allowed imports pass.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const VIOLATIONS: Array<[string, string, RegExp]> = [
  ['common/contract/probe.ts', "import { readFileSync } from 'node:fs'\nvoid readFileSync\n", /no Node built-ins/],
  ['common/contract/probe.ts', "import { app } from 'electron'\nvoid app\n", /Only electron\/main and electron\/preload/],
  ['common/contract/probe.ts', "import { ref } from 'vue'\nvoid ref\n", /renderer\/ only/],
  ['common/contract/probe.ts', "import { createEngine } from '../../electron/engine/engine'\nvoid createEngine\n", /must not import electron\//],
  ['electron/engine/probe.ts', "import { app } from 'electron'\nvoid app\n", /Only electron\/main and electron\/preload/],
  ['electron/engine/db/probe.ts', "import { x } from '../../main/ipc'\nvoid x\n", /must not import main\//],
  ['electron/engine/probe.ts', "import { x } from '../../renderer/api/engineClient'\nvoid x\n", /must not import renderer\//],
  ['electron/main/probe.ts', "import { x } from '../../renderer/main'\nvoid x\n", /must not import renderer\//],
  ['electron/preload/probe.ts', "import { createEngine } from '../engine/engine'\nvoid createEngine\n", /must not import engine\//],
  ['electron/preload/probe.ts', "import { join } from 'node:path'\nvoid join\n", /no Node built-ins/],
  ['electron/preload/probe.ts', "import { requestSchemas } from '../../common/contract'\nvoid requestSchemas\n", /only pure constants/],
  ['renderer/probe.ts', "import { readFileSync } from 'fs'\nvoid readFileSync\n", /no Node built-ins/],
  ['renderer/probe.ts', "import { ipcRenderer } from 'electron'\nvoid ipcRenderer\n", /Only electron\/main and electron\/preload/],
  ['renderer/stores/probe.ts', "import { DuckDBInstance } from '@duckdb/node-api'\nvoid DuckDBInstance\n", /Only electron\/engine talks to DuckDB/],
  ['renderer/views/probe.ts', "import { createEngine } from '../../electron/engine/engine'\nvoid createEngine\n", /must not import electron\//],
  ['electron/engine/probe.ts', "import { tempDir } from '../../tests/helpers/tempDir'\nvoid tempDir\n", /must not import tests\//],
]

describe('layering lint', () => {
  it.each(VIOLATIONS)('%s: %s is refused', async (filePath, code, why) => {
    const messages = await restrictedImports(filePath, code)
    expect(messages.length).toBeGreaterThan(0)
    expect(messages.some((m) => why.test(m)), messages.join(' | ')).toBe(true)
  })

  it.each([
    ['common/contract/probe.ts', "import { z } from 'zod'\nvoid z\n"],
    ['electron/engine/probe.ts', "import { join } from 'node:path'\nimport { ok } from '../../common/contract'\nvoid join\nvoid ok\n"],
    ['electron/main/probe.ts', "import { app } from 'electron'\nimport { createEngine } from '../engine/engine'\nvoid app\nvoid createEngine\n"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron'\nimport { ENGINE_METHODS } from '../../common/contract/methods'\nvoid contextBridge\nvoid ENGINE_METHODS\n"],
    ['renderer/probe.ts', "import { ref } from 'vue'\nimport { ok } from '../common/contract'\nvoid ref\nvoid ok\n"],
  ])('%s: allowed imports pass', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([])
  })
})
