// Status bar: engine info from a fake client, the error + Retry path, and a running task.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Pinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import StatusBar from '../../../renderer/components/StatusBar.vue'
import { useEngineStore } from '../../../renderer/stores/engine'
import { useTasksStore } from '../../../renderer/stores/tasks'
import { progress, type FakeEngineClient } from '../support/fakeEngineClient'
import { freshEnvironment, teardown } from '../support/setup'

let pinia: Pinia
let client: FakeEngineClient
let wrapper: VueWrapper

beforeEach(() => {
  ;({ pinia, client } = freshEnvironment())
  wrapper = mount(StatusBar, { global: { plugins: [pinia] } })
})
afterEach(() => {
  wrapper.unmount()
  teardown(pinia)
})

const byTestId = (id: string) => wrapper.find(`[data-testid="${id}"]`)

describe('StatusBar', () => {
  it('shows the engine status, DuckDB version, project, host and app version', async () => {
    expect(byTestId('engine-status').text()).toBe('Starting…')
    await useEngineStore().loadInfo()
    await flushPromises()
    expect(byTestId('engine-status').text()).toBe('Engine ready')
    expect(byTestId('engine-status').attributes('role')).toBe('status')
    expect(byTestId('engine-duckdb-version').text()).toBe('DuckDB v1.5.6')
    expect(byTestId('engine-project').text()).toContain('pix-pilot')
    expect(byTestId('engine-project').attributes('title')).toBe('/home/analyst/projects/pix-pilot')
    expect(byTestId('engine-host').text()).toBe('Web')
    expect(byTestId('engine-app-version').text()).toBe('Cashback Lab 0.1.0')
    expect(byTestId('engine-retry').exists()).toBe(false)
  })

  it('shows the failure with a Retry that loads the info again', async () => {
    client.getEngineInfo.mockResolvedValueOnce({ ok: false, error: { code: 'IO_ERROR', message: 'Cannot reach the engine.' } })
    await useEngineStore().loadInfo()
    await flushPromises()
    expect(byTestId('engine-status').text()).toBe('Engine unavailable')
    expect(byTestId('engine-duckdb-version').exists()).toBe(false)
    await byTestId('engine-retry').trigger('click')
    await flushPromises()
    expect(client.getEngineInfo).toHaveBeenCalledTimes(2)
    expect(byTestId('engine-status').text()).toBe('Engine ready')
    expect(byTestId('engine-duckdb-version').text()).toBe('DuckDB v1.5.6')
    expect(byTestId('engine-retry').exists()).toBe(false)
  })

  it('shows the latest running task with its progress, and Cancel calls the engine', async () => {
    const tasks = useTasksStore()
    tasks.listen()
    client.emit(progress('upi-march', 'running', 41.6))
    await flushPromises()
    expect(byTestId('task-progress').text()).toContain('Importing upi-march.csv 42%')
    client.emit(progress('pix-april', 'started'))
    await flushPromises()
    expect(byTestId('task-progress').text()).toContain('Importing pix-april.csv (+1 more)')
    await byTestId('task-progress').get('button').trigger('click')
    expect(client.cancelTask).toHaveBeenCalledWith({ taskId: 'pix-april' })
    client.emit(progress('pix-april', 'cancelled'))
    client.emit(progress('upi-march', 'finished', 100))
    await flushPromises()
    expect(byTestId('task-progress').exists()).toBe(false)
  })
})
