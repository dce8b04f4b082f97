// Test helpers: a real project database with datasets and canonical views built by the engine's
// own mapping code, and the relations computeSufficientStats reads.
import { join } from 'node:path'
import type { ProjectMapping } from '../../../common/domain/mapping'
import { projectMappingSchema } from '../../../common/domain/mapping'
import { openDatabase, type Database } from '../../../electron/engine/db/database'
import { datasetTable, ensureCatalog } from '../../../electron/engine/datasets/catalog'
import { buildCanonicalViews } from '../../../electron/engine/mapping/canonicalViews'
import { sql, type Sql } from '../../../electron/engine/db/sql'
import type { UpliftRelations } from '../../../electron/engine/uplift'

export async function openProject(dir: string): Promise<Database> {
  const db = await openDatabase(join(dir, 'project'), { threads: 2, memoryLimit: '2GB' })
  await ensureCatalog(db)
  return db
}

/** A dataset table from a SELECT (tests write the rows as VALUES). */
export async function createDataset(db: Database, name: string, select: Sql): Promise<void> {
  await db.run(sql`CREATE OR REPLACE TABLE ${datasetTable(name)} AS ${select}`)
}

export async function mapProject(db: Database, mapping: unknown): Promise<ProjectMapping> {
  const parsed = projectMappingSchema.parse(mapping)
  await buildCanonicalViews(db, parsed)
  return parsed
}

export function relations(mapping: ProjectMapping, dataVersion: string, cashback: Sql | null = null): UpliftRelations {
  return {
    users: mapping.roles.users === undefined ? null : sql`canon.users`,
    payments: mapping.roles.payments === undefined ? null : sql`canon.payments`,
    cashback,
    timeZones: Object.fromEntries(Object.entries(mapping.countries).map(([c, s]) => [c, s.timeZone])),
    dataVersion,
  }
}
