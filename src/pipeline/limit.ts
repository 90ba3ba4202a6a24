/** A concurrency limit: at most `max` tasks run at once; the rest wait their turn. */

export type Limit = <T>(task: () => Promise<T>) => Promise<T>

/**
 * @example const limit = createLimit(6); await Promise.all(urls.map((u) => limit(() => fetch(u))))
 */
export function createLimit(max: number): Limit {
  let active = 0
  const waiting: Array<() => void> = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so no newcomer can
    // slip in between and exceed the limit.
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    else active++
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
