// The slice of the ECharts option format our builders produce, typed here because common/ may
// not import UI packages; it is structurally an EChartsOption (tests/common/charts checks that
// against echarts' own types). Layer: common (types only).

export type TextStyle = {
  color?: string
  fontSize?: number
  fontWeight?: number | 'normal' | 'bold'
  fontFamily?: string
}

export type LineStyle = {
  color?: string
  width?: number
  type?: 'solid' | 'dashed' | 'dotted'
}

type AxisCommon = {
  gridIndex?: number
  name?: string
  nameLocation?: 'start' | 'middle' | 'end'
  nameGap?: number
  nameTextStyle?: TextStyle
  axisLine?: { show?: boolean; lineStyle?: LineStyle }
  axisTick?: { show?: boolean; alignWithLabel?: boolean }
  splitLine?: { show?: boolean; lineStyle?: LineStyle }
}

type AxisLabel<T> = TextStyle & { formatter?: (value: T) => string; hideOverlap?: boolean; interval?: number | 'auto'; rotate?: number }

export type CategoryAxisOption = AxisCommon & {
  type: 'category'
  data: string[]
  boundaryGap?: boolean
  axisLabel?: AxisLabel<string>
}

export type ValueAxisOption = AxisCommon & {
  type: 'value'
  min?: number
  minInterval?: number
  axisLabel?: AxisLabel<number>
}

export type AxisOption = CategoryAxisOption | ValueAxisOption

export type GridOption = {
  left?: number | string
  right?: number | string
  top?: number | string
  bottom?: number | string
  height?: number | string
  containLabel?: boolean
}

export type SeriesOption = {
  type: 'bar' | 'line'
  name?: string
  data: (number | null)[]
  xAxisIndex?: number
  yAxisIndex?: number
  color?: string
  barWidth?: number | string
  barCategoryGap?: string
  barMaxWidth?: number
  smooth?: boolean
  showSymbol?: boolean
  symbolSize?: number
  connectNulls?: boolean
  lineStyle?: LineStyle
  itemStyle?: { color?: string; borderRadius?: number | number[]; opacity?: number }
  emphasis?: { focus?: 'series' | 'none' }
  areaStyle?: { opacity?: number }
  step?: 'start' | 'middle' | 'end'
  stack?: string
  /** How stacked values add up: 'all' stacks negative and positive values together (floating bars). */
  stackStrategy?: 'samesign' | 'all' | 'positive' | 'negative'
  /** No hover or tooltip for this series (e.g. the invisible base of a floating bar). */
  silent?: boolean
  /** Reference lines: a vertical one at a category (xAxis) or a horizontal one at a value (yAxis). */
  markLine?: MarkLineOption
}

export type MarkLineOption = {
  silent?: boolean
  symbol?: 'none' | ['none', 'none']
  lineStyle?: LineStyle
  label?: TextStyle & { show?: boolean; position?: 'start' | 'middle' | 'end' | 'insideStartTop' | 'insideEndTop' | 'insideEndBottom'; formatter?: string }
  data: ({ xAxis: string; name?: string } | { yAxis: number; name?: string })[]
}

export type TooltipParam = {
  seriesName?: string
  name?: string
  value?: unknown
  dataIndex?: number
  marker?: unknown
  color?: unknown
}

export type TooltipOption = {
  trigger: 'axis' | 'item'
  confine?: boolean
  backgroundColor?: string
  borderColor?: string
  textStyle?: TextStyle
  axisPointer?: { type?: 'shadow' | 'line' }
  /** ECharts passes one parameter (item) or an array (axis); the builders accept both. */
  formatter?: (params: TooltipParam | TooltipParam[]) => string
}

export type ChartOption = {
  animation?: boolean
  backgroundColor?: string
  color?: string[]
  textStyle?: TextStyle
  aria?: { enabled: boolean; label?: { description?: string } }
  title?: { text: string; left?: number | string; top?: number | string; textStyle?: TextStyle }[]
  legend?: { show?: boolean; top?: number | string; right?: number | string; left?: number | string; textStyle?: TextStyle; itemWidth?: number; itemHeight?: number }
  tooltip?: TooltipOption
  grid: GridOption[]
  xAxis: CategoryAxisOption[]
  yAxis: ValueAxisOption[]
  series: SeriesOption[]
  /**
   * The chart's data as an analyst reads it, for charts whose series are drawing pieces rather
   * than the data (the forest plot's stacked floating bars). chartCsv uses it instead of reading
   * the series back. Not an ECharts component: ECharts keeps unknown top-level keys and ignores them.
   */
  dataTable?: ChartDataTable
}

/** A table of a chart's data: a header and rows of text, numbers, booleans or blanks. */
export type ChartDataTable = {
  header: string[]
  rows: (string | number | boolean | null)[][]
}
