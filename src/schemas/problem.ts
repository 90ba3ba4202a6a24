/**
 * The problem+json object (RFC 9457): the one schema of every error body the worker sends.
 * The TypeScript types of problems (errors.ts, http/problem.ts) and the OpenAPI `Problem`
 * derive from it, and it is strict: a member the worker adds must be declared here.
 */

import * as z from 'zod'
import { Summary, TranslatedParagraph } from './response'

/**
 * Every kind of problem the worker answers with: its status (none for one that carries its
 * own) and when. Its `type` is `/problems/{slug}`.
 */
export const PROBLEM_TYPES = {
  'invalid-request': {
    status: 400,
    when:
      'malformed JSON, invalid UTF-8, a schema violation (see `errors`), an unknown format or query parameter, ' +
      'an option the body and the query give different values.',
  },
  'blocked-address': {
    status: 400,
    when:
      'a `url` the worker does not fetch: credentials in it, an internal address, or a redirect to one or to ' +
      'another scheme.',
  },
  unauthorized: { status: 401, when: 'a missing or wrong bearer token.' },
  'not-found': { status: 404, when: 'an unknown route, or an unknown or expired result id.' },
  'method-not-allowed': {
    status: 405,
    when: 'a known route asked with a method it does not take; the `Allow` header lists those it does.',
  },
  'payload-too-large': { status: 413, when: 'the body or the article is over a limit (see `limit`).' },
  'unsupported-media-type': {
    status: 415,
    when: 'a content type the worker does not read (see `accepted`), or a content encoding it cannot decompress.',
  },
  'unprocessable-article': {
    status: 422,
    when: 'empty once white space is removed, or not French (see `looks_like`).',
  },
  'not-an-article': { status: 422, when: 'the page holds no article (a home page, a section front).' },
  'paywalled-article': { status: 422, when: 'the page shows only the opening of a subscribers-only article.' },
  'rate-limited': { status: 429, when: 'too many requests from this token or address (see `retry_after_seconds`).' },
  'invalid-configuration': { status: 500, when: 'a setting has an invalid value (see `setting`).' },
  'internal-error': { status: 500, when: 'a fault of the worker itself; quote `request_id` when reporting it.' },
  'http-error': { status: undefined, when: 'a failure the web framework itself reported, with its own status.' },
  'model-failed': { status: 502, when: 'the model kept failing on some paragraphs or the summary after retries.' },
  'model-refused-request': {
    status: 502,
    when: 'the model endpoint refused the request itself (HTTP 400 or 422); not retried.',
  },
  'page-fetch-failed': { status: 502, when: 'the linked page could not be fetched (see `reason`).' },
  'model-not-configured': {
    status: 503,
    when: 'no model key, a key the provider refuses, or a model it does not know.',
  },
  'model-quota-exhausted': {
    status: 503,
    when:
      "the model provider refused for the account's credit or quota (HTTP 402, a 429 `insufficient_quota`, " +
      'or a daily quota used up); ' +
      'not retried; what was translated is in `paragraphs`.',
  },
  'auth-not-configured': { status: 503, when: 'no API tokens are configured on this deployment.' },
  'id-secret-not-configured': { status: 503, when: 'ID_SECRET is not set on this deployment.' },
  'not-ready': { status: 503, when: 'GET /readyz only: the configuration is incomplete or invalid (see `reasons`).' },
  'deadline-exceeded': { status: 504, when: 'REQUEST_DEADLINE_MS passed; what was translated is in `paragraphs`.' },
} as const satisfies Record<string, { status: number | undefined; when: string }>

/** A problem's slug: `model-failed` for `/problems/model-failed`. */
export type ProblemType = keyof typeof PROBLEM_TYPES

const PROBLEM_URIS = Object.keys(PROBLEM_TYPES).map((slug) => `/problems/${slug}`)

const SettingIssue = z.strictObject({ setting: z.string(), message: z.string() })
const index = z.number().int().nonnegative()

