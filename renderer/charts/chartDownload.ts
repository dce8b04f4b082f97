// What the chart Download menu saves: file names, the PNG bytes of a data URL, the SVG of an option
// drawn by a temporary SVG instance, and the save itself (a Blob behind a temporary <a download>,
// which works in web mode and in Electron; the CSP does not govern downloads). Layer: renderer/charts.
import { init } from 'echarts/core'
import type { ChartOption } from '../../common/charts/chartOption'
import './echarts'

export type ChartDownloadFormat = 'png' | 'svg' | 'csv'

/** "Budget burn · INR" → "budget-burn-inr"; "chart" when nothing usable is left. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  return slug === '' ? 'chart' : slug
}

/** `budget-burn-2026-11-27.png`, dated by the local calendar day. */
export function chartFileName(name: string, format: ChartDownloadFormat, now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
  return `${fileSlug(name)}-${day}.${format}`
}

/** The bytes of a base64 data URL (decoded here: the CSP's connect-src does not allow fetch(data:)). */
export function dataUrlBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',')
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream'
  const binary = atob(dataUrl.slice(comma + 1))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new Blob([bytes], { type })
}

/** The option drawn as SVG text by a temporary SVG-renderer instance of the given size. */
export function optionSvg(option: ChartOption, size: { width: number; height: number }, backgroundColor: string): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption({ ...option, animation: false, backgroundColor })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/** Hand a Blob to the browser as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Chromium reads the blob asynchronously once the download starts; revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
