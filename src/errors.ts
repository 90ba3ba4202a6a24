/**
 * Domain errors that carry their HTTP meaning, as Hono's HTTPException carries a status.
 * http/problem.ts turns them into problem+json (RFC 9457): a response in `app.onError`, or
 * the `error` event that ends a stream.
 */

import type { ProblemExtensions, ProblemType } from './schemas/problem'
import type { Summary, TranslatedParagraph } from './schemas/response'

/** What an error says to the client; src/schemas/problem.ts declares every member. */
export interface ProblemFields {
  /** Short slug; the problem's `type` is `/problems/{slug}`. */
  type: ProblemType
  title: string
  status: number
  detail: string
  /** Extra members of the problem object (RFC 9457, section 3.2). */
  extensions?: ProblemExtensions
  headers?: Record<string, string>
}

export class ServiceError extends Error {
  readonly problem: ProblemFields
  constructor(problem: ProblemFields, options?: ErrorOptions) {
    super(problem.detail, options)
    this.name = new.target.name
    this.problem = problem
  }
}

export interface FieldError {
  path: string
  message: string
}

export class InvalidRequestError extends ServiceError {
  constructor(detail: string, errors: FieldError[] = []) {
    super({
      type: 'invalid-request',
      title: 'The request is not valid',
      status: 400,
      detail,
      extensions: errors.length > 0 ? { errors } : {},
    })
  }
}

export class PayloadTooLargeError extends ServiceError {
  constructor(detail: string, limit: NonNullable<ProblemExtensions['limit']>) {
    super({ type: 'payload-too-large', title: 'The article is too large', status: 413, detail, extensions: { limit } })
  }
}

export class UnsupportedMediaTypeError extends ServiceError {
  constructor(received: string) {
    super({
      type: 'unsupported-media-type',
      title: 'Unsupported content type',
      status: 415,
      detail:
        'Send the article as text/plain; charset=utf-8, as application/json ({"text": "…"} or ' +
        `{"url": "https://…"}) or as a page (text/html, in its declared charset), ` +
        `not ${received || 'a body without Content-Type'}.`,
      extensions: { accepted: ['text/plain; charset=utf-8', 'application/json', 'text/html'] },
    })
  }
}

export class UnprocessableArticleError extends ServiceError {
  constructor(detail: string, extensions: Pick<ProblemExtensions, 'looks_like'> = {}) {
    super({ type: 'unprocessable-article', title: 'The article cannot be translated', status: 422, detail, extensions })
  }
}

export class NotFoundError extends ServiceError {
  constructor(detail: string) {
    super({ type: 'not-found', title: 'Not found', status: 404, detail })
  }
}

/** A known route asked with a method it does not take; `Allow` lists those it does. */
/** A client's text as a problem repeats it: cut after `max` characters, so that a long path or id is not echoed. */
export function clipped(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}

export class MethodNotAllowedError extends ServiceError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super({
      type: 'method-not-allowed',
      title: 'Method not allowed',
      status: 405,
      detail: `${clipped(path)} does not take ${method}: use ${allowed.join(', ')}. See the README for the API.`,
      headers: { Allow: allowed.join(', ') },
    })
  }
}

/**
 * What a request that did not finish still delivers: every paragraph translated (and
 * cached) so far, and the indexes of those missing, which the same request finishes.
 */
export interface PartialResult {
  paragraph_count: number
  paragraphs: TranslatedParagraph[]
  missing_paragraphs: number[]
  /** The summary, when it was written before the request stopped. */
  summary?: Summary
}

/** The model kept failing after retries; what succeeded is cached and returned. */
export class ModelFailedError extends ServiceError {
  constructor(
    detail: string,
    extensions: {
      failed_paragraphs: number[]
      summary_failed: boolean
      reason: string
      setting?: string
    } & Partial<PartialResult>,
  ) {
    super({ type: 'model-failed', title: 'The model kept failing', status: 502, detail, extensions })
  }
}

type RefusalExtensions = {
  failed_paragraphs: number[]
  summary_failed: boolean
  provider_status: number
  provider_code?: string
} & Partial<PartialResult>

/**
 * The model endpoint refused the request itself (400, 422) for a reason no setting of
 * ours explains: not retried, since the same request would be refused again.
 */
export class ModelRefusedRequestError extends ServiceError {
  readonly extensions: RefusalExtensions
  constructor(detail: string, extensions: RefusalExtensions) {
    super({
      type: 'model-refused-request',
      title: 'The model endpoint refused the request',
      status: 502,
      detail,
      extensions,
    })
    this.extensions = extensions
  }
}

/**
 * The provider refused because the account behind the key has no credit or quota left
 * (HTTP 402, or a 429 `insufficient_quota`): not retried, as no retry helps; what was
 * translated before is kept.
 */
export class ModelQuotaExhaustedError extends ServiceError {
  constructor(
    detail: string,
    extensions: {
      setting: string
      provider_status: number
      provider_code?: string
      failed_paragraphs: number[]
      summary_failed: boolean
    } & Partial<PartialResult>,
  ) {
    super({
      type: 'model-quota-exhausted',
      title: "The model provider's account has no quota left",
      status: 503,
      detail,
      extensions,
    })
  }
}

