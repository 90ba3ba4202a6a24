/**
 * Providers word their errors in different JSON shapes; the `openai` SDK reads only
 * OpenAI's (`{"error": {message, type, param, code}}`). This rewrites the others into it,
 * so that the field a provider refused is known whoever the provider is.
 */

export interface OpenAIErrorBody {
  error: { message: string; type: string | null; param: string | null; code: string | null }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null

/**
 * The error body in OpenAI's shape. Understands OpenAI's own; vLLM's flat
 * `{object: "error", message, type, param, code}`; Mistral's and FastAPI's validation
 * errors (`detail: [{loc: ["body", "field"], type, msg}]`, possibly inside `message`);
 * Cloudflare's `{errors: [{code, message}]}`; `{error: "text"}` (xAI's); and Google's, a list
 * `[{"error": {code, message, status}}]` whose `status` (`INVALID_ARGUMENT`) becomes the type,
 * and whose quota violations, when no wait can lift them, become a code (`googleQuotaCode`).
 */
export function toOpenAIErrorBody(json: unknown): OpenAIErrorBody {
  const body = readErrorBody(json)
  const { message } = body.error
  // What some providers say only in words: Anthropic's account out of credit (a 400), OpenRouter's
  // daily limit on free models (a 429 like any other). The code says it in a word passage reads.
  if (/credit balance is too low/i.test(message)) body.error.code = 'insufficient_credits'
  else if (/free-models-per-day/i.test(message)) body.error.code = 'daily_quota_exceeded'
  return body
}

function readErrorBody(json: unknown): OpenAIErrorBody {
  const first = Array.isArray(json) ? json[0] : json
  const body = typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : {}
  const error = body.error
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>
    const metadata =
      typeof e.metadata === 'object' && e.metadata !== null ? (e.metadata as Record<string, unknown>) : {}
    // OpenRouter's moderation: a 403 whose metadata lists the reasons the input was flagged.
    if (Array.isArray(metadata.reasons) || typeof metadata.flagged_input === 'string')
      return { error: { message: text(e.message) ?? '', type: null, param: null, code: 'input_flagged' } }
    // OpenRouter passes an upstream provider's refusal on as "Provider returned error", the provider's own
    // body in `metadata.raw`: that body says which field it refused.
    const raw = typeof metadata.raw === 'string' ? parseJson(metadata.raw) : metadata.raw
    if (raw !== undefined && raw !== null && typeof raw === 'object') {
      const upstream = readErrorBody(raw).error
      if (upstream.message !== '')
        return upstream.code === null ? { error: { ...upstream, code: text(e.code) } } : { error: upstream }
    }
    const status = typeof e.status === 'string' ? e.status.toLowerCase() : null
    return {
      error: {
        message: text(e.message) ?? '',
        type: text(e.type) ?? status,
        param: text(e.param),
        code: googleQuotaCode(e.details, e.message) ?? text(e.code),
      },
    }
  }
  if (typeof error === 'string') return { error: { message: error, type: null, param: null, code: null } }
  const nested =
    typeof body.message === 'object' && body.message !== null ? (body.message as Record<string, unknown>) : body
  const detail = Array.isArray(nested.detail) ? (nested.detail[0] as Record<string, unknown> | undefined) : undefined
  if (detail) {
    const loc = Array.isArray(detail.loc) ? detail.loc.map(String).filter((part) => part !== 'body') : []
    return {
      error: {
        message: text(detail.msg) ?? '',
        type: text(body.type) ?? 'invalid_request_error',
        param: loc[0] ?? null,
        code: text(detail.type),
      },
    }
  }
  const cloudflare = Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown> | undefined) : undefined
  if (cloudflare)
    return { error: { message: text(cloudflare.message) ?? '', type: null, param: null, code: text(cloudflare.code) } }
  return {
    error: {
      message: text(body.message) ?? text(body.detail) ?? '',
      type: text(body.type),
      param: text(body.param),
      code: text(body.code),
    },
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}

