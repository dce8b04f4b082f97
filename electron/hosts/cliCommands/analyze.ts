// `cashback-lab analyze [--arm COL --control VALUE] [--metrics …] [--cuped] [--json]`: an
// experiment's lifts per country, SRM, and (with --scenario) the cost per incremental adopter.
// Layer: electron/hosts.
import { CORRECTIONS, type AnalysisRequestInput, type Correction, type EconomicsRow, type ExperimentAnalysis, type MetricRow } from '../../../common/domain/analysis'
import { UPLIFT_METRICS, type LocalWindow, type UpliftMetric } from '../../../common/domain/uplift'
import type { Result } from '../../../common/contract'
import type { Engine } from '../../engine/engine'
import { formatCount, type CliCommand, type OptionValues } from './types'

const invalid = (message: string): Result<never> => ({ ok: false, error: { code: 'INVALID_REQUEST', message } })

/** "2024-09-02..2024-09-16" → a window (dates are checked by the request schema). */
function parseWindow(text: unknown, flag: string): LocalWindow | undefined | string {
  if (text === undefined) return undefined
  const match = typeof text === 'string' ? /^(\S+)\.\.(\S+)$/.exec(text) : null
  if (match === null) return `--${flag} is START..END (local dates, end excluded), e.g. 2024-09-02..2024-09-16.`
  return { start: match[1]!, end: match[2]! }
}

/** Comma-separated and/or repeated values. */
function list(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
  return raw.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v.length > 0)
}

/** IN=450 BR=40 → { IN: 450, BR: 40 }. */
function amounts(value: unknown, flag: string): Record<string, number> | string {
  const out: Record<string, number> = {}
  for (const item of list(value)) {
    const match = /^([^=]+)=(\d+(?:\.\d+)?)$/.exec(item)
    if (match === null) return `--${flag} is COUNTRY=AMOUNT in local currency (e.g. IN=450), got "${item}".`
    out[match[1]!.trim()] = Number(match[2])
  }
  return out
}

async function scenarioId(engine: Engine, value: string): Promise<Result<string>> {
  const listed = await engine.listCampaigns({})
  if (!listed.ok) return listed
  const found = listed.value.campaigns.find((c) => c.id === value || c.campaign.name.toLowerCase() === value.toLowerCase())
  if (found === undefined) return invalid(`No saved scenario is called "${value}" (scenarios: ${listed.value.campaigns.map((c) => c.campaign.name).join(', ') || 'none'}).`)
  return { ok: true, value: found.id }
}

const pct = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(digits)} %`)

function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '—'
  const a = Math.abs(x)
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(2) : x.toFixed(digits)
}

function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—'
  return p < 1e-4 ? '<0.0001' : p.toFixed(4)
}

/** Binary metrics read in percentage points, others in their unit. */
function liftText(r: MetricRow): string {
  if (r.absolute === null) return `— (${r.absoluteReason ?? 'not computed'})`
  const scale = r.type === 'binary' ? 100 : 1
  const unit = r.type === 'binary' ? ' pp' : ''
  const { estimate, ci } = r.absolute
  return `${num(estimate * scale, 3)}${unit} [${num((ci.lower ?? 0) * scale, 3)}, ${num((ci.upper ?? 0) * scale, 3)}]`
}

function meanText(r: MetricRow, mean: number | null): string {
  return r.type === 'binary' ? pct(mean) : num(mean)
}

function table(rows: readonly MetricRow[]): string[] {
  const header = ['metric', 'arm', 'n ctl', 'n trt', 'control', 'treatment', 'abs lift [CI]', 'rel lift', 'p', 'adj p', 'P(win)']
  const body = rows.map((r) => [
    r.label + (r.test === 'cuped' ? ' (CUPED)' : ''),
    r.arm,
    formatCount(r.control.n),
    formatCount(r.treatment.n),
    meanText(r, r.control.mean),
    meanText(r, r.treatment.mean),
    liftText(r),
    r.relative === null ? (r.absolute === null ? '—' : 'undefined') : pct(r.relative.estimate, 1),
    pValue(r.absolute?.pValue),
    pValue(r.adjustedPValue) + (r.significant ? ' *' : ''),
    pct(r.chanceToWin, 1),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)))
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`
  return [line(header), ...body.map(line)]
}