/** The model cannot be called as configured: no key, or a key the provider refuses. */
export class ModelNotConfiguredError extends ServiceError {
  constructor(setting: string, detail: string) {
    super({
      type: 'model-not-configured',
      title: 'The model is not configured',
      status: 503,
      detail,
      extensions: { setting },
    })
  }
}

/** REQUEST_DEADLINE_MS passed: the problem carries what was translated, and what is missing. */
export class DeadlineExceededError extends ServiceError {
  constructor(deadlineMs: number, partial: PartialResult & { summary_missing: boolean }) {
    const missing = partial.missing_paragraphs
    const one = missing.length === 1
    const parts = [
      missing.length > 0
        ? `${one ? 'paragraph' : 'paragraphs'} ${listIndexes(missing)} ${one ? 'is' : 'are'} missing`
        : undefined,
      partial.summary_missing ? 'the summary is missing' : undefined,
    ].filter(Boolean)
    super({
      type: 'deadline-exceeded',
      title: 'The request ran out of time',
      status: 504,
      detail:
        `The translation did not finish within REQUEST_DEADLINE_MS (${deadlineMs} ms): ${parts.join(' and ')}. ` +
        translatedSoFar(partial.paragraphs.length),
      extensions: { ...partial, translated_paragraphs: partial.paragraphs.length },
    })
  }
}

/** What a 504 delivers, said for none, one or several paragraphs. */
function translatedSoFar(count: number): string {
  if (count === 0) return 'No paragraph was translated in time: send the same request again to try once more.'
  const which = count === 1 ? 'The one paragraph translated so far is' : `The ${count} paragraphs translated so far are`
  return `${which} in \`paragraphs\` and cached: send the same request again to translate only what is missing.`
}

/** `0, 1, 2` — or the first twenty and a count, so a detail stays a sentence. */
function listIndexes(indexes: readonly number[]): string {
  return indexes.length <= 20
    ? indexes.join(', ')
    : `${indexes.slice(0, 20).join(', ')} and ${indexes.length - 20} more (see \`missing_paragraphs\`)`
}

/** A setting and what is wrong with its value. */
export interface SettingIssue {
  setting: string
  message: string
}

/**
 * Settings fail their schema: the deployment, not the request, is wrong. `setting` names
 * the first; `issues` holds every one, so that /readyz can list them all.
 */
export class ConfigError extends ServiceError {
  readonly issues: readonly SettingIssue[]
  constructor(setting: string, message: string, more: readonly SettingIssue[] = []) {
    const issues = [{ setting, message }, ...more]
    const settings = issues.map((issue) => issue.setting)
    super({
      type: 'invalid-configuration',
      title: 'The service is misconfigured',
      status: 500,
      detail:
        (issues.length === 1
          ? `The setting ${setting} is invalid: ${message}. `
          : `${issues.length} settings are invalid: ${issues.map((i) => `${i.setting} (${i.message})`).join('; ')}. `) +
        `Fix ${issues.length === 1 ? 'it' : 'them'} in wrangler.toml [vars] ` +
        `(or with \`wrangler secret put ${settings.join('`, `wrangler secret put ')}\`) and redeploy.`,
      extensions: { setting },
    })
    this.issues = issues
  }
}

export class UnauthorizedError extends ServiceError {
  constructor(detail: string, wrongToken: boolean) {
    super({
      type: 'unauthorized',
      title: 'A valid API token is required',
      status: 401,
      detail,
      headers: {
        'WWW-Authenticate': wrongToken ? 'Bearer realm="passage", error="invalid_token"' : 'Bearer realm="passage"',
      },
    })
  }
}

export class RateLimitedError extends ServiceError {
  /** `failed-sign-ins`: the address sent too many requests with a token that was refused. */
  constructor(retryAfterSeconds: number, what: 'translations' | 'failed-sign-ins' = 'translations') {
    super({
      type: 'rate-limited',
      title: 'Too many requests',
      status: 429,
      detail:
        (what === 'failed-sign-ins'
          ? 'This address has sent too many requests with a missing or refused token. Check the token ' +
            '(`Authorization: Bearer …`, one of API_TOKENS). '
          : 'This token (or address) has sent too many translation requests. ') +
        `Try again in ${retryAfterSeconds} seconds.`,
      extensions: { retry_after_seconds: retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    })
  }
}

/** The API is closed because no way in is configured. */
export class AuthNotConfiguredError extends ServiceError {
  constructor(detail: string) {
    super({
      type: 'auth-not-configured',
      title: 'No API tokens are configured',
      status: 503,
      detail,
      extensions: { setting: 'API_TOKENS' },
    })
  }
}

/** Result ids cannot be derived safely: ID_SECRET is not set on a deployment. */
export class IdSecretNotConfiguredError extends ServiceError {
  constructor() {
    super({
      type: 'id-secret-not-configured',
      title: 'ID_SECRET is not configured',
      status: 503,
      detail:
        'Result ids are keyed with ID_SECRET, which this deployment does not have. Set any long random string ' +
        'with `npx wrangler secret put ID_SECRET` (keep it: changing it changes every id).',
      extensions: { setting: 'ID_SECRET' },
    })
  }
}
