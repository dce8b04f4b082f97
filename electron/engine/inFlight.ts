// Work still going on, so that a close can wait for it to end. Layer: electron/engine.

export class InFlight {
  private readonly pending = new Set<Promise<unknown>>()

  /** `work`, passed on as it is; remembered until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(() => undefined, () => undefined)
    this.pending.add(settled)
    void settled.then(() => this.pending.delete(settled))
    return work
  }

  /** Resolves once everything tracked so far has settled, whatever its outcome. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending])
  }
}
