// Rows of a dataset fetched page by page as the table scrolls (previewRows), cached until the
// dataset or the sort changes. Layer: renderer/composables.
import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import type { EngineErrorInfo } from '../../common/contract'
import type { RowPage } from '../../common/domain/profile'
import { useEngineClient } from '../api/engineClient'
import type { LoadStatus } from '../stores/engine'

export interface RowSort {
  column: string | null
  descending: boolean
}

export type Row = readonly (string | null)[]

export function useRowPages(dataset: MaybeRefOrGetter<string | null>, sort: MaybeRefOrGetter<RowSort>, pageSize = 200) {
  const columns = shallowRef<RowPage['columns']>([])
  const total = ref(0)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<EngineErrorInfo | null>(null)
  /** Loaded pages by page number; replaced (not mutated) so the table re-renders. */
  const pages = shallowRef<ReadonlyMap<number, readonly Row[]>>(new Map())
  const inflight = new Set<number>()
  // Replies for an older dataset/sort are dropped.
  let generation = 0

  async function fetchPage(page: number): Promise<void> {
    const name = toValue(dataset)
    if (name === null || pages.value.has(page) || inflight.has(page)) return
    const mine = generation
    inflight.add(page)
    const { column, descending } = toValue(sort)
    const result = await useEngineClient().previewRows({ dataset: name, offset: page * pageSize, limit: pageSize, orderBy: column, descending })
    if (mine !== generation) return
    inflight.delete(page)
    if (!result.ok) {
      error.value = result.error
      status.value = 'error'
      return
    }
    columns.value = result.value.columns
    total.value = result.value.total
    pages.value = new Map(pages.value).set(page, result.value.rows)
    status.value = 'ready'
  }

  /** Make sure rows first..last (inclusive) are loaded or on their way. */
  function ensureRange(first: number, last: number): void {
    if (status.value === 'error') return
    const end = Math.min(last, Math.max(0, total.value - 1))
    for (let page = Math.floor(Math.max(0, first) / pageSize); page <= Math.floor(end / pageSize); page += 1) void fetchPage(page)
  }

  /** The row at an index, or undefined while its page is loading. */
  function rowAt(index: number): Row | undefined {
    return pages.value.get(Math.floor(index / pageSize))?.[index % pageSize]
  }

  function reload(): void {
    generation += 1
    inflight.clear()
    pages.value = new Map()
    error.value = null
    status.value = toValue(dataset) === null ? 'idle' : 'loading'
    void fetchPage(0)
  }

  watch(
    () => [toValue(dataset), toValue(sort).column, toValue(sort).descending] as const,
    ([name], previous) => {
      // A new dataset starts from scratch; a new sort keeps columns and total (no flicker).
      if (previous === undefined || previous[0] !== name) {
        columns.value = []
        total.value = 0
      }
      reload()
    },
    { immediate: true },
  )

  return { columns, total, status, error, pages, rowAt, ensureRange, reload }
}