function money(m: { local: number | null; usd: number | null } | null, currency: string | null): string {
  if (m === null || m.local === null) return '—'
  return `${currency ?? ''} ${m.local.toFixed(2)}${m.usd === null ? '' : ` (USD ${m.usd.toFixed(2)})`}`.trim()
}

function economicsLines(e: EconomicsRow): string[] {
  const c = e.currency
  const inc = (x: EconomicsRow['incrementalAdopters'], digits = 0) => (x === null ? '—' : `${x.estimate.toFixed(digits)} [${x.lower.toFixed(digits)}, ${x.upper.toFixed(digits)}]`)
  const cost = (k: EconomicsRow['costPerIncrementalAdopter']) =>
    k.bounded ? `${money(k.estimate, c)} [${money(k.lower, c)}, ${money(k.upper, c)}]` : `${k.estimate === null ? '—' : money(k.estimate, c)} (${k.reason ?? ''})`
  const lines = [
    `  ${e.arm}: incremental adopters ${inc(e.incrementalAdopters)}, payments ${inc(e.incrementalPayments)}, TPV ${inc(e.incrementalTpv, 2)}`,
    `    cashback paid ${money(e.cashbackPaid, c)}; cost per incremental adopter ${cost(e.costPerIncrementalAdopter)}`,
    `    cost per incremental payment ${cost(e.costPerIncrementalPayment)}`,
  ]
  if (e.deadweightShare !== null) lines.push(`    deadweight ${pct(e.deadweightShare.estimate, 1)} [${pct(e.deadweightShare.lower, 1)}, ${pct(e.deadweightShare.upper, 1)}]`)
  if (e.persistence !== null) lines.push(`    retention after the window ${num(e.persistence.retentionUpliftPp, 2)} pp [${num(e.persistence.lowerPp, 2)}, ${num(e.persistence.upperPp, 2)}]`)
  if (e.netValue !== null) lines.push(`    net value ${money(e.netValue.estimate, c)} [${money(e.netValue.lower, c)}, ${money(e.netValue.upper, c)}], payback ${e.paybackRatio === null ? '—' : `${e.paybackRatio.toFixed(2)}×`}`)
  return lines
}

export function analysisText(a: ExperimentAnalysis): string {
  const lines = [`Experiment on "${a.armColumn}": ${a.treatmentArms.join(', ')} vs control "${a.controlArm}"${a.options.cuped ? ', CUPED on' : ''}; ${Math.round(a.options.confidence * 100)} % intervals, ${a.options.correction === 'none' ? 'no correction' : a.options.correction === 'bh' ? 'Benjamini–Hochberg' : 'Holm'} across segments (* = significant after it)`]
  if (a.srmWarning) lines.push('!! SAMPLE RATIO MISMATCH — the arms are not split as planned; results are shown but may be biased.')
  for (const s of a.arms) {
    const split = s.arms.map((x) => `${x.arm} ${formatCount(x.users)}`).join(', ')
    const srm = s.srm.pValue === null ? s.srm.reason ?? '' : `SRM p = ${pValue(s.srm.pValue)}${s.srm.warn ? ' (mismatch!)' : ''}`
    lines.push(`Users ${s.country ?? 'overall'}: ${split}; ${srm}`)
  }
  const countries = [...new Set(a.metrics.filter((r) => r.dimension === 'country').map((r) => r.segment))]
  const groups = countries.length > 0 ? countries.map((c) => ({ title: `Country ${c ?? '(none)'}`, rows: a.metrics.filter((r) => r.dimension === 'country' && r.segment === c) })) : [{ title: 'All users', rows: a.metrics.filter((r) => r.dimension === 'overall') }]
  for (const g of groups) {
    lines.push('', g.title, ...table(g.rows))
    const econ = a.economics.filter((e) => (countries.length > 0 ? e.country === g.rows[0]?.segment : true))
    if (econ.some((e) => e.cashbackPaid !== null || e.incrementalAdopters !== null)) lines.push(' Economics:', ...econ.flatMap(economicsLines))
  }
  const others = a.metrics.filter((r) => r.dimension !== 'overall' && r.dimension !== 'country')
  if (others.length > 0) lines.push('', `Other segments: ${[...new Set(others.map((r) => r.dimension))].join(', ')} (use --json for their rows)`)
  const notes = a.notes.filter((n) => n.severity === 'warning' || n.code === 'RELATIVE_UNDEFINED')
  if (notes.length > 0) lines.push('', 'Notes:', ...notes.map((n) => `  [${n.severity}] ${n.message}`))
  return lines.join('\n')
}

