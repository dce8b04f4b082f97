// Chart colours for the light and dark themes, matching renderer/styles/theme.css, so the same
// builder output looks right on screen and in exported reports. Layer: common (pure).

export type ChartThemeName = 'light' | 'dark'

export interface ChartPalette {
  theme: ChartThemeName
  text: string
  muted: string
  axisLine: string
  splitLine: string
  tooltipBackground: string
  tooltipBorder: string
  /** The main series colour (single-series charts such as histograms). */
  accent: string
  /** Warnings and limits (a budget running out). */
  danger: string
  /** Colours for further series, in order. */
  series: readonly string[]
  /** Fixed colours per country so India and Brazil look the same in every chart. */
  countries: Readonly<Record<string, string>>
}

const LIGHT: ChartPalette = {
  theme: 'light',
  text: '#1b1f27',
  muted: '#566072',
  axisLine: '#c3c8d1',
  splitLine: '#e6e8ec',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#dadde3',
  accent: '#2e5bd8',
  danger: '#c2352b',
  series: ['#2e5bd8', '#d9731a', '#17804a', '#8a4fd0', '#c2352b', '#0f8a9d'],
  countries: { IN: '#d9731a', BR: '#17804a' },
}

const DARK: ChartPalette = {
  theme: 'dark',
  text: '#e5e8ee',
  muted: '#a2abba',
  axisLine: '#3b4350',
  splitLine: '#262b33',
  tooltipBackground: '#222730',
  tooltipBorder: '#3b4350',
  accent: '#7595ff',
  danger: '#ff7b70',
  series: ['#7595ff', '#f0a04b', '#4cc38a', '#b48cff', '#ff7b70', '#4cc9d6'],
  countries: { IN: '#f0a04b', BR: '#4cc38a' },
}

export function chartPalette(theme: ChartThemeName): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT
}

/** The colour of a country's series, or the n-th series colour for anything else. */
export function countryColor(palette: ChartPalette, country: string | null, index: number): string {
  const fixed = country === null ? undefined : palette.countries[country]
  return fixed ?? palette.series[index % palette.series.length] ?? palette.accent
}
