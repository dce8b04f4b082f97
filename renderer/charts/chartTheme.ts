// The chart palette follows the app theme: App provides the theme once, charts inject it
// (instead of a theme prop on every chart). Layer: renderer/charts.
import { computed, inject, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import { chartPalette, type ChartPalette, type ChartThemeName } from '../../common/charts/palette'

export const CHART_THEME_KEY: InjectionKey<Readonly<Ref<ChartThemeName>>> = Symbol('chart-theme')

/** The palette of the theme provided at the app root (light when nothing was provided). */
export function useChartPalette(): ComputedRef<ChartPalette> {
  const theme = inject(CHART_THEME_KEY, ref<ChartThemeName>('light'))
  return computed(() => chartPalette(theme.value))
}
