/** Per-caller rate limiting with the Workers rate-limiting binding (RATE_LIMITER). */

import { createMiddleware } from 'hono/factory'
import type { ConfiguredEnv } from '../app-env'
import { RateLimitedError } from '../errors'
import type { TranslationResult } from '../schemas/response'
import type { Caller, CallerVariables } from './auth'

// The binding's window (wrangler.toml [[ratelimits]] simple.period); it reports no reset time.
export const RATE_LIMIT_PERIOD_SECONDS = 60

/**
 * Counts one request against the caller's budget (keyed by token name, plain token's
 * fingerprint, or address); over budget is a 429 problem with
 * Retry-After. A missing binding or a failing check lets the request through (and logs):
 * the limiter guards cost, and an outage of it should not take the API down.
 */
export async function enforceRateLimit(
  limiter: RateLimit | undefined,
  caller: Caller,
  log: (message: string) => void = console.warn,
): Promise<void> {
  if (!limiter) {
    log('rate limit: no RATE_LIMITER binding; requests are not limited')
    return
  }
  let outcome: RateLimitOutcome
  try {
    outcome = await limiter.limit({ key: `${caller.kind}:${caller.id}` })
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error'
    log(`rate limit: the check failed (${reason}); letting the request through`)
    return
  }
  if (!outcome.success) {
    log(`rate limit: ${caller.name} is over budget`)
    throw new RateLimitedError(RATE_LIMIT_PERIOD_SECONDS)
  }
}

/**
 * Counts the request against the caller's budget, unless `c.var.stored` holds the result
 * it will be answered with: a result served whole from the cache costs no model call.
 */
export const rateLimited = createMiddleware<
  ConfiguredEnv & { Variables: CallerVariables & { stored?: TranslationResult | undefined } }
>(async (c, next) => {
  if (c.var.stored === undefined) await enforceRateLimit(c.var.services.rateLimiter, c.var.caller)
  await next()
})

/**
 * Counts a failed authentication against the address it came from, so that guessing
 * tokens is as limited as translating: over budget is a 429 problem instead of the 401.
 */
export async function limitFailedAuthentication(
  limiter: RateLimit | undefined,
  address: string,
  log: (message: string) => void = console.warn,
): Promise<void> {
  if (!limiter) return
  let outcome: RateLimitOutcome
  try {
    outcome = await limiter.limit({ key: `failed-auth:${address}` })
  } catch {
    return
  }
  if (!outcome.success) {
    log(`rate limit: too many failed authentications from one address`)
    throw new RateLimitedError(RATE_LIMIT_PERIOD_SECONDS, 'failed-sign-ins')
  }
}
