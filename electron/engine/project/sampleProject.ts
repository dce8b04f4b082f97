// First start: a new project seeded with the bundled sample (Parquet files + a mapping), so the
// app opens on real-looking data. Layer: electron/engine.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectMappingSchema } from '../../../common/domain/mapping'
import type { EngineApi } from '../../../common/contract'
import { EngineError } from '../engineError'
import type { RegisteredFile } from '../datasets/fileRegistry'

export const SAMPLE_MAPPING_FILE = 'mapping.json'

/** True when `dir` holds a sample: Parquet files and a mapping. */
export function isSampleFolder(dir: string): boolean {
  return existsSync(join(dir, SAMPLE_MAPPING_FILE)) && readdirSync(dir).some((f) => f.endsWith('.parquet'))
}

/** Import every Parquet file of the sample as a dataset named after it, then apply its mapping. */
export async function seedSample(engine: EngineApi & { registerFile(path: string): RegisteredFile }, sampleDir: string): Promise<void> {
  const mapping = projectMappingSchema.safeParse(JSON.parse(readFileSync(join(sampleDir, SAMPLE_MAPPING_FILE), 'utf8')))
  if (!mapping.success) throw new EngineError('INTERNAL', `The bundled sample's mapping is invalid: ${mapping.error.issues[0]?.message}`)
  for (const name of readdirSync(sampleDir).filter((f) => f.endsWith('.parquet')).sort()) {
    const file = engine.registerFile(join(sampleDir, name))
    const staged = await engine.stageImport({ fileId: file.fileId, datasetName: name.replace(/\.parquet$/, ''), overrides: {}, mode: 'copy' })
    if (!staged.ok) throw new EngineError(staged.error.code, `Seeding the sample (${name}): ${staged.error.message}`)
    const committed = await engine.commitImport({ importId: staged.value.importId, acceptRejects: false })
    if (!committed.ok) throw new EngineError(committed.error.code, `Seeding the sample (${name}): ${committed.error.message}`)
  }
  const saved = await engine.saveMapping({ mapping: mapping.data })
  if (!saved.ok) throw new EngineError(saved.error.code, `Seeding the sample's mapping: ${saved.error.message}`)
}
