/**
 * Work handed to `waitUntil` (cache writes after the response), also kept in a set per
 * isolate so that a caller in the same isolate — the test suite, between tests — can
 * wait until it has settled.
 */

const pending = new Set<Promise<void>>()

/** A `defer` that hands each task to `waitUntil` and tracks it until it settles. */
export function deferrer(waitUntil: (task: Promise<unknown>) => void): (task: Promise<unknown>) => void {
  return (task) => {
    const tracked: Promise<void> = task.then(
      () => undefined,
      () => undefined,
    )
    pending.add(tracked)
    void tracked.then(() => pending.delete(tracked))
    waitUntil(tracked)
  }
}

/** Resolves once every deferred task of this isolate has settled, later ones included. */
export async function deferredSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending])
}
