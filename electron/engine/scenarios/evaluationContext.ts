// What a campaign evaluation needs to know about the project: the canonical relations, which user
// columns exist, the countries' time zones and a version of the data (cached candidates are only
// reused for the same data). Layer: electron/engine.
import { createHash } from 'node:crypto'
import type { Recipe } from '../../../common/domain/project'
import type { Queryable } from '../db/database'
import { sql, type Sql } from '../db/sql'
import { EngineError } from '../engineError'

export interface ProjectRelations {
  payments: Sql
  users: Sql | null
  usersColumns: string[]
  /** Canonical users fields that are mapped (a column or a constant); canon.users has all of them. */
  mappedUserFields: string[]
  fx: Sql
  timeZones: Record<string, string>
  dataVersion: string
}

/** An empty FX relation: only a budget in another currency needs rates (and then says which). */
const NO_FX = sql`(SELECT CAST(NULL AS DATE) AS date, CAST(NULL AS VARCHAR) AS currency, CAST(NULL AS DOUBLE) AS usd_per_unit WHERE false)`

/** Changes whenever a source is re-imported or the mapping changes. */
export function dataVersionOf(recipe: Recipe): string {
  const sources = recipe.sources.map((s) => [s.dataset, s.sha256, s.sizeBytes, s.importedAt, s.mode])
  return createHash('sha256').update(JSON.stringify({ sources, mapping: recipe.mapping })).digest('hex').slice(0, 16)
}

export async function projectRelations(db: Queryable, recipe: Recipe): Promise<ProjectRelations> {
  const mapping = recipe.mapping
  if (mapping?.roles.payments === undefined) {
    throw new EngineError('CONFLICT', 'Map a dataset to payments first (Data → Mapping): campaigns are evaluated on the mapped payments.', { details: { missingRole: 'payments' } })
  }
  const usersRole = mapping.roles.users
  const users = usersRole !== undefined
  const usersColumns = users
    ? (await db.rows(sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'canon' AND table_name = 'users' ORDER BY ordinal_position`)).map((r) => String(r.column_name))
    : []
  return {
    payments: sql`canon.payments`,
    users: users ? sql`canon.users` : null,
    usersColumns,
    mappedUserFields: usersRole === undefined ? [] : [...Object.keys(usersRole.columns), ...Object.keys(usersRole.constants)],
    fx: mapping.roles.fx_rates !== undefined ? sql`canon.fx_rates` : NO_FX,
    timeZones: Object.fromEntries(Object.entries(mapping.countries).map(([country, s]) => [country, s.timeZone])),
    dataVersion: dataVersionOf(recipe),
  }
}
