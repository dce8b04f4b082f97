// ReportModel → one self-contained HTML file: inline CSS (system fonts, A4 print rules), inline
// SVG charts, numbers already formatted per country. Readable in any browser, printable to PDF.
// Layer: electron/engine (pure apart from the injected chart renderer).
import { escapeHtml } from '../../../common/charts/html'
import type { ReportCell, ReportChart, ReportModel, ReportSection, ReportTable } from '../../../common/report/reportTypes'
import { REPORT_CSS } from './reportCss'

export type ChartRenderer = (chart: ReportChart) => string

const e = escapeHtml

function cellHtml(cell: ReportCell): string {
  const numeric = (cell.format !== 'text' && typeof cell.value === 'number') || cell.text === '—'
  return `<td${numeric ? ' class="num"' : ''}>${e(cell.text)}</td>`
}

function tableHtml(t: ReportTable): string {
  const numeric = (i: number): boolean => t.rows.some((r) => r[i] !== undefined && r[i].format !== 'text' && typeof r[i].value === 'number')
  const head = t.columns.map((c, i) => `<th${numeric(i) ? ' class="num"' : ''}>${e(c)}</th>`).join('')
  const body = t.rows.map((r) => `<tr>${r.map(cellHtml).join('')}</tr>`).join('\n')
  const note = t.note === undefined ? '' : `<p class="note">${e(t.note)}</p>`
  return `<figure class="table"><figcaption>${e(t.title)}</figcaption><table${t.columns.length > 5 ? ' class="wide"' : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}</figure>`
}

function chartHtml(chart: ReportChart, render: ChartRenderer): string {
  return `<figure class="chart" id="${e(chart.id)}"><figcaption>${e(chart.title)}</figcaption>${render(chart)}</figure>`
}

function sectionHtml(s: ReportSection, render: ChartRenderer): string {
  const facts = s.facts.length === 0 ? '' : `<dl>${s.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.text)}</dd>`).join('')}</dl>`
  return [
    `<section id="${e(s.id)}"><h2>${e(s.title)}</h2>`,
    facts,
    ...s.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...s.tables.map(tableHtml),
    ...s.charts.map((c) => chartHtml(c, render)),
    '</section>',
  ].join('\n')
}

export function renderHtml(model: ReportModel, render: ChartRenderer): string {
  const byline = [model.author === null ? null : `Prepared by ${model.author}`, `Generated ${model.generatedAtText}`, `Project “${model.projectName}”`].filter((x) => x !== null)
  const toc = model.sections.map((s) => `<li><a href="#${e(s.id)}">${e(s.title)}</a></li>`).join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Cashback Lab">
<meta name="generated-at" content="${e(model.generatedAt)}">
<title>${e(model.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="cover"><h1>${e(model.title)}</h1><p class="byline">${byline.map(e).join(' · ')}</p><nav><ol>${toc}<li><a href="#assumptions">Assumptions</a></li><li><a href="#appendix">Appendix: formulas and definitions</a></li></ol></nav></header>
<main>
${model.sections.map((s) => sectionHtml(s, render)).join('\n')}
<section id="assumptions"><h2>Assumptions</h2><ul>${model.assumptions.map((a) => `<li>${e(a)}</li>`).join('')}</ul></section>
<section id="appendix" class="appendix"><h2>Appendix: formulas and definitions</h2><dl>${model.definitions.map((d) => `<dt>${e(d.term)}</dt><dd>${e(d.definition)}</dd>`).join('')}</dl></section>
</main>
<footer><p>Cashback Lab report · ${e(model.generatedAtText)}</p></footer>
</body>
</html>
`
}
