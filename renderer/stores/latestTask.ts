// One engine call at a time, the latest wins: used inside setup stores whose action runs a long
// engine task (campaign preview, compare, experiment and rollout analyses). Stale replies are
// dropped by a request counter; the running task (found among the tasks store's progress events)
// gives progress and Cancel; the last result stays on screen while a new one computes.
// Layer: renderer/stores.
import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { EngineErrorInfo, ProgressEvent, Result } from '../../common/contract'
import type { LoadStatus } from './engine'
import { useTasksStore } from './tasks'

export interface LatestTaskOptions<T> {
  /** Label prefix of the engine's task; absent: any task started after the call. */
  taskLabel?: string
  /** Cancel the still-running task when a new call supersedes it (default true). */
  cancelSuperseded?: boolean
  /** Runs right after a result is taken (fresh from the engine or given to `show`). */
  onResult?: (value: T, key: string | null) => void
}

export interface LatestTask<T> {
  status: Ref<LoadStatus>
  result: ShallowRef<T | null>
  /** The request the shown result answers. */
  resultKey: Ref<string | null>
  error: ShallowRef<EngineErrorInfo | null>
  /** The engine task computing the current request, once its first progress event arrived. */
  task: ComputedRef<ProgressEvent | null>
  /**
   * Call the engine for `key`; a reply to an older call is ignored. `current()` tells a call made of
   * several engine calls whether it is still wanted (not superseded, not cancelled) between them.
   */
  run: (key: string | null, call: (current: () => boolean) => Promise<Result<T>>) => Promise<void>
  /** Show a result known without the engine (a cache hit); a reply still on its way is ignored. */
  show: (value: T, key: string | null) => void
  /** Stop the running call; the last result stays. */
  cancel: () => Promise<void>
  dismissError: () => void
}

export function createLatestTask<T>(options: LatestTaskOptions<T> = {}): LatestTask<T> {
  const { taskLabel, cancelSuperseded = true, onResult } = options
  const status = ref<LoadStatus>('idle')
  const result = shallowRef<T | null>(null)
  const resultKey = ref<string | null>(null)
  const error = shallowRef<EngineErrorInfo | null>(null)
  /** Engine tasks already running when the current call started: the new one is ours. */
  const baseline = shallowRef<ReadonlySet<string>>(new Set())
  let sequence = 0

  const task = computed(() => {
    if (status.value !== 'loading') return null
    const ours = useTasksStore().list.filter((t) => !baseline.value.has(t.taskId) && (taskLabel === undefined || t.label.startsWith(taskLabel)))
    return ours.at(-1) ?? null
  })

  const idleOrReady = (): LoadStatus => (result.value === null ? 'idle' : 'ready')

  function take(value: T, key: string | null): void {
    result.value = value
    resultKey.value = key
    error.value = null
    status.value = 'ready'
    onResult?.(value, key)
  }

  async function run(key: string | null, call: (current: () => boolean) => Promise<Result<T>>): Promise<void> {
    const ticket = ++sequence
    // A newer question makes the running one pointless: stop it so the engine is free.
    const previous = task.value
    if (cancelSuperseded && previous !== null) void useTasksStore().cancel(previous.taskId)
    baseline.value = new Set(Object.keys(useTasksStore().running))
    status.value = 'loading'
    error.value = null
    const reply = await call(() => ticket === sequence)
    if (ticket !== sequence) return
    if (reply.ok) {
      take(reply.value, key)
    } else {
      error.value = reply.error
      status.value = 'error'
    }
  }

  function show(value: T, key: string | null): void {
    sequence += 1
    take(value, key)
  }

  async function cancel(): Promise<void> {
    const running = task.value
    sequence += 1
    status.value = idleOrReady()
    if (running !== null) await useTasksStore().cancel(running.taskId)
  }

  function dismissError(): void {
    error.value = null
    if (status.value === 'error') status.value = idleOrReady()
  }

  return { status, result, resultKey, error, task, run, show, cancel, dismissError }
}
