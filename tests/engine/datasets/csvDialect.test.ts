// Delimiter detection picks the delimiter that splits lines consistently, even where DuckDB's
// sniffer is misled by ragged rows or decimal commas.
import { describe, expect, it } from 'vitest'
import { detectDelimiter, splitRecords } from '../../../electron/engine/datasets/csvDialect'

describe('detectDelimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ',', 3],
    ['semicolon with decimal commas', 'id;valor;cidade\n1;10,50;São Paulo\n2;3,25;Brasília\n', ';', 3],
    ['tab', 'a\tb\n1\t2\n', '\t', 2],
    ['pipe', 'a|b\n1|2\n', '|', 2],
    ['ragged rows', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', ',', 3],
    ['quoted delimiters', 'a,b\n"1,5",x\n"2,5",y\n', ',', 2],
    ['trailing delimiter', 'a,b,\n1,2,\n3,4,\n', ',', 3],
  ])('%s', (_name, text, delimiter, fields) => {
    const detection = detectDelimiter(text)
    expect(detection.delimiter).toBe(delimiter)
    expect(detection.fields).toBe(fields)
  })

  it('says why', () => {
    expect(detectDelimiter('a;b\n1;2\n3;4\n').evidence).toBe("';' gives 2 fields on every 3 sampled lines")
  })

  it('falls back to one column', () => {
    expect(detectDelimiter('name\nAna\nRavi\n')).toMatchObject({ delimiter: ',', fields: 1 })
  })
})

describe('splitRecords', () => {
  it('respects quotes, doubled quotes and CRLF', () => {
    expect(splitRecords('a,"b,""c"""\r\n"x\ny",z\n', ',')).toEqual([
      ['a', 'b,"c"'],
      ['x\ny', 'z'],
    ])
  })
})

describe('column names', () => {
  it('tells money from flags and measures that mention it', async () => {
    const { looksLikeMoney, looksLikeId } = await import('../../../electron/engine/datasets/columnNames')
    for (const money of ['amount', 'valor', 'payment_value', 'Transaction Amount', 'amount_inr', 'valor_pago']) expect(looksLikeMoney(money), money).toBe(true)
    for (const other of ['is_high_value', 'transaction_amount_deviation', 'has_cashback', 'amount_zscore', 'payment_id', 'status']) expect(looksLikeMoney(other), other).toBe(false)
    for (const id of ['payment_id', 'id_cliente', 'userId', 'customer_unique_id', 'cpf', 'Sender UPI ID']) expect(looksLikeId(id), id).toBe(true)
    for (const other of ['valid', 'paid', 'amount', 'video']) expect(looksLikeId(other), other).toBe(false)
  })
})
