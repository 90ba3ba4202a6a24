/** The one p-retry wrapper around model calls. Decisions live in retry-policy.ts. */

import pRetry from 'p-retry'
import { isRetryable, retryDelay, type RetryTiming } from './retry-policy'

export interface RetryOptions {
  retries: number
  timing: RetryTiming
  /** Aborts waiting and attempts alike: the request's deadline or the client leaving. */
  signal: AbortSignal
  /** Epoch ms after which no retry is worth starting. */
  deadlineAt: number
  now?: () => number
  random?: () => number
  /** Called after each failed attempt that will be retried (for logs and counters). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

/** Thrown when the next retry could not finish before the deadline. */
export class RetryBudgetExhaustedError extends Error {
  override name = 'RetryBudgetExhaustedError'
  constructor(readonly lastError: unknown) {
    super('no time left before the deadline for another attempt')
  }
}

/**
 * Runs `attempt` until it succeeds, fails with an error that `isRetryable` rejects, or
 * runs out of retries. Waits `retryDelay` between attempts (so a provider's Retry-After
 * is honoured up to its cap), and gives up early when that wait would pass the deadline.
 */
export function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now
  return pRetry(attempt, {
    retries: options.retries,
    // p-retry's own backoff is off: onFailedAttempt waits for the delay we decide.
    minTimeout: 0,
    maxTimeout: 0,
    factor: 1,
    signal: options.signal,
    shouldRetry: ({ error }) => isRetryable(error),
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft === 0 || !isRetryable(error)) return
      const delay = retryDelay(error, attemptNumber, options.timing, options.random)
      if (now() + delay >= options.deadlineAt) throw new RetryBudgetExhaustedError(error)
      options.onRetry?.(error, attemptNumber, delay)
      await sleep(delay, options.signal)
    },
  })
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
}
