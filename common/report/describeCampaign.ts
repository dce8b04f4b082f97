// A campaign in plain words, as an analyst would write it in an e-mail: "₹35 per payment, up to 3
// payments to different contacts, minimum ₹1, credited 48 h later, budget ₹10 lakh".
// Layer: common (pure; used by reports and anywhere a campaign is summarised).
import { termsFor, type Campaign, type CampaignCountry, type CampaignReward, type CountryTerms } from '../domain/campaign'
import { COUNTRY_TIME_ZONE } from '../campaigns/localWindow'
import { formatInstant } from '../format/dates'
import { formatMoney } from '../format/money'
import { formatFixed, IN_STYLE, BR_STYLE, type NumberStyle } from '../format/numbers'

const COUNTRY_NAMES: Record<CampaignCountry, string> = { IN: 'India', BR: 'Brazil' }
const KIND_WORDS: Record<string, string> = { P2P: 'person-to-person', P2M: 'merchant', BILL: 'bill' }
const ENTRY_WORDS: Record<string, string> = { CONTACT: 'contact', QR: 'QR code', UPI_ID: 'UPI ID', COLLECT: 'collect request', PIX_KEY: 'Pix key', OTHER: 'other entry' }

/** ₹35 (whole amounts lose their ".00"), R$ 2,50. */
export function moneyWords(amount: number, currency: string): string {
  return formatMoney(amount, currency, Number.isInteger(amount) ? 0 : 2)
}

/** Budgets the way each market says them: ₹10 lakh, ₹2.5 crore, R$ 1,2 milhão, $50,000. */
export function budgetWords(amount: number, currency: string): string {
  const trim = (value: number, style: NumberStyle): string => formatFixed(value, Number.isInteger(value) ? 0 : 2, style).replace(/([.,]\d*?)0+$/, '$1').replace(/[.,]$/, '')
  if (currency === 'INR' && amount >= 1e7) return `₹${trim(amount / 1e7, IN_STYLE)} crore`
  if (currency === 'INR' && amount >= 1e5) return `₹${trim(amount / 1e5, IN_STYLE)} lakh`
  if (currency === 'BRL' && amount >= 1e9) return `R$ ${trim(amount / 1e9, BR_STYLE)} ${amount >= 2e9 ? 'bilhões' : 'bilhão'}`
  if (currency === 'BRL' && amount >= 1e6) return `R$ ${trim(amount / 1e6, BR_STYLE)} ${amount >= 2e6 ? 'milhões' : 'milhão'}`
  return moneyWords(amount, currency)
}

function rewardWords(reward: CampaignReward, currency: string): string {
  switch (reward.type) {
    case 'flat':
      return `${moneyWords(reward.amount, currency)} per payment`
    case 'percent':
      return `${formatFixed(reward.percent, Number.isInteger(reward.percent) ? 0 : 2)}% of each payment`
    case 'tiers':
      return `per payment ${reward.tiers.map((t) => `${moneyWords(t.reward, currency)} from ${moneyWords(t.minAmount, currency)}`).join(', ')}`
    default: {
      const never: never = reward
      return String(never)
    }
  }
}

/** The money terms of one country: reward, per-payment cap, minimum and maximum, per-user cap. */
function termWords(t: CountryTerms, maxPayments: number | undefined): string[] {
  const parts = [rewardWords(t.reward, t.currency)]
  const flatCap = t.reward.type === 'flat' && t.perPaymentCap !== undefined && t.perPaymentCap >= t.reward.amount
  if (t.perPaymentCap !== undefined && !flatCap) parts.push(`at most ${moneyWords(t.perPaymentCap, t.currency)} per payment`)
  if (t.minAmount !== undefined) parts.push(`minimum ${moneyWords(t.minAmount, t.currency)}`)
  if (t.maxAmount !== undefined) parts.push(`maximum ${moneyWords(t.maxAmount, t.currency)}`)
  // A per-user cap equal to flat reward × N says nothing new; one that binds earlier is a rule.
  const implied = t.reward.type === 'flat' && maxPayments !== undefined ? t.reward.amount * maxPayments : undefined
  if (t.perUserCap !== undefined && (implied === undefined || t.perUserCap < implied)) parts.push(`up to ${moneyWords(t.perUserCap, t.currency)} per user`)
  return parts
}

