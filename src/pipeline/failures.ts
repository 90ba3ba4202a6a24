/** What a request reports when the model kept failing: one problem, in our own words. */

import {
  ModelFailedError,
  ModelNotConfiguredError,
  ModelQuotaExhaustedError,
  ModelRefusedRequestError,
  type PartialResult,
} from '../errors'
import {
  ModelConnectionError,
  ModelHttpError,
  ModelOutputError,
  ModelTimeoutError,
  SubrequestLimitError,
} from '../model/errors'
import { isQuotaExhausted } from '../model/retry-policy'

export interface ParagraphFailure {
  /** Article indexes (every copy of a repeated paragraph). */
  paragraphs: number[]
  error: unknown
}

/**
 * Turns what kept failing into the problem the client sees, carrying `partial`: what
 * was translated (and cached) despite the failures.
 */
export function toFailure(
  modelName: string,
  failures: ParagraphFailure[],
  summaryError: unknown,
  partial: PartialResult,
): Error {
  const errors = [...failures.map((f) => f.error), ...(summaryError === undefined ? [] : [summaryError])]
  const failed = [...new Set(failures.flatMap((f) => f.paragraphs))].sort((a, b) => a - b)
  const quota = errors.map(unwrap).find((e): e is ModelHttpError => isQuotaExhausted(e))
  if (quota !== undefined) {
    // Out of credit: every other call would be refused alike, so this outranks their errors.
    // OpenRouter's `code` is the status again, which says nothing more.
    const code = [quota.info.code, quota.info.type].find((c) => c !== undefined && c !== String(quota.status))
    const kept = partial.paragraphs.length > 0 ? ' What was translated before is in `paragraphs` and cached.' : ''
    const workersAI = code === '4006' || code === '3036'
    const what = workersAI
      ? `Workers AI refused the call: the account's daily free allocation is used up (${code}). It comes back ` +
        'at 00:00 UTC; the Workers Paid plan lifts it'
      : code === 'daily_quota_exceeded'
        ? `The model provider refused the call: the daily quota of the key behind OPENAI_API_KEY for ${modelName} ` +
          `is used up (HTTP ${quota.status}). It comes back the next day (Google's free tier resets at midnight ` +
          "Pacific time, OpenRouter's free models at 00:00 UTC); a paid tier or credit raises it, and another " +
          'MODEL may have a quota of its own'
        : code === 'no_quota_for_model'
          ? `The model provider refused the call: the key behind OPENAI_API_KEY has no quota for ${modelName} ` +
            `(HTTP ${quota.status}, a limit of 0: the free tier does not offer this model). Enable billing for ` +
            'the key, or set MODEL to a model its tier offers'
          : 'The model provider refused the call because the account behind OPENAI_API_KEY has no credit or quota ' +
            `left (HTTP ${quota.status}${code ? `, ${code}` : ''}). Add credit or raise the quota with the provider, ` +
            'or set another key with `wrangler secret put OPENAI_API_KEY`'
    return new ModelQuotaExhaustedError(
      `${what}. It was not retried, as it would be refused again: send the same request once that is done.${kept}`,
      {
        setting: workersAI || code === 'no_quota_for_model' ? 'MODEL' : 'OPENAI_API_KEY',
        provider_status: quota.status,
        ...(code ? { provider_code: code } : {}),
        failed_paragraphs: failed,
        summary_failed: summaryError !== undefined,
        ...partial,
      },
    )
  }
  const httpError = errors.map(unwrap).find((e): e is ModelHttpError => e instanceof ModelHttpError)
  const status = httpError?.status
  const refusedModel = status === 403 ? workersAIRefusal(httpError?.info.code) : undefined
  if (refusedModel) return new ModelNotConfiguredError('MODEL', `${refusedModel} (Workers AI ${httpError?.info.code}).`)
  if ((status === 401 || status === 403) && httpError?.info.code !== 'input_flagged') {
    return new ModelNotConfiguredError(
      'OPENAI_API_KEY',
      `The model endpoint refused the API key (HTTP ${status}). ` +
        'Set a valid key with `wrangler secret put OPENAI_API_KEY` (or in .dev.vars locally).',
    )
  }
  if (status === 404) {
    return new ModelNotConfiguredError(
      'MODEL',
      `The model endpoint answered HTTP 404 for the model "${modelName}". Check MODEL and OPENAI_BASE_URL.`,
    )
  }
  const refusals = errors
    .map(unwrap)
    .filter(
      (e): e is ModelHttpError =>
        e instanceof ModelHttpError && (e.status === 400 || e.status === 422 || e.info.code === 'input_flagged'),
    )
  if (refusals.length > 0 && refusals.length === errors.length) {
    // The request itself was refused: it was not retried, and "kept failing" would be untrue.
    const { status: providerStatus, info } = refusals[0] as ModelHttpError
    const what = [
      failed.length > 0 ? `${failed.length === 1 ? 'paragraph' : 'paragraphs'} ${failed.join(', ')}` : undefined,
      summaryError !== undefined ? 'the summary' : undefined,
    ]
      .filter(Boolean)
      .join(' and ')
    const kept = partial.paragraphs.length > 0 ? ' What was translated is in `paragraphs` and cached.' : ''
    const code = info.code ? `, ${info.code}` : ''
    const advice = refusalAdvice(info.code, failed.length > 0, summaryError !== undefined)
    return new ModelRefusedRequestError(
      `The model endpoint refused the request for ${what} (HTTP ${providerStatus}${code}); ` +
        `it was not retried, as it would be refused again. ${advice}${kept}`,
      {
        failed_paragraphs: failed,
        summary_failed: summaryError !== undefined,
        provider_status: providerStatus,
        ...(info.code ? { provider_code: info.code } : {}),
        ...partial,
      },
    )
  }
  const parts = [
    failed.length > 0
      ? `${failed.length === 1 ? 'paragraph' : 'paragraphs'} ${failed.join(', ')} could not be translated`
      : undefined,
    summaryError !== undefined ? 'the summary could not be written' : undefined,
  ].filter(Boolean)
  const reasons = [
    ...failures.map(
      (f) =>
        `${f.paragraphs.length === 1 ? 'paragraph' : 'paragraphs'} ${f.paragraphs.join(', ')}: ` +
        describeFailure(f.error),
    ),
    ...(summaryError === undefined ? [] : [`summary: ${describeFailure(summaryError)}`]),
  ]
  const reason = reasons.at(-1) ?? 'unknown'
  const unreachable =
    errors.length > 0 &&
    errors.every((e) => unwrap(e) instanceof ModelConnectionError || unwrap(e) instanceof ModelTimeoutError)
  const host = errors
    .map((e) => unwrap(e))
    .find((e): e is ModelConnectionError => e instanceof ModelConnectionError && e.host !== undefined)?.host
  const limited = errors.some((e) => unwrap(e) instanceof SubrequestLimitError)
  const cause = limited
    ? "Cloudflare refused more calls to the model: this request reached its plan's limit of subrequests " +
      '(50 a request on the Workers Free plan; retries count). Fewer, larger calls need fewer: raise ' +
      'BATCH_MAX_TOKENS or lower MAX_RETRIES, or move to the Workers Paid plan.'
    : unreachable
      ? `The model endpoint ${host ? `at ${host} ` : ''}could not be reached or did not answer in time: ` +
        'check OPENAI_BASE_URL.'
      : `The model kept failing after retries (last error: ${reason}).`
  const kept = partial.paragraphs.length > 0 || partial.summary !== undefined
  return new ModelFailedError(`${cause} ${capitalise(parts.join(' and '))}.${kept ? ` ${RETRY_WHAT_FAILED}` : ''}`, {
    failed_paragraphs: failed,
    summary_failed: summaryError !== undefined,
    reason,
    ...partial,
    ...(limited ? { setting: 'BATCH_MAX_TOKENS' } : unreachable ? { setting: 'OPENAI_BASE_URL' } : {}),
  })
}

