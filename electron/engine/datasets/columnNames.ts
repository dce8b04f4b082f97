// What a column's name says about its content, in English and Portuguese. Layer: electron/engine.

/** Identifiers stay text (leading zeros, long numbers, CPF/UPI ids are not quantities). */
const ID_NAME = /(^|[_\s.-])(id|ids|uuid|guid|key|code|codigo|código|cpf|cnpj|vpa|phone|mobile|telefone|celular|cep|pincode|zip|ref|reference|number|numero|número)$|^(id|cod|codigo|código|num|numero)[_\s.-]/i
const CAMEL_ID = /[a-z](Id|ID)$/

/** Money columns become DECIMAL(18,2). */
const MONEY_NAME = /(amount|amt|valor|value|price|preco|preço|total|montante|tpv|gmv|fee|tarifa|cashback|reward|payment_value|pagamento|inr|brl|usd|rupees|reais)/i

export function looksLikeId(name: string): boolean {
  return ID_NAME.test(name) || CAMEL_ID.test(name)
}

/** Flags and measures that merely mention money ("is_high_value", "amount_deviation") are not money. */
const NOT_MONEY = /^(is|has|flag|was|did)[_\s.-]|[_\s.-](flag|deviation|pct|percent|ratio|rate|share|count|qty|quantity|zscore|score)$/i

export function looksLikeMoney(name: string): boolean {
  return MONEY_NAME.test(name) && !NOT_MONEY.test(name) && !looksLikeId(name)
}
