/**
 * Who may spend this deployment's model budget: bearer tokens from API_TOKENS (plain, or
 * named `alice:tok_…` so logs and rate limits are per person), compared
 * in constant time. Secure by default — no tokens configured means no access, unless
 * AUTH_DISABLED opens the API for local development (honoured on localhost only).
 */

import { createMiddleware } from 'hono/factory'
import type { ConfiguredEnv } from '../app-env'
import { sha256Hex } from '../cache/digest'
import type { Settings } from '../config'
import { AuthNotConfiguredError, UnauthorizedError } from '../errors'
import { isLocalHostname } from './local'
import { limitFailedAuthentication } from './rate-limit'

const encoder = new TextEncoder()

/**
 * Who is asking. `id` keys the rate limit: a named token's name (so every token of one
 * person shares one budget), a plain token's fingerprint, or the client's address.
 * `name` is what logs show: the token's name, `token-` and 8 hex digits of a plain
 * token's fingerprint (never the token), or the address.
 */
export type Caller = { kind: 'token'; id: string; name: string } | { kind: 'address'; id: string; name: string }

type ApiToken = Settings['API_TOKENS'][number]

export interface CallerVariables {
  /** Who sent the request (set by `authenticated`). */
  caller: Caller
}

/**
 * Lets only callers with a valid token through (see {@link authenticate}) and puts the
 * caller on `c.var.caller`. A failed attempt counts against its address's budget first.
 */
export const authenticated = createMiddleware<ConfiguredEnv & { Variables: CallerVariables }>(async (c, next) => {
  try {
    c.set('caller', await authenticate(c.req.raw, c.var.settings))
  } catch (error) {
    if (error instanceof UnauthorizedError)
      await limitFailedAuthentication(c.var.services.rateLimiter, c.req.header('cf-connecting-ip') ?? 'unknown')
    throw error
  }
  await next()
})

/** AUTH_DISABLED opens the API without a token, and only to requests made to this machine. */
export function isOpenWithoutToken(settings: Settings, hostname: string): boolean {
  return settings.AUTH_DISABLED && isLocalHostname(hostname)
}

/**
 * Checks the request's bearer token against API_TOKENS. Returns the caller; throws a
 * 401 problem (missing or wrong token) or a 503 problem (no tokens configured).
 */
export async function authenticate(request: Request, settings: Settings): Promise<Caller> {
  const url = new URL(request.url)
  if (isOpenWithoutToken(settings, url.hostname)) {
    const address = request.headers.get('cf-connecting-ip') ?? 'local'
    return { kind: 'address', id: address, name: `address ${address}` }
  }
  if (settings.API_TOKENS.length === 0) {
    throw new AuthNotConfiguredError(
      settings.AUTH_DISABLED
        ? 'AUTH_DISABLED only opens the API on localhost. Set API_TOKENS (comma-separated `name:token` entries) ' +
            'with `npx wrangler secret put API_TOKENS` to let clients in.'
        : 'No API tokens are configured, so the API is closed. Set API_TOKENS (comma-separated `name:token` ' +
            'entries) with `npx wrangler secret put API_TOKENS`; for local development, AUTH_DISABLED=true in ' +
            '.dev.vars opens it on localhost.',
    )
  }
  const header = request.headers.get('authorization') ?? ''
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header)
  if (!match) {
    throw new UnauthorizedError(
      'Send an API token in the Authorization header: `Authorization: Bearer <token>`.',
      false,
    )
  }
  const token = match[1] as string
  const known = await findToken(token, settings.API_TOKENS)
  if (!known) throw new UnauthorizedError('The API token is not valid for this deployment.', true)
  if (known.name !== undefined) return { kind: 'token', id: `name:${known.name}`, name: known.name }
  const fingerprint = (await sha256Hex(`passage-token:${token}`)).slice(0, 24)
  return { kind: 'token', id: fingerprint, name: `token-${fingerprint.slice(0, 8)}` }
}

/**
 * Compares digests of equal length with `timingSafeEqual`, against every configured
 * token, so neither the match nor its position shows in the timing.
 */
async function findToken(candidate: string, tokens: readonly ApiToken[]): Promise<ApiToken | undefined> {
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)))
  const given = await digest(candidate)
  let found: ApiToken | undefined
  for (const entry of tokens) {
    if (crypto.subtle.timingSafeEqual(given, await digest(entry.token))) found ??= entry
  }
  return found
}
