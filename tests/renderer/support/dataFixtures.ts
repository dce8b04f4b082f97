// Canned engine answers for the Data view's tests: an inspection with a date-order question, an
// import report with one rejected row, a dataset, a suggestion, a validation report, a profile and
// an overview — shaped like the real engine's replies to tests/fixtures/e2e/pix_upi_payments.csv.
import type { ChosenFile } from '../../../common/contract'
import type { DatasetSummary, ImportReport, SourceInspection } from '../../../common/domain/dataset'
import type { MappingSuggestion, ValidationReport } from '../../../common/domain/mapping'
import type { DatasetProfile, PaymentsOverview } from '../../../common/domain/profile'

export const FILE: ChosenFile = { fileId: '11111111-1111-4111-8111-111111111111', name: 'pix_upi_payments.csv', sizeBytes: 793, isFolder: false }
export const IMPORT_ID = '22222222-2222-4222-8222-222222222222'

const COLUMNS = ['id_pagamento', 'id_usuario', 'data', 'valor', 'pais'] as const

export function inspection(answered = false): SourceInspection {
  return {
    file: { fileId: FILE.fileId, name: FILE.name, sizeBytes: FILE.sizeBytes },
    options: {
      format: 'csv',
      csv: { delimiter: ';', quote: '"', escape: '"', header: true, skipRows: 0, encoding: 'utf-8', decimalSeparator: ',', thousands: '.', dateFormat: null, timestampFormat: '%d/%m/%Y %H:%M', nullStrings: [] },
      sheet: null,
      columns: COLUMNS.map((name) => ({ name, type: name === 'data' ? 'TIMESTAMP' : 'VARCHAR' })),
      dropColumns: [],
    },
    detected: [
      { setting: 'encoding', value: 'utf-8', evidence: 'the whole file is valid UTF-8' },
      { setting: 'delimiter', value: "';'", evidence: "';' gives 8 fields on every 13 sampled lines" },
      { setting: 'decimal separator', value: ',', evidence: '11 values like 10,5 vs 0 like 10.5' },
      { setting: 'date order', value: answered ? 'DMY' : 'ask', evidence: answered ? 'chosen by you' : 'no day above 12 in the examined rows' },
      { setting: 'timestamp format', value: '%d/%m/%Y %H:%M', evidence: 'the format every date-time column fits' },
    ],
    questions: answered
      ? []
      : [
          {
            id: 'dateOrder',
            message: 'Are the dates in "data" day/month/year or month/day/year? The examined values fit both.',
            columns: ['data'],
            examples: ['03/04/2024 09:15', '05/04/2024 12:01'],
            choices: [
              { value: 'DMY', label: 'Day first: 03/04/2024 is 3 April 2024 (India, Brazil)' },
              { value: 'MDY', label: 'Month first: 03/04/2024 is 4 March 2024 (US exports)' },
            ],
          },
        ],
    notes: ['The last line has no line break.'],
    columns: COLUMNS.map((name) => ({
      name,
      type: name === 'data' ? 'TIMESTAMP' : 'VARCHAR',
      detectedType: name === 'data' ? 'TIMESTAMP' : 'VARCHAR',
      reason: name === 'valor' ? '92 % of values are amounts' : 'free text',
      nonNull: 12,
      mismatches: 0,
      mismatchExamples: [],
      sampleValues: ['a', 'b'],
    })),
    preview: { columns: [...COLUMNS], rows: [['P0001', 'U001', '03/04/2024 09:15', '1.234,56', 'Brasil'], ['P0009', 'U007', '09/05/2024 07:00', 'abc', null]] },
    scope: { kind: 'full', rowsExamined: 12, bytesExamined: 793 },
    sheets: [],
  }
}

export const REJECT = { line: 10, column: 'valor', errorType: 'CAST', message: '"abc" is not an amount written like 1.234,56', raw: 'P0009;U007;09/05/2024 07:00;abc;India' }

