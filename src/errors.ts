/**
 * Domain errors that carry their HTTP meaning, as Hono's HTTPException carries a status.
 * `app.onError` turns them into problem+json (RFC 9457); nothing else does.
 */

export interface ProblemFields {
  /** Short slug; the problem's `type` is `/problems/{slug}`. */
  type: string
  title: string
  status: number
  detail: string
  /** Extra members of the problem object (RFC 9457 §3.2). */
  extensions?: Record<string, unknown>
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
    super({ type: 'invalid-request', title: 'The request is not valid', status: 400, detail, extensions: errors.length > 0 ? { errors } : {} })
  }
}

export class PayloadTooLargeError extends ServiceError {
  constructor(detail: string, limit: Record<string, number>) {
    super({ type: 'payload-too-large', title: 'The article is too large', status: 413, detail, extensions: { limit } })
  }
}

export class UnsupportedMediaTypeError extends ServiceError {
  constructor(received: string) {
    super({
      type: 'unsupported-media-type',
      title: 'Unsupported content type',
      status: 415,
      detail: `Send the article as text/plain; charset=utf-8 or as application/json ({"text": "…"}), not ${received || 'a body without Content-Type'}.`,
      extensions: { accepted: ['text/plain; charset=utf-8', 'application/json'] },
    })
  }
}

export class UnprocessableArticleError extends ServiceError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super({ type: 'unprocessable-article', title: 'The article cannot be translated', status: 422, detail, extensions })
  }
}

export class NotFoundError extends ServiceError {
  constructor(detail: string) {
    super({ type: 'not-found', title: 'Not found', status: 404, detail })
  }
}

/** The model kept failing after retries; what succeeded is cached. */
export class ModelFailedError extends ServiceError {
  constructor(detail: string, extensions: { failed_paragraphs: number[]; summary_failed: boolean; reason: string }) {
    super({ type: 'model-failed', title: 'The model kept failing', status: 502, detail, extensions })
  }
}

/** The model cannot be called as configured: no key, or a key the provider refuses. */
export class ModelNotConfiguredError extends ServiceError {
  constructor(setting: string, detail: string) {
    super({ type: 'model-not-configured', title: 'The model is not configured', status: 503, detail, extensions: { setting } })
  }
}

export class DeadlineExceededError extends ServiceError {
  constructor(deadlineMs: number, extensions: Record<string, unknown> = {}) {
    super({
      type: 'deadline-exceeded',
      title: 'The request ran out of time',
      status: 504,
      detail: `The translation did not finish within REQUEST_DEADLINE_MS (${deadlineMs} ms). What was translated is cached: send the same request again to continue from there.`,
      extensions,
    })
  }
}

/** A setting fails its schema: the deployment, not the request, is wrong. */
export class ConfigError extends ServiceError {
  constructor(setting: string, message: string) {
    super({
      type: 'invalid-configuration',
      title: 'The service is misconfigured',
      status: 500,
      detail: `The setting ${setting} is invalid: ${message}. Fix it in wrangler.toml [vars] (or with \`wrangler secret put ${setting}\`) and redeploy.`,
      extensions: { setting },
    })
  }
}

export class UnauthorizedError extends ServiceError {
  constructor(detail: string, wrongToken: boolean) {
    super({
      type: 'unauthorized',
      title: 'A valid API token is required',
      status: 401,
      detail,
      headers: { 'WWW-Authenticate': wrongToken ? 'Bearer realm="passage", error="invalid_token"' : 'Bearer realm="passage"' },
    })
  }
}

export class RateLimitedError extends ServiceError {
  constructor(retryAfterSeconds: number) {
    super({
      type: 'rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: `This token (or address) has sent too many translation requests. Try again in ${retryAfterSeconds} seconds.`,
      extensions: { retry_after_seconds: retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    })
  }
}

/** The API is closed because no way in is configured. */
export class AuthNotConfiguredError extends ServiceError {
  constructor(detail: string) {
    super({ type: 'auth-not-configured', title: 'No API tokens are configured', status: 503, detail, extensions: { setting: 'API_TOKENS' } })
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
        'Result ids are keyed with ID_SECRET, which this deployment does not have. Set any long random string with `npx wrangler secret put ID_SECRET` (keep it: changing it changes every id).',
      extensions: { setting: 'ID_SECRET' },
    })
  }
}
