/**
 * A concurrency limit: at most `max` tasks run at once; the rest wait their turn. It
 * adapts to a provider that accepts fewer calls at once than `max` (AIMD, as TCP does):
 * each call refused for its rate (429) lowers the limit in use to the calls then open
 * that were accepted, and every run of as many successes as the limit in use raises it
 * by one, never past `max`.
 */

export interface Limit {
  <T>(task: () => Promise<T>): Promise<T>
  /** A task running inside the limit was refused for the provider's rate: fewer at once. */
  narrow(): void
  /** A task running inside the limit succeeded. */
  widen(): void
  /** How many tasks may run at once now. */
  current(): number
}

/**
 * @example const limit = createLimit(6); await Promise.all(urls.map((u) => limit(() => fetch(u))))
 */
export function createLimit(max: number): Limit {
  let allowed = max
  let active = 0
  let successes = 0
  const waiting: Array<() => void> = []
  // Starts waiting tasks while there is room. A slot is taken for a task before it is
  // woken, so no newcomer can slip in between and exceed the limit.
  const pump = () => {
    while (active < allowed && waiting.length > 0) {
      active++
      waiting.shift()?.()
    }
  }
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= allowed || waiting.length > 0) await new Promise<void>((resolve) => waiting.push(resolve))
    else active++
    try {
      return await task()
    } finally {
      active--
      pump()
    }
  }
  return Object.assign(run, {
    narrow() {
      // The refused task still holds its slot: the others open are what the provider accepted.
      allowed = Math.max(1, Math.min(allowed, active - 1))
      successes = 0
    },
    widen() {
      if (allowed >= max) return
      successes++
      if (successes < allowed) return
      successes = 0
      allowed++
      pump()
    },
    current: () => allowed,
  })
}
