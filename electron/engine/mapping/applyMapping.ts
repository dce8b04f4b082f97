// Apply a project mapping: rebuild the canonical views in one transaction (a mapping that fails
// leaves the previous views in place), then validate. Layer: electron/engine.
import type { ProjectMapping, ValidationReport } from '../../../common/domain/mapping'
import type { Database } from '../db/database'
import { buildCanonicalViews } from './canonicalViews'
import { validateMapping } from './validate'

export async function applyMapping(db: Database, mapping: ProjectMapping): Promise<ValidationReport> {
  await db.connection.run('BEGIN TRANSACTION')
  try {
    await buildCanonicalViews(db, mapping)
    await db.connection.run('COMMIT')
  } catch (error) {
    await db.connection.run('ROLLBACK').catch(() => undefined)
    throw error
  }
  return validateMapping(db, mapping)
}
