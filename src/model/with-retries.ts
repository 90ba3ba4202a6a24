/** The one p-retry wrapper around model calls. Decisions live in retry-policy.ts. */

import pRetry from 'p-retry'
import { isRetryable, retryDelay, type RetryTiming } from './retry-policy'

export interface RetryOptions {
  retries: number
  timing: RetryTiming
  /**
   * Aborts waiting and attempts alike: the request's deadline or the client leaving.
   * The deadline has no other mechanism: a wait it interrupts ends the retries.
   */
  signal: AbortSignal
  random?: () => number
  /** Called after each failed attempt that will be retried (for logs and counters). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

/**
 * Runs `attempt` until it succeeds, fails with an error that `isRetryable` rejects, or
 * runs out of retries. Waits `retryDelay` between attempts (so a provider's Retry-After
 * is honoured up to its cap); stops with the signal's reason when it aborts.
 */
export function withRetries<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
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
