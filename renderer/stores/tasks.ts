// Long-running engine tasks (imports, simulations) as reported by progress events, so the status
// bar can show what runs and offer Cancel. Layer: renderer/stores.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { EngineErrorInfo, ProgressEvent } from '../../common/contract'
import { useEngineClient } from '../api/engineClient'

const FINISHED_PHASES = new Set<ProgressEvent['phase']>(['finished', 'failed', 'cancelled'])

export const useTasksStore = defineStore('tasks', () => {
  /** Running tasks by id, in the order they started. */
  const running = ref<Record<string, ProgressEvent>>({})
  const cancelError = ref<EngineErrorInfo | null>(null)
  let unsubscribe: (() => void) | null = null

  const list = computed(() => Object.values(running.value))
  /** The task the status bar shows: the most recently started one. */
  const latest = computed(() => list.value.at(-1) ?? null)

  function apply(event: ProgressEvent): void {
    if (FINISHED_PHASES.has(event.phase)) {
      const { [event.taskId]: _done, ...rest } = running.value
      running.value = rest
    } else {
      running.value = { ...running.value, [event.taskId]: event }
    }
  }

  /** Start listening to engine events; calling it again is harmless. */
  function listen(): void {
    unsubscribe ??= useEngineClient().onEngineEvent((event) => {
      if (event.type === 'progress') apply(event)
    })
  }

  function stopListening(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  async function cancel(taskId: string): Promise<void> {
    cancelError.value = null
    const result = await useEngineClient().cancelTask({ taskId })
    if (!result.ok) cancelError.value = result.error
  }

  return { running, cancelError, list, latest, apply, listen, stopListening, cancel }
})
