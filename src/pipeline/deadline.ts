/**
 * The request's one deadline: a signal that aborts model calls and retry waits alike
 * when REQUEST_DEADLINE_MS passes (or the caller's own signal aborts, e.g. the client
 * leaves). Nothing else in the pipeline measures time against the deadline.
 */

/** The abort reason when REQUEST_DEADLINE_MS passes. */
export class DeadlineReached extends Error {
  override name = 'DeadlineReached'
}

export interface Deadline {
  /** Aborts at the deadline, or when the caller's signal does. */
  readonly signal: AbortSignal
  /** Whether the deadline (not the caller) is why the signal aborted. */
  reached(): boolean
  /** Stops the timer once the work is over. */
  clear(): void
}

/** @example const deadline = startDeadline(120_000, clientGone); try { … } finally { deadline.clear() } */
export function startDeadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DeadlineReached(`REQUEST_DEADLINE_MS (${ms} ms) passed`)), ms)
  const signal = parent ? AbortSignal.any([controller.signal, parent]) : controller.signal
  return {
    signal,
    reached: () => signal.aborted && signal.reason instanceof DeadlineReached,
    clear: () => clearTimeout(timer),
  }
}
