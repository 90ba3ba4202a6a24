/** Identical requests in flight at once share one run (within an isolate). */

export interface SingleFlight<T> {
  /** Runs `task` for `key`, or joins the run already in flight; `joined` says which. */
  run(key: string, task: () => Promise<T>): Promise<{ value: T; joined: boolean }>
}

/**
 * @example const flight = createSingleFlight<Result>(); await flight.run(id, () => translate())
 */
export function createSingleFlight<T>(): SingleFlight<T> {
  const inFlight = new Map<string, Promise<T>>()
  return {
    async run(key, task) {
      const running = inFlight.get(key)
      if (running) return { value: await running, joined: true }
      const promise = task()
      inFlight.set(key, promise)
      try {
        return { value: await promise, joined: false }
      } finally {
        inFlight.delete(key)
      }
    },
  }
}
