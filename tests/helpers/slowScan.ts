// A query over a table `big` (one BIGINT column `i`) that DuckDB can estimate progress for (range()
// alone reports none) and that takes seconds: for progress ticks, cancel and close.
import { sql } from '../../electron/engine/db/sql'

export const CREATE_BIG = (rows: number) => sql`CREATE TABLE big AS SELECT range AS i FROM range(${rows})`
export const SLOW_SCAN = sql`SELECT sum(hash(a.i + b.i)) AS h FROM big a, (SELECT i FROM big LIMIT 2000) b`
