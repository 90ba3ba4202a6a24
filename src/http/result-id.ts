/**
 * The id of a translation request's result and the cache scope it is stored in: who may
 * share it (CACHE_SCOPE), and everything that shapes it (model, prompts, second opinion,
 * the page it was read from).
 */

import { cacheScopeOf, resultId, reviewedVersion } from '../cache/keys'
import type { Settings } from '../config'
import { IdSecretNotConfiguredError } from '../errors'
import type { Edition } from '../extract'
import type { Glossary, SummaryLength } from '../schemas/request'
import { isLocalRequest } from './local'

export interface ResultIdentity {
  id: string
  /** `caller`: the caller's cache scope; `shared`: translations may be reused by everyone. */
  scope: { caller: string; shared: boolean }
}

export interface IdentityInput {
  settings: Settings
  /** Who asks (the caller's id, see src/http/auth.ts). */
  callerId: string
  /** The request's URL: only a request to localhost may go without ID_SECRET. */
  url: string
  model: string
  promptVersion: string
  secondOpinion: boolean
  glossary: Glossary
  summary: SummaryLength
  paragraphs: readonly string[]
  edition?: Edition | undefined
}

/** The result's id: the same request (in the same scope) always gets the same one. */
export async function identifyResult(input: IdentityInput): Promise<ResultIdentity> {
  const { settings } = input
  // Per-token scope: another caller's identical request is another result, never a hit.
  const scope = { caller: await cacheScopeOf(input.callerId), shared: settings.CACHE_SCOPE === 'deployment' }
  // An edition (source, headline) is part of the result, so the same text read from another page is another result.
  const edition = input.edition ? `+edition:${JSON.stringify(input.edition)}` : ''
  const version = reviewedVersion(input.promptVersion, input.secondOpinion) + edition
  const context = { model: input.model, promptVersion: version, ...(scope.shared ? {} : { scope: scope.caller }) }
  const secret = idSecret(settings, input.url)
  return { id: await resultId(secret, context, input.glossary, input.summary, input.paragraphs), scope }
}

/**
 * The secret that keys result ids. ID_SECRET is required on a deployment: without it ids
 * would be keyed by the model key (rotating it would change every id) or, with no key
 * at all, by nothing secret. Locally it falls back to the model key.
 */
export function idSecret(settings: Settings, url: string): string {
  if (settings.ID_SECRET !== undefined) return settings.ID_SECRET
  if (isLocalRequest(url)) return settings.OPENAI_API_KEY ?? 'local-development'
  throw new IdSecretNotConfiguredError()
}