export const REPORT: ImportReport = {
  importId: IMPORT_ID,
  datasetName: 'pagamentos',
  status: 'staged',
  sourceRows: 12,
  loadedRows: 11,
  rejectedRows: 1,
  reconciled: true,
  columns: COLUMNS.map((name) => ({ name, type: 'VARCHAR' })),
  rejectSample: [REJECT],
  loadMs: 19,
  checkMs: 21,
  notes: [],
}

export const DATASET: DatasetSummary = {
  name: 'pagamentos',
  rows: 11,
  columns: COLUMNS.map((name) => ({ name, type: name === 'valor' ? 'DECIMAL(18,2)' : 'VARCHAR' })),
  source: { fileName: FILE.name, format: 'csv', mode: 'copy', sizeBytes: 793, sha256: 'ab', importedAt: '2026-11-27T13:09:40.692Z', rejectedRows: 1 },
}

export const SUGGESTION: MappingSuggestion = {
  role: 'payments',
  dataset: 'pagamentos',
  mapping: {
    dataset: 'pagamentos',
    columns: { payment_id: 'id_pagamento', user_id: 'id_usuario', ts: 'data', amount: 'valor', country: 'pais' },
    constants: {},
    values: { country: { Brasil: 'BR', India: 'IN' } },
    timestamps: 'local',
  },
  reasons: { country: 'the name "pais" reads as country' },
  distinctValues: { country: [{ value: 'Brasil', count: 6 }, { value: 'India', count: 5 }, { value: 'Portugal', count: 1 }] },
}

export const VALIDATION: ValidationReport = {
  checks: [
    { id: 'unknown_country', role: 'payments', severity: 'error', title: 'country values that are not IN/BR', count: 1, examples: [{ payment_id: 'P0013', country: 'Portugal' }] },
    { id: 'duplicate_payment_id', role: 'payments', severity: 'ok', title: 'payment ids that appear more than once', count: 0, examples: [] },
    { id: 'non_positive_amount', role: 'payments', severity: 'warning', title: 'payments with an amount of zero or less', count: 2, examples: [{ payment_id: 'P1', amount: '0.00' }] },
  ],
  rows: { payments: 11 },
}

export const PROFILE: DatasetProfile = {
  dataset: 'pagamentos',
  rows: 11,
  columns: [
    { name: 'id_pagamento', type: 'VARCHAR', nulls: 0, distinct: 11, min: 'P0001', max: 'P0012', quantiles: {}, topValues: [{ value: 'P0001', count: 1 }], histogram: null },
    {
      name: 'valor',
      type: 'DECIMAL(18,2)',
      nulls: 1,
      distinct: 9,
      min: '8.75',
      max: '2500.00',
      quantiles: { p1: '8.75', p25: '15.00', p50: '89.90', p75: '1234.56', p99: '2500.00' },
      topValues: [{ value: '12.50', count: 2 }],
      histogram: { logScale: true, bins: [{ from: 8.75, to: 100, count: 6 }, { from: 100, to: 2500, count: 4 }] },
    },
    { name: 'pais', type: 'VARCHAR', nulls: 0, distinct: 2, min: 'Brasil', max: 'India', quantiles: {}, topValues: [{ value: 'Brasil', count: 6 }, { value: 'India', count: 5 }], histogram: null },
  ],
}

export const OVERVIEW: PaymentsOverview = {
  rows: 11,
  users: 8,
  firstLocal: '2024-04-03 09:15:00',
  lastLocal: '2024-06-01 13:13:00',
  byCountry: [
    { key: 'BR', payments: 6, amount: 3954.21 },
    { key: 'IN', payments: 5, amount: 1234567.89 },
  ],
  byRail: [{ key: 'PIX', payments: 6, amount: 3954.21 }, { key: 'UPI', payments: 5, amount: 2872.74 }],
  byKind: [{ key: 'P2M', payments: 6, amount: 1 }],
  byStatus: [{ key: 'SUCCESS', payments: 9, amount: 1 }, { key: null, payments: 2, amount: 1 }],
  daily: [
    { date: '2024-04-03', country: 'BR', payments: 1, amount: 1234.56 },
    { date: '2024-04-07', country: 'IN', payments: 1, amount: 15 },
  ],
}