/** The members a problem adds to RFC 9457's own, each present only on the problems that say so. */
export const ProblemExtensions = z.strictObject({
  errors: z
    .array(z.strictObject({ path: z.string(), message: z.string() }))
    .optional()
    .meta({ description: 'invalid-request: each violation, with the path of the field (`(root)` for the body).' }),
  limit: z
    .strictObject({
      bytes: z.number().int().optional().meta({ description: 'The largest body accepted, in bytes.' }),
      characters: z.number().int().optional().meta({ description: 'MAX_ARTICLE_CHARS.' }),
      paragraphs: z.number().int().optional().meta({ description: 'MAX_PARAGRAPHS.' }),
    })
    .optional()
    .meta({ description: 'payload-too-large: the limit the request went over.' }),
  accepted: z
    .array(z.string())
    .optional()
    .meta({ description: 'unsupported-media-type: the content types the worker reads.' }),
  looks_like: z
    .string()
    .optional()
    .meta({ description: 'unprocessable-article: the language the text looks like instead of French.' }),
  url: z
    .string()
    .optional()
    .meta({ description: 'blocked-address, page-fetch-failed, not-an-article, paywalled-article: the link.' }),
  page_status: z
    .number()
    .int()
    .optional()
    .meta({ description: 'page-fetch-failed (reason `status`): the HTTP status the site answered with.' }),
  content_type: z
    .string()
    .optional()
    .meta({ description: 'page-fetch-failed (reason `content-type`): the media type the site answered with.' }),
  limit_bytes: z
    .number()
    .int()
    .optional()
    .meta({ description: 'page-fetch-failed (reason `too-large`): the largest page read, in bytes.' }),
  visible_paragraphs: z
    .number()
    .int()
    .optional()
    .meta({ description: 'paywalled-article: how many paragraphs the page shows without a subscription.' }),
  retry_after_seconds: z
    .number()
    .int()
    .optional()
    .meta({ description: 'rate-limited: when to try again, as the Retry-After header says.' }),
  setting: z
    .string()
    .optional()
    .meta({ description: 'The setting to fix (500 and 503 problems, and a model endpoint that cannot be reached).' }),
  reason: z
    .string()
    .optional()
    .meta({
      description:
        'model-failed: which paragraph failed which check, in our words. page-fetch-failed: one of ' +
        'status, content-type, too-large, timeout, redirects, network.',
    }),
  failed_paragraphs: z
    .array(index)
    .optional()
    .meta({ description: 'model-failed, model-refused-request, model-quota-exhausted: the paragraphs that failed.' }),
  summary_failed: z
    .boolean()
    .optional()
    .meta({ description: 'model-failed, model-refused-request, model-quota-exhausted: whether the summary failed.' }),
  provider_status: z.number().int().optional().meta({
    description: 'model-refused-request, model-quota-exhausted: the HTTP status the model endpoint refused with.',
  }),
  provider_code: z.string().optional().meta({
    description: "model-refused-request, model-quota-exhausted: the endpoint's error code, when a plain identifier.",
  }),
  paragraph_count: z
    .number()
    .int()
    .optional()
    .meta({ description: '502, 504 and model-quota-exhausted: how many paragraphs the article has.' }),
  paragraphs: z
    .array(TranslatedParagraph)
    .optional()
    .meta({
      description:
        '502, 504 and model-quota-exhausted: every paragraph translated so far (and cached), in article order. ' +
        'Not repeated in an SSE `error` event: they were sent as `paragraph` events.',
    }),
  missing_paragraphs: z
    .array(index)
    .optional()
    .meta({
      description:
        '502, 504 and model-quota-exhausted: the indexes not translated. Sending the same request again ' +
        'translates only these.',
    }),
  translated_paragraphs: z
    .number()
    .int()
    .optional()
    .meta({ description: 'deadline-exceeded: how many paragraphs were translated.' }),
  summary: Summary.optional().meta({
    description: '502, 504 and model-quota-exhausted: the summary, when it was written in time.',
  }),
  summary_missing: z
    .boolean()
    .optional()
    .meta({ description: 'deadline-exceeded: the summary was asked for and not written in time.' }),
  reasons: z.array(SettingIssue).optional().meta({ description: 'not-ready (GET /readyz): each setting to fix.' }),
  warnings: z
    .array(SettingIssue)
    .optional()
    .meta({ description: 'not-ready (GET /readyz): settings worth fixing that do not stop the service.' }),
})
export type ProblemExtensions = z.infer<typeof ProblemExtensions>

export const Problem = z
  .strictObject({
    type: z.enum(PROBLEM_URIS).meta({
      description: `A relative URI naming the kind of problem. ${Object.entries(PROBLEM_TYPES)
        .map(([slug, { status, when }]) => `/problems/${slug} (${status ?? 'any status'}): ${when}`)
        .join(' ')}`,
    }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    request_id: z.string().meta({ description: 'The X-Request-Id of the response: quote it when reporting.' }),
    ...ProblemExtensions.shape,
  })
  .meta({ description: 'An error, as application/problem+json (RFC 9457).' })
export type Problem = z.infer<typeof Problem>

export const Health = z.object({ ok: z.literal(true), version: z.string() })