/** Wraps `fetch` so that every JSON error body reaches the SDK in OpenAI's shape. */
export function withOpenAIErrorBodies(fetchImpl: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init)
    if (response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response
    const raw = await response.text()
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      json = {}
    }
    const headers = new Headers(response.headers)
    headers.delete('content-length')
    headers.delete('content-encoding')
    const retryDelay = googleRetryDelayMs(json)
    if (retryDelay !== undefined && !headers.has('retry-after') && !headers.has('retry-after-ms'))
      headers.set('retry-after-ms', String(retryDelay))
    const body = toOpenAIErrorBody(json)
    // A code that is the HTTP status again (OpenRouter's, Google's `"code": 429`) says nothing more.
    if (body.error.code === String(response.status)) body.error.code = null
    return new Response(JSON.stringify(body), {
      status: response.status,
      statusText: response.statusText,
      headers,
    })
  }
}

/**
 * The wait Google asks for in the body of a 429 instead of a `Retry-After` header: a
 * `google.rpc.RetryInfo` detail, `{"retryDelay": "41s"}`, in milliseconds.
 */
export function googleRetryDelayMs(json: unknown): number | undefined {
  const first = Array.isArray(json) ? json[0] : json
  const error = (first as { error?: { details?: unknown } } | null)?.error
  const details = Array.isArray(error?.details) ? (error.details as Array<Record<string, unknown> | null>) : []
  for (const detail of details) {
    const delay = detail?.retryDelay
    if (typeof delay !== 'string' || !String(detail?.['@type']).endsWith('google.rpc.RetryInfo')) continue
    const seconds = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim())
    if (seconds) return Math.round(Number(seconds[1]) * 1000)
  }
  return undefined
}

/**
 * What a Google 429 says of the quota it hit, when waiting a minute cannot help: its
 * `google.rpc.QuotaFailure` detail lists the quotas violated, by id
 * (`GenerateRequestsPerMinutePerProjectPerModel-FreeTier`, `…PerDayPerProjectPerModel…`) and
 * sometimes value. A per-day quota used up is `daily_quota_exceeded` (it comes back the next
 * day; Google's free tier resets at midnight Pacific time); a quota of 0 is
 * `no_quota_for_model` (the key's tier has none of this model: the free tier and a `-pro`
 * model; also read from a message that says "limit: 0"). A per-minute quota alone is undefined:
 * that one is retried, after the `RetryInfo` wait.
 */
export function googleQuotaCode(
  details: unknown,
  message?: unknown,
): 'daily_quota_exceeded' | 'no_quota_for_model' | undefined {
  // Some answers name the quotas only in their message: "Quota exceeded for metric: …, limit: 0, model: …".
  if (typeof message === 'string' && /\bQuota exceeded for metric: [^\n]*, limit: 0\b/.test(message))
    return 'no_quota_for_model'
  if (!Array.isArray(details)) return undefined
  const violations = details
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .filter((d) => String(d['@type']).endsWith('google.rpc.QuotaFailure') && Array.isArray(d.violations))
    .flatMap((d) => d.violations as unknown[])
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
  if (violations.some((v) => String(v.quotaValue ?? '') === '0')) return 'no_quota_for_model'
  if (violations.some((v) => /PerDay/i.test(String(v.quotaId ?? '')) || /_per_day$/i.test(String(v.quotaMetric ?? ''))))
    return 'daily_quota_exceeded'
  return undefined
}

/**
 * A provider's `code` or `type`, kept only when it has the shape of one: a snake_case word
 * (`unsupported_parameter`) or a number (`3040`). Free text, and anything shaped like a key
 * (`sk-…`, mixed case, dashes), is dropped.
 */
export function safeIdentifier(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value)
  return typeof value === 'string' && /^(?:[a-z][a-z_.]{0,39}|\d{1,6})$/.test(value) ? value : undefined
}
