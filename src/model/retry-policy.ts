/** When to retry a model call, and how long to wait: pure, and the only place that decides. */

import { ModelConnectionError, ModelHttpError, ModelOutputError, ModelTimeoutError } from './errors'

const RETRYABLE_STATUS = new Set([408, 409, 429])

// The codes (or types) providers give an account out of credit or quota: OpenAI's and
// Azure's `insufficient_quota` (on a 429), gateways' `insufficient_credits` and
// `insufficient_balance`, Workers AI's `3036` and `4006` (its daily free allocation used up), and the two
// that provider-errors.ts reads from a Google 429's quota violations.
const QUOTA_CODES = new Set([
  'insufficient_quota',
  'insufficient_credits',
  'insufficient_balance',
  'billing_hard_limit_reached',
  'billing_not_active',
  '3036',
  '4006',
  'daily_quota_exceeded',
  'no_quota_for_model',
])

/** Whether a provider's error code or type names an account out of credit or quota. */
export function isQuotaCode(name: string | undefined): boolean {
  return name !== undefined && QUOTA_CODES.has(name)
}

/**
 * Whether the provider refused because the account behind the key has no credit or quota
 * left: HTTP 402 (OpenRouter, DeepSeek), or a 429, 403 or 400 (Anthropic's) whose code says so. No retry helps,
 * and no setting of ours but the key.
 */
export function isQuotaExhausted(error: unknown): boolean {
  if (!(error instanceof ModelHttpError)) return false
  if (error.status === 402) return true
  const { code, type } = error.info
  return (
    (error.status === 429 || error.status === 403 || error.status === 400) && (isQuotaCode(code) || isQuotaCode(type))
  )
}

/**
 * Whether another attempt may succeed: 408, 409, 429 and 5xx, connection errors,
 * timeouts and answers that failed a fidelity check. Never 400, 401, 402, 403, 404, 422,
 * nor an account out of quota (a 429 `insufficient_quota`): the same request would fail
 * the same way. Otherwise a provider's `x-should-retry` header overrides the status.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ModelHttpError) {
    if (isQuotaExhausted(error)) return false
    // The provider's own word wins (`x-should-retry`, as openai-node obeys it).
    if (error.info.shouldRetry !== undefined) return error.info.shouldRetry
    return RETRYABLE_STATUS.has(error.status) || error.status >= 500
  }
  return (
    error instanceof ModelConnectionError || error instanceof ModelTimeoutError || error instanceof ModelOutputError
  )
}

export interface RetryTiming {
  /** First backoff; doubles each attempt. */
  baseDelayMs: number
  /** Longest wait we accept from a provider's Retry-After. */
  retryAfterCapMs: number
}

/**
 * How long to wait before attempt `attempt + 1`. The provider's `Retry-After` (already
 * parsed into `retryAfterMs`) wins, capped; otherwise exponential backoff from
 * `baseDelayMs` with full jitter between half and all of the step. `random` is
 * injectable so the function stays pure.
 *
 * @example retryDelay(new ModelHttpError(429, 2000, ''), 1, timing) // 2000
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  timing: RetryTiming,
  random: () => number = Math.random,
): number {
  if (error instanceof ModelHttpError && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), timing.retryAfterCapMs)
  }
  const step = timing.baseDelayMs * 2 ** Math.max(0, attempt - 1)
  return Math.round(step / 2 + (step / 2) * random())
}

/**
 * Parses the retry hints a provider sends: `retry-after-ms` (OpenAI), then
 * `retry-after` as seconds or as an HTTP date. Returns undefined when absent or invalid.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null },
  now: number = Date.now(),
): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms))
  const value = headers.get('retry-after')?.trim()
  if (value === undefined || value === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
