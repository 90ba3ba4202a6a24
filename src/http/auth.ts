/**
 * Who may spend this deployment's model budget: bearer tokens from API_TOKENS, compared
 * in constant time. Secure by default — no tokens configured means no access, unless
 * AUTH_DISABLED opens the API for local development (honoured on localhost only).
 */

import { AuthNotConfiguredError, UnauthorizedError } from '../errors'
import type { Settings } from '../config'
import { sha256Hex } from '../cache/digest'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const encoder = new TextEncoder()

/** Who is asking, for rate limiting: a token's fingerprint, or the client address. */
export type Caller = { kind: 'token'; id: string } | { kind: 'address'; id: string }

/**
 * Checks the request's bearer token against API_TOKENS. Returns the caller; throws a
 * 401 problem (missing or wrong token) or a 503 problem (no tokens configured).
 */
export async function authenticate(request: Request, settings: Settings): Promise<Caller> {
  const url = new URL(request.url)
  if (settings.AUTH_DISABLED && LOCAL_HOSTS.has(url.hostname)) {
    return { kind: 'address', id: request.headers.get('cf-connecting-ip') ?? 'local' }
  }
  if (settings.API_TOKENS.length === 0) {
    throw new AuthNotConfiguredError(
      settings.AUTH_DISABLED
        ? 'AUTH_DISABLED only opens the API on localhost. Set API_TOKENS (comma-separated) with `npx wrangler secret put API_TOKENS` to let clients in.'
        : 'No API tokens are configured, so the API is closed. Set API_TOKENS (comma-separated) with `npx wrangler secret put API_TOKENS`; for local development, AUTH_DISABLED=true in .dev.vars opens it on localhost.',
    )
  }
  const header = request.headers.get('authorization') ?? ''
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header)
  if (!match) {
    throw new UnauthorizedError('Send an API token in the Authorization header: `Authorization: Bearer <token>`.', false)
  }
  const token = match[1] as string
  if (!(await isKnownToken(token, settings.API_TOKENS))) {
    throw new UnauthorizedError('The API token is not valid for this deployment.', true)
  }
  return { kind: 'token', id: (await sha256Hex(`passage-token:${token}`)).slice(0, 24) }
}

/**
 * Compares digests of equal length with `timingSafeEqual`, against every configured
 * token, so neither the match nor its position shows in the timing.
 */
async function isKnownToken(candidate: string, tokens: readonly string[]): Promise<boolean> {
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)))
  const given = await digest(candidate)
  let found = false
  for (const token of tokens) {
    if (crypto.subtle.timingSafeEqual(given, await digest(token))) found = true
  }
  return found
}