/**
 * What to do about a refused request, by the endpoint's code where we know what it means;
 * otherwise the fields we send are the likely cause.
 */
function refusalAdvice(code: string | undefined, paragraphsFailed: boolean, summaryFailed: boolean): string {
  switch (code) {
    case 'no_recording':
      return (
        'The local replay model (used when OPENAI_API_KEY is not set) knows only the bundled articles: ' +
        'set OPENAI_API_KEY to translate other text, or post a bundled article (fixtures/articles/seed.fr.txt).'
      )
    case 'context_length_exceeded':
    case 'string_above_max_length': {
      const lower = [
        paragraphsFailed ? 'BATCH_MAX_TOKENS (the paragraphs sent in one call)' : undefined,
        summaryFailed ? 'MAX_ARTICLE_CHARS (the summary reads the whole article)' : undefined,
      ].filter(Boolean)
      return (
        `The request is longer than the model takes: lower ${lower.join(' and ') || 'BATCH_MAX_TOKENS'}, ` +
        'or choose a model with a longer context.'
      )
    }
    case 'model_not_found':
      return 'The endpoint does not know the model: check MODEL (and OPENAI_BASE_URL).'
    case 'content_policy_violation':
    case 'content_filter':
    case 'input_flagged':
      return "The provider's content policy refused the text: no setting changes that but MODEL or the provider."
    default:
      return 'Check MODEL and MODEL_PROFILE (npm run check-model shows what is sent).'
  }
}

