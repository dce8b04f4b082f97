// Shared axis, grid and tooltip styling of our charts, from the palette. Layer: common (pure).
import type { CategoryAxisOption, ChartOption, TooltipOption, ValueAxisOption } from './chartOption'
import type { ChartPalette } from './palette'

export function categoryAxis(palette: ChartPalette, data: string[], formatter?: (value: string) => string): CategoryAxisOption {
  return {
    type: 'category',
    data,
    axisLine: { lineStyle: { color: palette.axisLine } },
    axisTick: { show: false },
    axisLabel: { color: palette.muted, fontSize: 11, hideOverlap: true, ...(formatter === undefined ? {} : { formatter }) },
  }
}

export function valueAxis(palette: ChartPalette, formatter: (value: number) => string, name?: string): ValueAxisOption {
  return {
    type: 'value',
    minInterval: 1,
    ...(name === undefined ? {} : { name, nameTextStyle: { color: palette.muted, fontSize: 11 } }),
    axisLabel: { color: palette.muted, fontSize: 11, formatter },
    splitLine: { lineStyle: { color: palette.splitLine } },
  }
}

export function tooltipBase(palette: ChartPalette, trigger: TooltipOption['trigger']): TooltipOption {
  return {
    trigger,
    confine: true,
    backgroundColor: palette.tooltipBackground,
    borderColor: palette.tooltipBorder,
    textStyle: { color: palette.text, fontSize: 12 },
    ...(trigger === 'axis' ? { axisPointer: { type: 'shadow' as const } } : {}),
  }
}

/** Fields every chart shares: no animation (desktop tool, redraws often), theme text, aria. */
export function chartBase(palette: ChartPalette, description: string): Pick<ChartOption, 'animation' | 'backgroundColor' | 'textStyle' | 'aria'> {
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: palette.text, fontFamily: 'system-ui, sans-serif' },
    aria: { enabled: true, label: { description } },
  }
}
