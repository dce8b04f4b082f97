// The report's assumptions and its appendix of formulas and definitions (docs/campaigns.md,
// docs/economics.md, docs/statistics.md in short). Layer: common (pure constants).

export const ASSUMPTIONS: string[] = [
  'Costs are computed on the project’s real payments with every rule applied, in time order (ties by timestamp, then payment id).',
  'A reversed payment counts as made; with clawback on it is assumed reversed before its payout and earns nothing.',
  'Breakage reduces the cash paid, not the accrued liability.',
  'US dollar amounts use each payment date’s FX rate from the project’s fx_rates data.',
  'Local dates are in each country’s time zone (India IST +05:30, Brazil BRT −03:00).',
  'Uplift compares randomised arms; the intervals cover sampling error only, not data or modelling errors.',
  'Cost per incremental adopter treats the cashback paid as known; its interval comes from the uplift’s interval (delta method).',
]

export const DEFINITIONS: { term: string; definition: string }[] = [
  { term: 'Eligible payment', definition: 'A SUCCESS (or REVERSED) payment in the window that passes every eligibility rule; with “different contacts”, only a user’s first payment to each counterparty.' },
  { term: 'Raw reward', definition: 'Flat amount, or percent × amount rounded half-up to cents, or the tier’s value; then min(raw, per-payment cap).' },
  { term: 'Per-user cap', definition: 'With S the user’s running sum of raw rewards in time order: reward = min(cap, S) − min(cap, S − raw).' },
  { term: 'Budget', definition: 'The same clamp on the global running sum across users and countries, in the budget currency; exhausted at the first payment where the sum reaches the budget.' },
  { term: 'Accrued', definition: 'Σ final rewards (after caps, budget and clawback), booked on the payment’s local date.' },
  { term: 'Paid cash', definition: 'Accrued × (1 − breakage rate), paid at payment time + payout delay (48 h by default).' },
  { term: 'Adopted', definition: 'The user made at least one successful payment in the analysis window.' },
  { term: 'Absolute lift', definition: 'ȳ_T − ȳ_C; binary metrics in percentage points. Welch: se = √(s_T²/n_T + s_C²/n_C).' },
  { term: 'Relative lift (delta method)', definition: 'Var(rel) = var_T/(μ_C² n_T) + var_C μ_T²/(μ_C⁴ n_C).' },
  { term: 'CUPED', definition: 'θ = cov(y, x)/var(x) pooled over the arms, adjusted mean ȳ − θ(x̄ − x̄_pooled), with x the pre-window value.' },
  { term: 'SRM', definition: 'χ² test of observed against planned arm sizes; a warning at p < 0.001.' },
  { term: 'Incremental adopters', definition: '(p_T − p_C) · n_T, interval [L·n_T, U·n_T] from the lift’s interval.' },
  { term: 'Cost per incremental adopter', definition: 'Cashback paid to treatment ÷ incremental adopters; “not bounded” when the uplift interval includes 0.' },
  { term: 'Deadweight', definition: '1 − clamp(incremental payments ÷ rewarded payments, 0, 1): the share of cashback paid on payments that would have happened anyway.' },
  { term: 'Net value and payback', definition: 'Net value = V·incremental adopters − cashback − fixed cost; payback = V·incremental adopters ÷ (cashback + fixed cost).' },
]