/** The analyzeExperiment request the analyze options describe (shared with `report --analysis`). */
export async function analysisRequest(engine: Engine, options: OptionValues): Promise<Result<AnalysisRequestInput>> {
  const windows = { window: parseWindow(options.window, 'window'), preWindow: parseWindow(options['pre-window'], 'pre-window'), postWindow: parseWindow(options['post-window'], 'post-window') }
  for (const w of Object.values(windows)) if (typeof w === 'string') return invalid(w)
  const metrics = list(options.metrics)
  const unknown = metrics.filter((m) => !(UPLIFT_METRICS as readonly string[]).includes(m))
  if (unknown.length > 0) return invalid(`Unknown metric ${unknown.join(', ')}: choose from ${UPLIFT_METRICS.join(', ')}.`)
  const correction = options.correction ?? 'holm'
  if (typeof correction !== 'string' || !(CORRECTIONS as readonly string[]).includes(correction)) return invalid(`--correction is holm, bh or none, not "${String(correction)}".`)
  const confidence = options.confidence === undefined ? 0.95 : Number(options.confidence)
  if (!(confidence > 0.5 && confidence < 1)) return invalid(`--confidence is a level between 0.5 and 1, e.g. 0.95 (got "${String(options.confidence)}").`)
  const value = amounts(options.value, 'value')
  const fixed = amounts(options['fixed-cost'], 'fixed-cost')
  if (typeof value === 'string') return invalid(value)
  if (typeof fixed === 'string') return invalid(fixed)
  let campaignId: string | undefined
  if (typeof options.scenario === 'string') {
    const id = await scenarioId(engine, options.scenario)
    if (!id.ok) return id
    campaignId = id.value
  }
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
  return { ok: true, value: {
    spec: defined({
      armColumn: typeof options.arm === 'string' ? options.arm : undefined,
      ...(windows as { window?: LocalWindow; preWindow?: LocalWindow; postWindow?: LocalWindow }),
      metrics: metrics.length > 0 ? (metrics as UpliftMetric[]) : undefined,
      segments: list(options.segments),
    }),
    ...defined({ controlArm: typeof options.control === 'string' ? options.control : undefined, economics: { campaignId, valuePerAdopter: value, fixedCostPerTreatedUser: fixed } }),
    cuped: options.cuped === true,
    correction: correction as Correction,
    confidence,
  } }
}

export const analyzeCommand: CliCommand = {
  summary: 'Analyse a randomised experiment: lifts per arm and country, SRM, CUPED, cost per incremental adopter.',
  usage: 'analyze [--arm COL --control VALUE] [--window START..END] [--pre-window …] [--post-window …] [--metrics adopted,payments,…] [--segments …] [--cuped] [--scenario NAME|ID] [--value IN=450] [--fixed-cost IN=1]',
  options: {
    arm: { type: 'string', description: 'users column holding the arm (default: arm)' },
    control: { type: 'string', description: 'the control arm (default: an arm named "control")' },
    metrics: { type: 'string', multiple: true, description: `comma-separated: ${UPLIFT_METRICS.join(', ')}` },
    segments: { type: 'string', multiple: true, description: 'comma-separated: country, region, kind, payerType or users columns' },
    window: { type: 'string', description: 'analysis window START..END, local dates, end excluded' },
    'pre-window': { type: 'string', description: 'covariate window START..END (CUPED)' },
    'post-window': { type: 'string', description: 'retention window START..END' },
    cuped: { type: 'boolean', description: 'adjust with the pre-window values (CUPED)' },
    correction: { type: 'string', description: 'holm (default), bh or none — across segments' },
    confidence: { type: 'string', description: 'interval level, e.g. 0.95 (default)' },
    scenario: { type: 'string', description: 'a saved scenario (name or id): its rewards are the cashback received' },
    value: { type: 'string', multiple: true, description: 'value per incremental adopter, COUNTRY=AMOUNT in local currency' },
    'fixed-cost': { type: 'string', multiple: true, description: 'cost per treated user besides cashback, COUNTRY=AMOUNT' },
  },
  async run(engine, _positionals, options: OptionValues) {
    const request = await analysisRequest(engine, options)
    return request.ok ? engine.analyzeExperiment(request.value) : request
  },
  human: (analysis: ExperimentAnalysis) => analysisText(analysis),
}
