// The economics of one country as table rows (measure × treatment arm), every value already text:
// intervals, "not bounded" with its reason, local currency and USD. Layer: renderer/components.
import type { CostPer, EconomicsRow } from '../../../common/domain/analysis'
import { formatMoney } from '../../../common/format/money'
import { formatFixed } from '../../../common/format/numbers'
import { DASH, estimateText, moneyText, shareText, signedMoney } from './resultsFormat'

export interface EconomicsLine {
  key: string
  label: string
  cells: { text: string; sub: string | null; warn: boolean }[]
}

function costPerText(c: CostPer, currency: string | null): { text: string; sub: string | null; warn: boolean } {
  if (c.estimate === null) return { text: DASH, sub: c.reason, warn: false }
  const point = moneyText(c.estimate, currency)
  if (!c.bounded || c.lower === null || c.upper === null) return { text: point, sub: `Not bounded: ${c.reason ?? 'the uplift interval includes 0.'}`, warn: true }
  const lo = c.lower.local === null ? DASH : currency === null ? formatFixed(c.lower.local, 2) : formatMoney(c.lower.local, currency)
  const hi = c.upper.local === null ? DASH : currency === null ? formatFixed(c.upper.local, 2) : formatMoney(c.upper.local, currency)
  return { text: point, sub: `[${lo}, ${hi}]`, warn: false }
}

const plain = (text: string, sub: string | null = null) => ({ text, sub, warn: false })

/** The estimate on the first line, its interval under it. */
function estimateCell(e: { estimate: number; lower: number; upper: number } | null, money?: (v: number) => string): EconomicsLine['cells'][number] {
  const full = estimateText(e, money)
  const at = full.indexOf(' [')
  return at === -1 ? plain(full) : plain(full.slice(0, at), full.slice(at + 1))
}

export function economicsLines(rows: readonly EconomicsRow[]): EconomicsLine[] {
  const cur = (r: EconomicsRow) => r.currency
  const money = (r: EconomicsRow) => (v: number) => (r.currency === null ? formatFixed(v, 2) : formatMoney(v, r.currency))
  const line = (key: string, label: string, cell: (r: EconomicsRow) => EconomicsLine['cells'][number]): EconomicsLine => ({ key, label, cells: rows.map(cell) })
  return [
    line('adopters', 'Incremental adopters', (r) => estimateCell(r.incrementalAdopters)),
    line('payments', 'Incremental payments', (r) => estimateCell(r.incrementalPayments)),
    line('tpv', 'Incremental TPV', (r) => estimateCell(r.incrementalTpv, money(r))),
    line('cashback', 'Cashback paid', (r) => plain(moneyText(r.cashbackPaid, cur(r)), r.cashbackPaid === null ? 'Choose a saved scenario.' : null)),
    line('fixed', 'Fixed cost', (r) => plain(moneyText(r.fixedCost, cur(r)))),
    line('cpa', 'Cost per incremental adopter', (r) => costPerText(r.costPerIncrementalAdopter, cur(r))),
    line('cpp', 'Cost per incremental payment', (r) => costPerText(r.costPerIncrementalPayment, cur(r))),
    line('deadweight', 'Deadweight (cashback on payments that happened anyway)', (r) =>
      r.deadweightShare === null ? plain(DASH) : plain(shareText(r.deadweightShare.estimate), `[${shareText(r.deadweightShare.lower)}, ${shareText(r.deadweightShare.upper)}]`),
    ),
    line('persistence', 'Persistence (retention lift after rewards stop)', (r) =>
      r.persistence === null ? plain(DASH) : plain(`${signedPp(r.persistence.retentionUpliftPp)} pp`, `[${signedPp(r.persistence.lowerPp)}, ${signedPp(r.persistence.upperPp)}]`),
    ),
    line('net', 'Net value', (r) =>
      r.netValue === null ? plain(DASH) : { text: signedMoney(r.netValue.estimate.local, cur(r)), sub: `[${signedMoney(r.netValue.lower.local, cur(r))}, ${signedMoney(r.netValue.upper.local, cur(r))}]${usdTail(r.netValue.estimate.usd)}`, warn: (r.netValue.estimate.local ?? 0) < 0 },
    ),
    line('payback', 'Payback (value ÷ cost)', (r) => (r.paybackRatio === null ? plain(DASH) : { text: `${formatFixed(r.paybackRatio, 2)}×`, sub: r.paybackRatio >= 1 ? 'pays back' : 'does not pay back', warn: r.paybackRatio < 1 })),
    line('breakeven', 'Break-even value per adopter', (r) => plain(moneyText(r.breakEvenValuePerAdopter, cur(r)))),
  ]
}

function signedPp(v: number): string {
  const t = formatFixed(Math.abs(v), 2)
  return v > 0 ? `+${t}` : v < 0 ? `−${t}` : t
}

function usdTail(usd: number | null): string {
  return usd === null || !Number.isFinite(usd) ? '' : ` · ${usd < 0 ? '−' : ''}${formatMoney(Math.abs(usd), 'USD')}`
}
