import { describe, expect, it } from 'vitest'
import {
  ModelConnectionError,
  ModelHttpError,
  ModelOutputError,
  ModelTimeoutError,
  TruncatedOutputError,
} from '../../src/model/errors'
import { isQuotaExhausted, isRetryable, parseRetryAfter, retryDelay } from '../../src/model/retry-policy'

const headers = (values: Record<string, string>) => new Headers(values)
const timing = { baseDelayMs: 400, retryAfterCapMs: 10_000 }

describe('which model failures are retried', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetryable(new ModelHttpError(status, undefined, ''))).toBe(true)
  })

  it.each([400, 401, 402, 403, 404, 422])('never retries HTTP %i', (status) => {
    expect(isRetryable(new ModelHttpError(status, undefined, ''))).toBe(false)
  })

  it('never retries an account out of credit or quota, even when the provider says to', () => {
    const outOfQuota = new ModelHttpError(429, undefined, '', {
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    })
    expect(isQuotaExhausted(outOfQuota)).toBe(true)
    expect(isRetryable(outOfQuota)).toBe(false)
    const said = new ModelHttpError(429, 1000, '', { code: 'insufficient_quota', shouldRetry: true })
    expect(isRetryable(said)).toBe(false)
    expect(isQuotaExhausted(new ModelHttpError(402, undefined, ''))).toBe(true)
    expect(isQuotaExhausted(new ModelHttpError(429, undefined, '', { code: '4006' }))).toBe(true)
  })

  it('tells a rate limit from an empty account', () => {
    const limited = new ModelHttpError(429, 2000, '', { type: 'requests', code: 'rate_limit_exceeded' })
    expect(isQuotaExhausted(limited)).toBe(false)
    expect(isRetryable(limited)).toBe(true)
    // A code of quota on a status that is not about it is the status's business.
    expect(isQuotaExhausted(new ModelHttpError(500, undefined, '', { code: 'insufficient_quota' }))).toBe(false)
  })

  it('retries connection errors, timeouts and answers that fail a fidelity check', () => {
    expect(isRetryable(new ModelConnectionError('reset'))).toBe(true)
    expect(isRetryable(new ModelTimeoutError('slow'))).toBe(true)
    expect(isRetryable(new ModelOutputError('wrong-count', ''))).toBe(true)
    expect(isRetryable(new TruncatedOutputError())).toBe(true)
  })

  it('does not retry bugs', () => {
    expect(isRetryable(new TypeError('x is undefined'))).toBe(false)
    expect(isRetryable('a string')).toBe(false)
  })
})

describe('how long to wait before the next attempt', () => {
  it('backs off exponentially with jitter between half and all of the step', () => {
    expect(retryDelay(new ModelTimeoutError(''), 1, timing, () => 0)).toBe(200)
    expect(retryDelay(new ModelTimeoutError(''), 1, timing, () => 1)).toBe(400)
    expect(retryDelay(new ModelTimeoutError(''), 3, timing, () => 0)).toBe(800)
    expect(retryDelay(new ModelTimeoutError(''), 3, timing, () => 1)).toBe(1600)
  })

  it("follows the provider's Retry-After, up to the cap", () => {
    expect(retryDelay(new ModelHttpError(429, 2500, ''), 1, timing, () => 0.5)).toBe(2500)
    expect(retryDelay(new ModelHttpError(429, 60_000, ''), 1, timing)).toBe(10_000)
    expect(retryDelay(new ModelHttpError(503, 0, ''), 4, timing)).toBe(0)
  })
})

describe('reading retry hints', () => {
  const now = Date.parse('2026-11-28T12:00:00Z')

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500)
  })

  it('reads retry-after in seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '3' }), now)).toBe(3000)
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), now)).toBe(500)
  })

  it('reads retry-after as an HTTP date', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Sat, 28 Nov 2026 12:00:07 GMT' }), now)).toBe(7000)
    expect(parseRetryAfter(headers({ 'retry-after': 'Sat, 28 Nov 2026 11:00:00 GMT' }), now)).toBe(0)
  })

  it('ignores missing and malformed hints', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
    expect(parseRetryAfter(headers({ 'retry-after-ms': '-5' }), now)).toBeUndefined()
  })
})