function paymentScope(c: Campaign): string | null {
  const e = c.eligibility
  const rails = e.rails.join('/')
  const kinds = e.kinds.map((k) => KIND_WORDS[k] ?? k).join(' or ')
  const entries = e.entryMethods.map((m) => ENTRY_WORDS[m] ?? m).join(' or ')
  if (rails === '' && kinds === '' && entries === '') return null
  const noun = [rails, kinds].filter((x) => x !== '').join(' ')
  return `${noun} payments${entries === '' ? '' : ` by ${entries}`}`
}

function windowWords(c: Campaign): string {
  const zone = COUNTRY_TIME_ZONE[c.countries[0] ?? 'IN']
  const first = formatInstant(c.window.start, zone).replace(/, 00:00$/, '')
  // The end is excluded: the last moment is 1 ms earlier.
  const lastIso = new Date(Date.parse(c.window.end) - 1).toISOString()
  const last = formatInstant(lastIso, zone).replace(/, 23:59$/, '')
  return `${first} – ${last}`
}

export interface CampaignDescription {
  /** One sentence of the money terms and limits. */
  terms: string
  /** Who and what qualifies ("India; UPI person-to-person payments; accounts at least 30 days old"). */
  eligibility: string
  /** "1 Sep 2024 – 28 Sep 2024 (local time)". */
  window: string
}

/** The campaign's rules in plain words (see describeCampaign for the one-line form). */
export function describeCampaignParts(c: Campaign): CampaignDescription {
  const e = c.eligibility
  const n = e.maxRewardedPaymentsPerUser
  const perCountry = c.countries.map((country) => ({ country, words: termWords(termsFor(c, country), n) }))
  const shared: string[] = []
  if (n !== undefined) shared.push(`up to ${n} payment${n === 1 ? '' : 's'}${e.uniqueCounterparty ? ' to different contacts' : ''}`)
  else if (e.uniqueCounterparty) shared.push('the first payment to each contact')
  const after: string[] = []
  after.push(c.payoutDelayHours === 0 ? 'credited at once' : `credited ${c.payoutDelayHours} h later`)
  after.push(c.budget === undefined ? 'no budget limit' : `budget ${budgetWords(c.budget.amount, c.budget.currency)}`)
  if (c.clawbackReversals) after.push('reversed payments clawed back')
  if (c.breakageRate > 0) after.push(`${formatFixed(c.breakageRate * 100, 1).replace(/\.0$/, '')}% breakage`)

  let terms: string
  if (perCountry.length === 1) {
    const [first, ...rest] = perCountry[0]!.words
    terms = [first, ...shared, ...rest, ...after].join(', ')
  } else {
    const countries = perCountry.map((p) => `${COUNTRY_NAMES[p.country]}: ${p.words.join(', ')}`).join('; ')
    terms = `${countries}; ${[...shared, ...after].join(', ')}`
  }

  const who: string[] = [c.countries.map((k) => COUNTRY_NAMES[k]).join(' and ')]
  const scope = paymentScope(c)
  if (scope !== null) who.push(scope)
  if (e.payerType === 'new') who.push('new payers only (no payment before the start)')
  if (e.payerType === 'existing') who.push('existing payers only')
  if (e.minAccountAgeDays !== undefined) who.push(`accounts at least ${e.minAccountAgeDays} days old`)
  if (e.arms.length > 0) who.push(`arm${e.arms.length === 1 ? '' : 's'} ${e.arms.join(', ')}`)
  for (const s of e.segments) who.push(`${s.column} in ${s.values.join(', ')}`)
  return { terms, eligibility: who.join('; '), window: `${windowWords(c)} (local time)` }
}

/** "₹35 per payment, up to 3 payments, minimum ₹1, credited 48 h later, budget ₹10 lakh". */
export function describeCampaign(c: Campaign): string {
  return describeCampaignParts(c).terms
}
