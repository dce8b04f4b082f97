// Names and values in English and Portuguese (and the spellings payment exports use) that
// tell which role a column plays and what a categorical value means. Layer: electron/engine.

/** field → column-name patterns, strongest first. Names are compared lower-cased, with _ for spaces. */
export const FIELD_NAME_PATTERNS: Record<string, RegExp[]> = {
  payment_id: [/^(payment|txn|transaction|transacao|pagamento|tx)_?(id|ref|reference|no|number)$|^(id|cod|codigo)_?(transacao|pagamento|payment|transaction|txn)$/, /^(id|payment|txn_?id|transaction)$/, /(payment|transaction|txn).*id$/],
  user_id: [/^(user|customer|client|cliente|payer|pagador|sender|sender_upi|remetente)_?(id|unique_id|vpa|upi_id|key)?$|^(id|cod|codigo)_?(cliente|usuario|pagador|user|customer)$/, /^customer_unique_id$/, /(user|customer|payer|sender|cliente).*(id|vpa)/],
  ts: [/^(ts|timestamp|datetime|date_?time|created_at|paid_at|payment_(date|time|timestamp)|transaction_(date|time|timestamp)|data_?hora|data_pagamento)$/, /(timestamp|datetime|date|time|data|hora)/],
  amount: [/^(amount|amt|valor|value|payment_value|txn_amount|transaction_amount|amount_inr|amount_brl|valor_pago)$/, /(amount|amt|valor|value)/],
  currency: [/^(currency|currency_code|moeda|ccy)$/],
  country: [/^(country|country_code|pais|país|nation)$/],
  rail: [/^(rail|payment_method|method|instrument|payment_type|payment_mode|forma_pagamento|meio)$/, /(rail|method|instrument|payment_type)/],
  kind: [/^(kind|transaction_type|txn_type|type|tipo|category|p2p_p2m)$/, /(type|tipo|kind)/],
  status: [/^(status|transaction_status|txn_status|situacao|situação|state_of_payment)$/, /status/],
  counterparty_id: [/^(counterparty|receiver|payee|merchant|recipient|recebedor|destinatario|beneficiary)_?(id|vpa|upi_id|key)?$|^(id|cod|codigo)_?(recebedor|destinatario|comerciante|loja)$/, /(receiver|payee|merchant|counterparty|recipient).*id/],
  region: [/^(region|state|uf|estado|customer_state|sender_state|province)$/],
  entry_method: [/^(entry_method|entry|channel|initiation|initiation_mode|modo)$/],
  merchant_category: [/^(merchant_category|mcc|category_code|merchant_type|segment)$/],
  signup_ts: [/^(signup|sign_up|created|registration|registered|cadastro)_?(ts|at|date|time)?$/],
  arm: [/^(arm|variant|group|treatment|grupo|bucket)$/],
  assigned_ts: [/^(assigned|assignment|exposure|exposed)_?(ts|at|date|time)?$/],
  date: [/^(date|day|dia|data|rate_date)$/],
  usd_per_unit: [/^(usd_per_unit|usd_rate|rate_usd|rate|fx|fx_rate|taxa)$/],
}

/** field → { normalised spelling → canonical code }. Keys are lower-cased, trimmed. */
export const VALUE_DICTIONARY: Record<string, Record<string, string>> = {
  country: { in: 'IN', ind: 'IN', india: 'IN', bharat: 'IN', 'índia': 'IN', br: 'BR', bra: 'BR', brazil: 'BR', brasil: 'BR' },
  currency: { inr: 'INR', '₹': 'INR', rs: 'INR', 'rs.': 'INR', rupee: 'INR', rupees: 'INR', brl: 'BRL', 'r$': 'BRL', real: 'BRL', reais: 'BRL', usd: 'USD', '$': 'USD' },
  rail: {
    upi: 'UPI', bhim: 'UPI', pix: 'PIX', card: 'CARD', credit_card: 'CARD', debit_card: 'CARD', 'credit card': 'CARD', 'debit card': 'CARD',
    'cartão': 'CARD', cartao: 'CARD', 'cartão de crédito': 'CARD', boleto: 'OTHER', voucher: 'OTHER', wallet: 'OTHER', netbanking: 'OTHER', other: 'OTHER', others: 'OTHER', outros: 'OTHER',
  },
  kind: {
    p2p: 'P2P', 'peer-to-peer': 'P2P', 'peer to peer': 'P2P', 'peer-to-peer payments': 'P2P', person: 'P2P', 'person to person': 'P2P', pessoa: 'P2P', transfer: 'P2P', transferência: 'P2P', transferencia: 'P2P',
    p2m: 'P2M', p2b: 'P2M', merchant: 'P2M', 'merchant payments': 'P2M', 'merchant payment': 'P2M', business: 'P2M', comercio: 'P2M', 'comércio': 'P2M', compra: 'P2M', purchase: 'P2M', shopping: 'P2M',
    bill: 'BILL', bills: 'BILL', 'recharge & bill payments': 'BILL', recharge: 'BILL', 'bill payment': 'BILL', 'utility': 'BILL', conta: 'BILL', contas: 'BILL',
  },
  status: {
    success: 'SUCCESS', successful: 'SUCCESS', completed: 'SUCCESS', complete: 'SUCCESS', approved: 'SUCCESS', aprovado: 'SUCCESS', aprovada: 'SUCCESS', paid: 'SUCCESS', delivered: 'SUCCESS', ok: 'SUCCESS', concluido: 'SUCCESS', 'concluído': 'SUCCESS',
    failed: 'FAILED', failure: 'FAILED', fail: 'FAILED', declined: 'FAILED', rejected: 'FAILED', falha: 'FAILED', recusado: 'FAILED', canceled: 'FAILED', cancelled: 'FAILED', unavailable: 'FAILED',
    reversed: 'REVERSED', refunded: 'REVERSED', refund: 'REVERSED', chargeback: 'REVERSED', estornado: 'REVERSED', estorno: 'REVERSED', devolvido: 'REVERSED',
  },
  entry_method: { contact: 'CONTACT', contacts: 'CONTACT', qr: 'QR', 'qr code': 'QR', qrcode: 'QR', upi_id: 'UPI_ID', vpa: 'UPI_ID', 'upi id': 'UPI_ID', collect: 'COLLECT', 'collect request': 'COLLECT', pix_key: 'PIX_KEY', chave: 'PIX_KEY', 'chave pix': 'PIX_KEY' },
}

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[\s.-]+/g, '_')
}

export function canonicalValue(field: string, raw: string): string | null {
  const key = raw.trim().toLowerCase()
  return VALUE_DICTIONARY[field]?.[key] ?? VALUE_DICTIONARY[field]?.[key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')] ?? null
}