/** What a Workers AI refusal of the account or the model (HTTP 403, by its code) means, in our words. */
export function workersAIRefusal(code: string | undefined): string | undefined {
  return code === undefined ? undefined : WORKERS_AI_REFUSALS[code]
}

// Workers AI's refusals of the account or the model (HTTP 403), in our words: none is about a key.
const WORKERS_AI_REFUSALS: Record<string, string> = {
  '5016':
    "Workers AI refused the model until its terms are agreed to: send it the prompt 'agree' once from the " +
    'account (see the model’s page), or set MODEL to another model',
  '5018': 'Workers AI refused the model: the account is not allowed to use this private model; set MODEL to another',
  '3041': 'Workers AI refused the model: the account is not allowed to use this private model; set MODEL to another',
  '3023': 'Workers AI refused the call: the service is unavailable for this account; check it in the dashboard',
}

const RETRY_WHAT_FAILED = 'Everything else is cached: send the same request again to retry only what failed.'

// What each check or answer code means, in our words (codes without an entry are named).
const OUTPUT_FAULTS: Record<string, string> = {
  'invalid-json': 'the answer is not valid JSON',
  schema: 'the answer does not match the schema',
  'invalid-response': "the endpoint's answer is not a chat completion",
  'wrong-count': 'the answer has the wrong number of paragraphs',
  'wrong-order': "the answer's paragraph ids are not those sent",
  truncated: 'the answer was cut off at the output token limit',
  'content-filter': "the provider's content filter stopped the answer",
  refusal: 'the model declined or refused',
  empty: 'the translation is empty',
  'copied-french': 'the translation is the French text',
  commentary: 'the translation carries commentary',
  'too-short': 'the translation is far shorter than the French',
  'too-long': 'the translation is far longer than the French',
}

/**
 * A short description of a model failure, safe to show: a check's typed code (never the
 * message, which may quote the answer), or the adapter's own words for an HTTP,
 * connection or timeout error (never the provider's body).
 */
export function describeFailure(error: unknown): string {
  const cause = unwrap(error)
  if (cause instanceof ModelOutputError)
    return `${OUTPUT_FAULTS[cause.reason] ?? 'the answer failed a check'} (${cause.reason})`
  if (
    cause instanceof ModelHttpError ||
    cause instanceof ModelConnectionError ||
    cause instanceof ModelTimeoutError ||
    cause instanceof SubrequestLimitError
  )
    return cause.message
  return 'unexpected error'
}

function unwrap(error: unknown): unknown {
  return error instanceof Error && 'lastError' in error ? unwrap(error.lastError) : error
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
