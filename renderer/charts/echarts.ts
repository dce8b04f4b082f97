// ECharts modules the app draws with, registered once (tree-shaken: only bar and line charts on
// a canvas, with grid, tooltip, legend, title, aria and reference lines; the SVG renderer only for
// the Download menu's SVG, drawn by a temporary server-side-style instance). Layer: renderer/charts.
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { use } from 'echarts/core'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

use([CanvasRenderer, SVGRenderer, BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, AriaComponent, MarkLineComponent])
