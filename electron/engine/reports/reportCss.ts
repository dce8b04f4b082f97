// The report's stylesheet: system fonts only (works offline), readable on screen, A4 when printed.
// Layer: electron/engine (a constant).
export const REPORT_CSS = `
:root { --ink: #1b1f27; --muted: #566072; --line: #dfe2e8; --band: #f4f5f8; --accent: #2f6fdb; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 900px; padding: 24px; color: var(--ink); background: #fff;
  font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 22pt; margin: 0 0 4px; }
h2 { font-size: 14pt; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
.byline { color: var(--muted); margin: 0 0 12px; }
nav ol { margin: 0; padding-left: 20px; color: var(--muted); columns: 2; }
nav a { color: inherit; text-decoration: none; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 12px; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
figure { margin: 12px 0 16px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
td:first-child { white-space: normal; }
tbody tr:nth-child(even) td { background: #fafbfc; }
.note { color: var(--muted); font-size: 8.5pt; margin: 4px 0 0; }
.chart svg { max-width: 100%; height: auto; display: block; }
td { overflow-wrap: anywhere; }
table.wide { font-size: 8pt; }
footer { color: var(--muted); font-size: 8.5pt; border-top: 1px solid var(--line); margin-top: 32px; padding-top: 6px; }
@page { size: A4; margin: 18mm 14mm 18mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  footer { display: none; }
  h2 { break-after: avoid; }
  section { break-before: auto; }
  section.appendix { break-before: page; }
  figure, tr, dl { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`
