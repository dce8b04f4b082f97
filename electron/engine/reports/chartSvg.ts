// Charts of the report as inline SVG: the screen's option builders (common/charts), rendered in
// Node by ECharts' server-side SVG renderer. Layer: electron/engine.
import * as echarts from 'echarts'
import type { ReportChart } from '../../../common/report/reportTypes'

/** SVG markup of one chart (no animation, fixed size); the instance is always disposed. */
export function chartSvg(chart: ReportChart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height })
  try {
    instance.setOption(forPrint(chart.option as echarts.EChartsOption))
    return stableIds(instance.renderToSVGString(), chart.id)
  } finally {
    instance.dispose()
  }
}

/**
 * Without a canvas, ECharts estimates text widths, and the printed system font runs wider than the
 * estimate: legend entries would overlap. Give them room; no animation on paper.
 */
function forPrint(option: echarts.EChartsOption): echarts.EChartsOption {
  const widen = (legend: object): object => ({ ...legend, itemGap: 36 })
  const legend = option.legend
  return {
    ...option,
    animation: false,
    ...(legend === undefined ? {} : { legend: Array.isArray(legend) ? legend.map(widen) : widen(legend) }),
  } as echarts.EChartsOption
}

/**
 * zrender numbers its instances and style classes process-wide ("zr7-cls-31", "zr7-c0"): rename
 * them after the chart, counted from 0 in order of appearance, so a report renders to the same
 * bytes every time and ids stay unique across the charts of one document.
 */
export function stableIds(svg: string, chartId: string): string {
  const prefix = chartId.replace(/[^\w-]/g, '_')
  const names = new Map<string, string>()
  const counters = new Map<string, number>()
  return svg.replace(/\bzr\d+-([a-z-]*?)(\d+)\b/g, (token: string, kind: string) => {
    let name = names.get(token)
    if (name === undefined) {
      const n = counters.get(kind) ?? 0
      counters.set(kind, n + 1)
      name = `${prefix}-${kind}${n}`
      names.set(token, name)
    }
    return name
  })
}
