// Column widths and cursor moves of the virtualised rows table. Layer: renderer (pure).
import { kindOfType } from './profileFormat'

export const ROW_HEIGHT = 28
export const HEADER_HEIGHT = 34
export const ROW_NUMBER_WIDTH = 64

export interface GridColumn {
  name: string
  type: string
  width: number
  numeric: boolean
}

export function gridColumns(columns: readonly { name: string; type: string }[]): GridColumn[] {
  return columns.map((c) => {
    const kind = kindOfType(c.type)
    const base = kind === 'number' ? 110 : kind === 'time' ? 170 : kind === 'boolean' ? 80 : 150
    // Wide enough for the header (name + sort arrow), capped so one long name cannot take over.
    const width = Math.min(320, Math.max(base, c.name.length * 7.5 + 40))
    return { name: c.name, type: c.type, width: Math.round(width), numeric: kind === 'number' }
  })
}

export interface Cursor {
  row: number
  col: number
}

/** Where a key moves the active cell; null for keys the grid does not handle. */
export function moveCursor(cursor: Cursor, key: string, ctrl: boolean, rows: number, cols: number, pageRows: number): Cursor | null {
  const clampRow = (r: number): number => Math.max(0, Math.min(rows - 1, r))
  const clampCol = (c: number): number => Math.max(0, Math.min(cols - 1, c))
  switch (key) {
    case 'ArrowDown':
      return { ...cursor, row: clampRow(cursor.row + 1) }
    case 'ArrowUp':
      return { ...cursor, row: clampRow(cursor.row - 1) }
    case 'ArrowRight':
      return { ...cursor, col: clampCol(cursor.col + 1) }
    case 'ArrowLeft':
      return { ...cursor, col: clampCol(cursor.col - 1) }
    case 'PageDown':
      return { ...cursor, row: clampRow(cursor.row + pageRows) }
    case 'PageUp':
      return { ...cursor, row: clampRow(cursor.row - pageRows) }
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { ...cursor, col: 0 }
    case 'End':
      return ctrl ? { row: clampRow(rows - 1), col: clampCol(cols - 1) } : { ...cursor, col: clampCol(cols - 1) }
    default:
      return null
  }
}
