/**
 * A request's model calls at once. At most `max` run at once; the rest wait their turn.
 * It adapts to a provider that accepts fewer calls at once than `max` (AIMD, as TCP does):
 * each call refused for its rate (429) lowers the limit in use to the calls then open
 * that were accepted, and every run of as many successes as the limit in use raises it
 * by one, never past `max`. Whatever `max`, at most {@link HEADER_SLOTS} of the calls
 * wait for their answer's headers at once.
 */

/**
 * Cloudflare Workers let one invocation have at most six outbound connections waiting for
 * their response headers at once; a seventh fetch is held by the runtime until one of the
 * six gets its headers. A connection whose headers have arrived no longer counts, so calls
 * whose answers stream (their headers come first) may be many more than six. The limit
 * keeps to the rule itself: `wrangler dev` enforces nothing, so local runs then behave as
 * deployed ones, and a call held by the runtime would have its attempt timer running
 * while it waits.
 */
export const HEADER_SLOTS = 6

/** Given to each task: call it when the answer's headers arrive (once is enough; more do nothing). */
export type HeadersArrived = () => void

export interface Limit {
  /**
   * Runs `task` when there is room: a call slot, and a header slot that the task gives
   * back by calling `headers()` when its answer's headers arrive, or by ending.
   */
  <T>(task: (headers: HeadersArrived) => Promise<T>): Promise<T>
  /**
   * Runs `task` as the limit itself does, but after every task waiting or arriving in the
   * same turn of the event loop: a slot that frees goes first to a call queued behind the
   * one that held it (one turn later), and only a slot left idle goes to a `later` task.
   */
  later<T>(task: (headers: HeadersArrived) => Promise<T>): Promise<T>
  /** A task running inside the limit was refused for the provider's rate: fewer at once. */
  narrow(): void
  /** A task running inside the limit succeeded. */
  widen(): void
  /** How many tasks may run at once now. */
  current(): number
}

/**
 * @example
 * const limit = createLimit(12)
 * await Promise.all(urls.map((u) => limit(async (headers) => {
 *   const res = await fetch(u)
 *   headers() // 12 bodies may stream at once; at most 6 requests wait for headers
 *   return res.text()
 * })))
 */
export function createLimit(max: number): Limit {
  let allowed = max
  let active = 0
  let awaitingHeaders = 0
  let successes = 0
  const waiting: Array<() => void> = []
  const waitingLater: Array<() => void> = []
  let laterScheduled = false
  const hasRoom = () => active < allowed && awaitingHeaders < HEADER_SLOTS
  // Starts waiting tasks while there is room. Both slots are taken for a task before it is
  // woken, so no newcomer can slip in between and exceed either limit. The `later` ones
  // get what is left a turn of the event loop afterwards.
  const pump = () => {
    while (hasRoom() && waiting.length > 0) {
      active++
      awaitingHeaders++
      waiting.shift()?.()
    }
    if (hasRoom() && waitingLater.length > 0 && !laterScheduled) {
      laterScheduled = true
      setTimeout(() => {
        laterScheduled = false
        while (hasRoom() && waiting.length === 0 && waitingLater.length > 0) {
          active++
          awaitingHeaders++
          waitingLater.shift()?.()
        }
      }, 0)
    }
  }
  const take = async (later: boolean) => {
    if (later) {
      const turn = new Promise<void>((resolve) => waitingLater.push(resolve))
      pump()
      return turn
    }
    if (!hasRoom() || waiting.length > 0) return new Promise<void>((resolve) => waiting.push(resolve))
    active++
    awaitingHeaders++
  }
  const run = async <T>(task: (headers: HeadersArrived) => Promise<T>, later = false): Promise<T> => {
    await take(later)
    let holdsHeaderSlot = true
    const giveBackHeaderSlot = () => {
      if (!holdsHeaderSlot) return false
      holdsHeaderSlot = false
      awaitingHeaders--
      return true
    }
    try {
      return await task(() => {
        if (giveBackHeaderSlot()) pump()
      })
    } finally {
      giveBackHeaderSlot()
      active--
      pump()
    }
  }
  return Object.assign(<T>(task: (headers: HeadersArrived) => Promise<T>) => run(task), {
    later: <T>(task: (headers: HeadersArrived) => Promise<T>) => run(task, true),
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
