// The virtualised rows table: only rows in view are in the DOM, pages load as they scroll in,
// a header click sorts (asc → desc → off), and the keyboard moves the active cell.
import { flushPromises, mount } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineRequest } from '../../../../common/contract'
import VirtualRowsTable from '../../../../renderer/components/data/VirtualRowsTable.vue'
import { okResult, type FakeEngineClient } from '../../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../../support/setup'

const TOTAL = 10_000
let pinia: Pinia
let client: FakeEngineClient

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
  vi.mocked(client.previewRows).mockImplementation(async (request: EngineRequest<'previewRows'>) => {
    const offset = request.offset ?? 0
    const limit = Math.min(request.limit ?? 100, TOTAL - offset)
    const rows = Array.from({ length: limit }, (_, i) => [`P${offset + i}`, request.descending ? String(TOTAL - offset - i) : String(offset + i + 1), i % 7 === 0 ? null : 'BR'])
    return okResult({ columns: [{ name: 'payment_id', type: 'VARCHAR' }, { name: 'amount', type: 'DECIMAL(18,2)' }, { name: 'country', type: 'VARCHAR' }], rows, total: TOTAL, offset })
  })
})
afterEach(() => teardown(pinia))

async function mounted() {
  const wrapper = mount(VirtualRowsTable, { props: { dataset: 'payments' }, global: { plugins: [pinia] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('VirtualRowsTable', () => {
  it('renders only the rows in view, with grid roles and counts', async () => {
    const wrapper = await mounted()
    const grid = wrapper.get('[role="grid"]')
    expect(grid.attributes('aria-rowcount')).toBe(String(TOTAL + 1))
    expect(grid.attributes('aria-colcount')).toBe('4')
    const rows = wrapper.findAll('[role="row"]')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(60)
    expect(rows[1]!.attributes('aria-rowindex')).toBe('2')
    expect(rows[1]!.text()).toContain('P0')
    expect(wrapper.find('.nullv').text()).toBe('NULL')
    expect(wrapper.text()).toContain('of 10,000')
    expect(client.previewRows).toHaveBeenCalledTimes(1)
    expect(client.previewRows).toHaveBeenCalledWith({ dataset: 'payments', offset: 0, limit: 200, orderBy: null, descending: false })
    wrapper.unmount()
  })

  it('fetches the page that scrolls into view', async () => {
    const wrapper = await mounted()
    const scroller = wrapper.get('[role="grid"]').element as HTMLElement
    scroller.scrollTop = 28 * 5000
    await wrapper.get('[role="grid"]').trigger('scroll')
    await flushPromises()
    expect(client.previewRows).toHaveBeenCalledWith(expect.objectContaining({ offset: 4800 }))
    expect(client.previewRows).toHaveBeenCalledWith(expect.objectContaining({ offset: 5000 }))
    const indexes = wrapper.findAll('[role="row"]').slice(1).map((r) => Number(r.attributes('aria-rowindex')))
    expect(Math.min(...indexes)).toBeGreaterThan(4900)
    expect(wrapper.text()).toContain('P5000')
    wrapper.unmount()
  })

  it('sorts by a column: ascending, descending, then unsorted', async () => {
    const wrapper = await mounted()
    const header = (): ReturnType<typeof wrapper.get> => wrapper.findAll('[role="columnheader"]')[2]!
    expect(header().attributes('aria-sort')).toBe('none')
    await wrapper.get('[data-testid="sort-amount"]').trigger('click')
    await flushPromises()
    expect(client.previewRows).toHaveBeenLastCalledWith({ dataset: 'payments', offset: 0, limit: 200, orderBy: 'amount', descending: false })
    expect(header().attributes('aria-sort')).toBe('ascending')
    await wrapper.get('[data-testid="sort-amount"]').trigger('click')
    await flushPromises()
    expect(header().attributes('aria-sort')).toBe('descending')
    expect(wrapper.findAll('[role="row"]')[1]!.text()).toContain('10000')
    await wrapper.get('[data-testid="sort-amount"]').trigger('click')
    await flushPromises()
    expect(client.previewRows).toHaveBeenLastCalledWith(expect.objectContaining({ orderBy: null }))
    wrapper.unmount()
  })

  it('moves the active cell with the keyboard', async () => {
    const wrapper = await mounted()
    const grid = wrapper.get('[role="grid"]')
    await grid.trigger('focus')
    expect(grid.attributes('aria-activedescendant')).toMatch(/-0-0$/)
    await grid.trigger('keydown', { key: 'ArrowDown' })
    await grid.trigger('keydown', { key: 'ArrowRight' })
    expect(grid.attributes('aria-activedescendant')).toMatch(/-1-1$/)
    const active = wrapper.get('.cell.active')
    expect(active.attributes('id')).toBe(grid.attributes('aria-activedescendant'))
    await grid.trigger('keydown', { key: 'End', ctrlKey: true })
    expect(grid.attributes('aria-activedescendant')).toMatch(new RegExp(`-${TOTAL - 1}-2$`))
    await grid.trigger('keydown', { key: 'Home' })
    expect(grid.attributes('aria-activedescendant')).toMatch(new RegExp(`-${TOTAL - 1}-0$`))
    await grid.trigger('keydown', { key: 'PageUp' })
    expect(Number(/-(\d+)-0$/.exec(grid.attributes('aria-activedescendant') ?? '')?.[1])).toBeLessThan(TOTAL - 5)
    await grid.trigger('blur')
    expect(grid.attributes('aria-activedescendant')).toBeUndefined()
    wrapper.unmount()
  })

  it('shows the engine error', async () => {
    vi.mocked(client.previewRows).mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset named "payments".' } })
    const wrapper = await mounted()
    expect(wrapper.get('[role="alert"]').text()).toContain('No dataset named "payments".')
    wrapper.unmount()
  })
})
