// BaseChart's Download menu: a menu button opened from the keyboard, PNG from the canvas instance
// (getDataURL at 2× on the theme surface; happy-dom has no theme CSS, so the light fallback), SVG from a temporary SVG instance of the same size and
// option, CSV of the option's data; every file saved through a Blob with a dated name.
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { buildBudgetBurnOption } from '../../../common/charts/budgetBurn'
import type * as EchartsCore from 'echarts/core'
import type * as ChartDownload from '../../../renderer/charts/chartDownload'
import { chartPalette } from '../../../common/charts/palette'

const mocks = vi.hoisted(() => ({
  getDataURL: vi.fn((_opts: unknown) => 'data:image/png;base64,iVBORw0KGgo='),
  svgInstance: { setOption: vi.fn(), renderToSVGString: vi.fn(() => '<svg xmlns="http://www.w3.org/2000/svg"></svg>'), dispose: vi.fn() },
  init: vi.fn(),
  saved: [] as { blob: Blob; name: string }[],
}))

vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup(_props, { expose }) {
      expose({ chart: { getDataURL: mocks.getDataURL, getWidth: () => 640, getHeight: () => 260 } })
      return () => h('div', { class: 'vchart-stub' })
    },
  }),
}))
vi.mock('echarts/core', async (original) => ({ ...(await original<typeof EchartsCore>()), init: mocks.init }))
vi.mock('../../../renderer/charts/chartDownload', async (original) => ({
  ...(await original<typeof ChartDownload>()),
  saveBlob: (blob: Blob, name: string) => mocks.saved.push({ blob, name }),
}))

const { default: BaseChart } = await import('../../../renderer/charts/BaseChart.vue')

const option = buildBudgetBurnOption([{ date: '2024-09-02', spent: '36000.00', cumulative: '36000.00' }, { date: '2024-09-03', spent: '4000.50', cumulative: '40000.50' }], chartPalette('light'), {
  budget: { amount: 50000, currency: 'INR' },
  exhausted: null,
})!

let wrapper: VueWrapper
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(2026, 10, 27, 15, 0))
  mocks.saved.length = 0
  mocks.init.mockReset().mockReturnValue(mocks.svgInstance)
  mocks.getDataURL.mockClear()
})
afterEach(() => {
  wrapper?.unmount()
  vi.useRealTimers()
})

function mountChart(props: Record<string, unknown> = {}): VueWrapper {
  wrapper = mount(BaseChart, { props: { option, label: 'Budget burn chart', downloadName: 'Budget burn', ...props }, attachTo: document.body })
  return wrapper
}

const menu = () => wrapper.get('[role="menu"]')
const focusedTestId = () => document.activeElement?.getAttribute('data-testid')

async function choose(format: 'png' | 'svg' | 'csv'): Promise<{ blob: Blob; name: string }> {
  await wrapper.get('[data-testid="chart-download-button"]').trigger('click')
  await wrapper.get(`[data-testid="chart-download-${format}"]`).trigger('click')
  expect(mocks.saved).toHaveLength(1)
  return mocks.saved[0]!
}

describe('BaseChart Download menu', () => {
  it('is a menu button that opens, moves and closes from the keyboard', async () => {
    mountChart()
    const button = wrapper.get('[data-testid="chart-download-button"]')
    expect(button.attributes()).toMatchObject({ 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menu().attributes('id') })
    expect(wrapper.get('[role="img"]').attributes('aria-label')).toBe('Budget burn chart')
    expect(menu().isVisible()).toBe(false)

    ;(button.element as HTMLButtonElement).focus()
    await button.trigger('keydown', { key: 'ArrowDown' })
    await vi.waitFor(() => expect(focusedTestId()).toBe('chart-download-png'))
    expect(button.attributes('aria-expanded')).toBe('true')
    expect(menu().isVisible()).toBe(true)
    expect(menu().findAll('[role="menuitem"]').map((i) => i.text())).toEqual(['PNG image', 'SVG image', 'CSV data'])

    await menu().trigger('keydown', { key: 'ArrowDown' })
    expect(focusedTestId()).toBe('chart-download-svg')
    await menu().trigger('keydown', { key: 'End' })
    expect(focusedTestId()).toBe('chart-download-csv')
    await menu().trigger('keydown', { key: 'ArrowDown' })
    expect(focusedTestId()).toBe('chart-download-png')
    await menu().trigger('keydown', { key: 'ArrowUp' })
    expect(focusedTestId()).toBe('chart-download-csv')
    await menu().trigger('keydown', { key: 'Escape' })
    expect(button.attributes('aria-expanded')).toBe('false')
    expect(focusedTestId()).toBe('chart-download-button')

    await button.trigger('keydown', { key: 'ArrowUp' })
    await vi.waitFor(() => expect(focusedTestId()).toBe('chart-download-csv'))
  })

  it('saves a PNG from the canvas at 2× on the theme surface', async () => {
    mountChart()
    const { blob, name } = await choose('png')
    expect(mocks.getDataURL).toHaveBeenCalledWith({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
    expect(name).toBe('budget-burn-2026-11-27.png')
    expect(blob.type).toBe('image/png')
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(focusedTestId()).toBe('chart-download-button')
  })

  it('saves an SVG drawn by a temporary SVG instance of the same size and option, then disposed', async () => {
    mountChart()
    const { blob, name } = await choose('svg')
    expect(mocks.init).toHaveBeenCalledWith(null, null, { renderer: 'svg', ssr: true, width: 640, height: 260 })
    expect(mocks.svgInstance.setOption).toHaveBeenCalledWith({ ...option, animation: false, backgroundColor: '#ffffff' })
    expect(mocks.svgInstance.dispose).toHaveBeenCalled()
    expect(name).toBe('budget-burn-2026-11-27.svg')
    expect(blob.type).toBe('image/svg+xml;charset=utf-8')
    expect(await blob.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
  })

  it("saves the chart's data as CSV with a BOM", async () => {
    mountChart()
    const { blob, name } = await choose('csv')
    expect(name).toBe('budget-burn-2026-11-27.csv')
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('Date,Spent (cumulative),Budget\r\n2024-09-02,36000,50000\r\n2024-09-03,40000.5,50000\r\n')
    expect(mocks.getDataURL).not.toHaveBeenCalled()
  })

  it('names files after the first title without a download name, and can be turned off', async () => {
    mountChart({ downloadName: undefined, option: { ...option, title: [{ text: 'Cumulative cost · INR' }] } })
    expect((await choose('csv')).name).toBe('cumulative-cost-inr-2026-11-27.csv')
    wrapper.unmount()
    mountChart({ downloadable: false })
    expect(wrapper.find('[data-testid="chart-download"]').exists()).toBe(false)
  })
})
