// Delimiter detection on a decoded text sample: for each candidate, split lines the way a CSV
// reader would (quotes respected) and pick the delimiter that gives the same field count most
// consistently. DuckDB's own sniffer can pick a wrong delimiter on ragged files. Layer: engine.

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const

export interface DelimiterDetection {
  delimiter: string
  /** Fields per record most lines have. */
  fields: number
  /** Share of sampled records with exactly that many fields. */
  consistency: number
  recordsExamined: number
  evidence: string
}

/** Split text into records of fields (RFC 4180 quoting with a doubled quote as escape). */
export function splitRecords(text: string, delimiter: string, quote = '"', maxRecords = 2000): string[][] {
  const records: string[][] = []
  let fields: string[] = []
  let field = ''
  let inQuotes = false
  let i = 0
  while (i < text.length && records.length < maxRecords) {
    const ch = text[i]!
    if (inQuotes) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote
          i += 2
          continue
        }
        inQuotes = false
      } else field += ch
      i += 1
      continue
    }
    if (ch === quote && field === '') inQuotes = true
    else if (text.startsWith(delimiter, i)) {
      fields.push(field)
      field = ''
      i += delimiter.length
      continue
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field)
      if (!(fields.length === 1 && fields[0] === '')) records.push(fields)
      fields = []
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i += 1
    } else field += ch
    i += 1
  }
  if (records.length < maxRecords && (field !== '' || fields.length > 0)) {
    fields.push(field)
    records.push(fields)
  }
  return records
}

export function detectDelimiter(text: string): DelimiterDetection {
  // The last line of a sample may be cut off; leave it out.
  const complete = text.length > 1 && !text.endsWith('\n') ? text.slice(0, Math.max(text.lastIndexOf('\n'), 0)) || text : text
  let best: DelimiterDetection | null = null
  for (const delimiter of DELIMITER_CANDIDATES) {
    const records = splitRecords(complete, delimiter)
    if (records.length === 0) continue
    const counts = new Map<number, number>()
    for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1)
    const [fields, hits] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!
    if (fields < 2) continue
    const consistency = hits / records.length
    // Consistency first; more fields breaks ties (a ';' file also has commas inside decimals).
    if (best === null || consistency > best.consistency + 1e-9 || (Math.abs(consistency - best.consistency) < 1e-9 && fields > best.fields)) {
      best = { delimiter, fields, consistency, recordsExamined: records.length, evidence: '' }
    }
  }
  if (best === null) {
    return { delimiter: ',', fields: 1, consistency: 1, recordsExamined: splitRecords(complete, ',').length, evidence: 'no delimiter splits the lines: one column' }
  }
  const shown = best.delimiter === '\t' ? 'tab' : `'${best.delimiter}'`
  const share = best.consistency === 1 ? 'every' : `${(best.consistency * 100).toFixed(1)} % of the`
  best.evidence = `${shown} gives ${best.fields} fields on ${share} ${best.recordsExamined} sampled lines`
  return best
}
