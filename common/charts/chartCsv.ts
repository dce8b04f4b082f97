// The data behind a chart as a table (and CSV), read back from the option a common/charts builder
// made: one row per panel and category, one column per series. Panels (grids) each have their own
// category axis; with several panels a Panel column names them (from the panel's title). When
// every panel holds one series (cost by country, amount per country), its values share one Value
// column instead of a sparse column per series; otherwise a series name is one column across
// panels, blank where that series has no panel. A builder whose series are drawing pieces (the
// forest plot's stacked floating bars) attaches its own table as `dataTable`, which wins.
// Layer: common (pure).
import { toCsv, type CsvCell } from '../format/csv'
import type { ChartDataTable, ChartOption } from './chartOption'

export type ChartTable = ChartDataTable

/** The looser option shape this reads: series values may be numbers, [x, y] pairs or { value }. */
export type ChartDataOption = Pick<ChartOption, 'title' | 'dataTable'> & {
  xAxis: readonly { data?: readonly string[]; name?: string; gridIndex?: number }[]
  series: readonly { name?: string; xAxisIndex?: number; data: readonly unknown[] }[]
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A plotted number, or null for a gap (null, NaN, anything that is not a number). */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return numberOf(value.at(-1))
  if (typeof value === 'object' && value !== null && 'value' in value) return numberOf((value as { value: unknown }).value)
  return null
}

/** The category index a data item belongs to: its position, or the x of an [x, y] pair. */
function categoryIndex(item: unknown, position: number, categories: readonly string[]): number {
  const pair = Array.isArray(item) ? item : typeof item === 'object' && item !== null && 'value' in item && Array.isArray((item as { value: unknown }).value) ? ((item as { value: unknown[] }).value) : null
  if (pair === null || pair.length < 2) return position
  const x: unknown = pair[0]
  if (typeof x === 'number' && Number.isInteger(x)) return x
  if (typeof x === 'string') return categories.indexOf(x)
  return position
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1
    seen.set(name, count)
    return count === 1 ? name : `${name} (${count})`
  })
}

export function chartTable(option: ChartDataOption): ChartTable {
  if (option.dataTable !== undefined) return { header: [...option.dataTable.header], rows: option.dataTable.rows.map((r) => [...r]) }
  const panels = option.xAxis.map((axis, index) => ({
    title: option.title?.[index]?.text ?? `Panel ${index + 1}`,
    categories: axis.data ?? [],
    series: option.series.filter((s) => (s.xAxisIndex ?? 0) === index),
  }))
  const used = panels.filter((p) => p.series.length > 0)
  const multiPanel = used.length > 1
  const onePerPanel = multiPanel && used.every((p) => p.series.length === 1)
  // A series is its name's column in every panel (one scenario per currency panel stays one column).
  const keys = new Map(used.flatMap((p) => uniqueNames(p.series.map((s) => s.name ?? `Series ${option.series.indexOf(s) + 1}`)).map((key, i) => [p.series[i], key] as const)))
  const columns = onePerPanel ? ['Value'] : [...new Set(keys.values())]
  const allCategories = used.flatMap((p) => p.categories)
  const categoryHeader = option.xAxis[0]?.name ?? (allCategories.length > 0 && allCategories.every((c) => ISO_DATE.test(c)) ? 'Date' : 'Category')
  const header = [...(multiPanel ? ['Panel'] : []), categoryHeader, ...columns]
  const rows: CsvCell[][] = []
  for (const panel of used) {
    const cells = panel.categories.map(() => columns.map((): CsvCell => null))
    for (const series of panel.series) {
      const column = onePerPanel ? 0 : columns.indexOf(keys.get(series) ?? '')
      series.data.forEach((item, position) => {
        const row = cells[categoryIndex(item, position, panel.categories)]
        if (row !== undefined) row[column] = numberOf(item)
      })
    }
    panel.categories.forEach((category, i) => rows.push([...(multiPanel ? [panel.title] : []), category, ...(cells[i] ?? [])]))
  }
  return { header, rows }
}

/** The chart's data as CSV, with a UTF-8 BOM by default so Excel reads ₹ and accents. */
export function chartCsv(option: ChartDataOption, options: { bom?: boolean } = {}): string {
  const { header, rows } = chartTable(option)
  return toCsv(header, rows, { bom: options.bom ?? true })
}
