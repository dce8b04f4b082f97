// Long-running work: each task gets its own DuckDB connection, streams progress events while it
// runs, and can be cancelled (connection.interrupt()). Layer: electron/engine.
import { randomUUID } from 'node:crypto'
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import type { EngineEvent, ProgressEvent, TaskPhase } from '../../common/contract'
import { EngineError } from './engineError'
import { InFlight } from './inFlight'

export interface TaskContext {
  readonly taskId: string
  readonly connection: DuckDBConnection
  /** True once cancel() was called; check it between statements. */
  readonly cancelled: () => boolean
  /** Rows done so far when the task knows better than DuckDB's estimate (e.g. an appender). */
  reportRows(rows: number): void
  /**
   * Name what the task does now when it starts over on other work (progress events then read
   * "<label>: <step>", and their percentage is the new statement's); null goes back to the label.
   */
  step(step: string | null): void
}

export interface TaskRunnerOptions {
  instance: DuckDBInstance
  emit: (event: EngineEvent) => void
  /** How often progress is sampled and sent; the UI needs a tick at least every second. */
  intervalMs?: number
  now?: () => number
}

interface RunningTask {
  connection: DuckDBConnection
  cancelled: boolean
}

export class TaskRunner {
  private readonly running = new Map<string, RunningTask>()
  /** Every run() from its call until it has closed its connection (close() waits for them). */
  private readonly inFlight = new InFlight()
  private closed = false
  private readonly options: Required<TaskRunnerOptions>

  constructor(options: TaskRunnerOptions) {
    this.options = { intervalMs: 250, now: () => performance.now(), ...options }
  }

  get size(): number {
    return this.running.size
  }

  /**
   * Run `work` on a fresh connection with progress events; CANCELLED if cancel() interrupts it, or
   * if the runner is closed (before it starts or while it runs).
   */
  run<T>(label: string, work: (context: TaskContext) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(cancelledError(label))
    return this.inFlight.track(this.runOnConnection(label, work))
  }

  /**
   * Refuse new tasks, interrupt the running ones and wait until each has closed its connection.
   * The database must not close before: a connection still open keeps DuckDB's instance alive, and
   * the next instance on the same file (the CLI's next command, the same project opened again)
   * would meet the old one still checkpointing and removing its WAL.
   */
  async close(): Promise<void> {
    this.closed = true
    this.cancelAll()
    await this.inFlight.settled()
  }

  private async runOnConnection<T>(label: string, work: (context: TaskContext) => Promise<T>): Promise<T> {
    const taskId = randomUUID()
    const connection = await this.options.instance.connect()
    try {
      // Progress is only tracked with the progress bar on; printing it would write to our stdout.
      await connection.run('SET enable_progress_bar = true')
      await connection.run('SET enable_progress_bar_print = false')
      // Closed while connecting: close() did not see this task, so it must not start.
      if (this.closed) throw cancelledError(label)
    } catch (error) {
      connection.closeSync()
      throw error
    }
    const task: RunningTask = { connection, cancelled: false }
    this.running.set(taskId, task)

    const startedAt = this.options.now()
    let reportedRows: number | null = null
    let current = label
    const send = (phase: TaskPhase): void => {
      this.options.emit(this.progressEvent(taskId, current, phase, startedAt, connection, reportedRows))
    }
    send('started')
    const timer = setInterval(() => send('running'), this.options.intervalMs)
    try {
      const value = await work({
        taskId,
        connection,
        cancelled: () => task.cancelled,
        reportRows: (rows) => {
          reportedRows = rows
        },
        step: (step) => {
          current = step === null ? label : `${label}: ${step}`
          send('running')
        },
      })
      if (task.cancelled) throw cancelledError(label)
      send('finished')
      return value
    } catch (error) {
      if (task.cancelled) {
        send('cancelled')
        throw cancelledError(label, error)
      }
      send('failed')
      throw error
    } finally {
      clearInterval(timer)
      this.running.delete(taskId)
      connection.closeSync()
    }
  }

  /** Interrupt a running task. False when no such task runs (already finished, or never existed). */
  cancel(taskId: string): boolean {
    const task = this.running.get(taskId)
    if (task === undefined) return false
    task.cancelled = true
    task.connection.interrupt()
    return true
  }

  cancelAll(): void {
    for (const taskId of [...this.running.keys()]) this.cancel(taskId)
  }

  private progressEvent(
    taskId: string,
    label: string,
    phase: TaskPhase,
    startedAt: number,
    connection: DuckDBConnection,
    reportedRows: number | null,
  ): ProgressEvent {
    const elapsedMs = Math.round(this.options.now() - startedAt)
    const progress = phase === 'finished' ? null : connection.progress
    const percentage = phase === 'finished' ? 100 : progress !== null && progress.percentage >= 0 ? progress.percentage : null
    const duckdbRows = progress !== null && progress.rows_processed > 0n ? Number(progress.rows_processed) : null
    const rowsProcessed = reportedRows ?? duckdbRows
    const rowsPerSecond = rowsProcessed !== null && elapsedMs > 0 ? Math.round((rowsProcessed * 1000) / elapsedMs) : null
    return { type: 'progress', taskId, label, phase, percentage, rowsProcessed, rowsPerSecond, elapsedMs }
  }
}

function cancelledError(label: string, cause?: unknown): EngineError {
  return new EngineError('CANCELLED', `${label} was cancelled.`, { cause })
}
