/** The OpenAPI 3.1 contract, generated from the zod schemas the routes validate with. */

import * as z from 'zod'
import pkg from '../package.json'
import { Health, Problem } from './schemas/problem'
import { SummaryLength, TranslationRequest } from './schemas/request'
import { TranslationResult } from './schemas/response'
import { UsageReport } from './schemas/usage'
import { usageReport } from './usage/tally'

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>
  return json
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const problem = (description: string, example?: Record<string, unknown>) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem'), ...(example ? problemExample(example) : {}) } },
})
const result = (description: string, example: Record<string, unknown>) => ({
  description:
    `${description} JSON by default; Markdown, the reading page (HTML) or server-sent events by Accept or ` +
    `?format=. The event stream sends meta {id, model, paragraph_count, fr (the French paragraphs)}; ` +
    `paragraph {index, fr, en, cache} as each is ready; summary {en, fr, key_points, warnings}; done {usage}; ` +
    `or error (a problem object), which ends it.`,
  headers: {
    Location: { schema: { type: 'string' }, description: '/v1/translations/{id}' },
    'Cache-Status': {
      schema: { type: 'string' },
      description: 'RFC 9211: `passage; hit` or `passage; fwd=miss; detail="…"`',
    },
    'X-Request-Id': { schema: { type: 'string' } },
  },
  content: {
    'application/json': {
      schema: ref('TranslationResult'),
      examples: { translated: { summary: 'One paragraph, summary none', value: example } },
    },
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string', description: 'The reading page for this result.' } },
    'text/event-stream': {
      schema: { type: 'string', description: 'Server-sent events: meta, paragraph…, summary, done (or error).' },
    },
  },
})

// Real text: the fifth paragraph of the bundled article and its recorded translation.
const EXAMPLE_FR =
  'Pékin a soutenu politiquement Moscou dans le conflit en Ukraine et a continué à exporter des machines, des ' +
  'appareils électroniques et d’autres articles qui contribuent au combat russe.'
const EXAMPLE_EN =
  'Beijing has backed Moscow politically in the conflict in Ukraine and has continued to export machinery, ' +
  'electronics and other goods that contribute to the Russian war effort.'
const EXAMPLE_RESULT = {
  id: 'tr_Xq3vB9kLm2Pz7RtY0aWc4dEf8g',
  model: 'gpt-4.1-mini',
  source_language: 'fr',
  paragraphs: [{ index: 0, fr: EXAMPLE_FR, en: EXAMPLE_EN, cache: 'miss' }],
  summary: null,
  usage: { model_calls: 1, input_tokens: 412, output_tokens: 61, cached_paragraphs: 0 },
  created_at: '2026-11-28T15:30:00.000Z',
}
// A token that translated two articles today (and nothing on the 29 days before).
const EXAMPLE_USAGE = usageReport(
  'alice',
  [
    {
      day: '2026-11-29',
      articles: 2,
      paragraphs: 12,
      model_calls: 5,
      input_tokens: 6840,
      output_tokens: 2210,
      cached_paragraphs: 3,
      cached_results: 1,
    },
  ],
  Date.parse('2026-11-29T12:00:00Z'),
)
const problemExample = (value: Record<string, unknown>) => ({ examples: { problem: { value } } })
const PUBLIC = { security: [] }
const QUERY_RULE =
  'A JSON body may give the same option only with the same value. Any query parameter other than summary, ' +
  'glossary, second_opinion and format is a 400 naming it.'
const formatParameter = {
  name: 'format',
  in: 'query',
  required: false,
  description: 'Response format; overrides the Accept header.',
  schema: { type: 'string', enum: ['json', 'md', 'markdown', 'sse', 'html'] },
}

let document: Record<string, unknown> | undefined

/** Builds the document once per isolate. */
export function openApiDocument(): Record<string, unknown> {
  document ??= withMethodNotAllowed({
    openapi: '3.1.0',
    info: {
      title: 'passage',
      version: pkg.version,
      description:
        'French news articles, translated into English paragraph by paragraph and summarised in English and ' +
        'French. Any path below asked with a method it does not list answers 405 ' +
        '(`/problems/method-not-allowed`) with an `Allow` header; an unknown path answers 404.',
      license: {
        name: 'Proprietary: all rights reserved (no open-source licence has been chosen)',
        identifier: 'LicenseRef-Proprietary',
      },
    },
    // Relative: the deployment that serves this document (or `npm run dev` on localhost:8787).
    servers: [{ url: '/', description: 'The deployment serving this document' }],
    components: {
      schemas: {
        TranslationRequest: schema(TranslationRequest, 'input'),
        TranslationResult: schema(TranslationResult),
        Problem: schema(Problem),
        Health: schema(Health),
        UsageReport: schema(UsageReport),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A token from the API_TOKENS secret.' },
      },
    },
    paths: {
      '/v1/translations': {
        post: {
          operationId: 'createTranslation',
          summary: 'Translate and summarise a French article',
          security: [{ bearer: [] }],
          parameters: [
            {
              name: 'summary',
              in: 'query',
              required: false,
              description: `With any body. ${QUERY_RULE}`,
              schema: schema(SummaryLength),
            },
            {
              name: 'glossary',
              in: 'query',
              required: false,
              description: `French=English, repeatable; merged with a JSON body's glossary. ${QUERY_RULE}`,
              schema: { type: 'array', items: { type: 'string', pattern: '^[^=]+=.+$' } },
              style: 'form',
              explode: true,
            },
            {
              name: 'second_opinion',
              in: 'query',
              required: false,
              description:
                'With any body: `true` asks the model, in one extra call per batch, for omissions, ' +
                'additions and changed figures (its findings become warnings); `false` turns off the ' +
                `SECOND_OPINION default. ${QUERY_RULE}`,
              schema: { type: 'string', enum: ['true', 'false'] },
            },
            formatParameter,
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('TranslationRequest'),
                examples: {
                  glossary: {
                    summary: 'A paragraph, with a glossary and no summary',
                    value: { text: EXAMPLE_FR, summary: 'none', glossary: { Pékin: 'Beijing' } },
                  },
                  link: {
                    summary: 'A link to an article: the worker fetches the page and extracts the article',
                    value: {
                      url:
                        'https://www.lemonde.fr/economie/article/2026/11/24/' +
                        'trains-de-nuit-la-sncf-rouvre-trois-lignes_6612345_3234.html',
                      summary: 'short',
                    },
                  },
                },
              },
              'text/plain': {
                schema: { type: 'string', description: 'The French article, UTF-8.' },
                examples: { article: { value: EXAMPLE_FR } },
              },
              'text/html': {
                schema: {
                  type: 'string',
                  description:
                    'A saved news page, in the charset its Content-Type or its own <meta charset> declares ' +
                    '(UTF-8 if none): its headline, standfirst and body are extracted (navigation, ' +
                    'captions, related links and ads left out) and the result carries `source`. Options as ' +
                    'query parameters.',
                },
              },
            },
          },
          responses: {
            200: result('The article in English, with the summary.', EXAMPLE_RESULT),
            400: problem(
              'Malformed JSON, invalid UTF-8, schema violations (each listed in `errors`), unknown format, an ' +
                'unknown query parameter, an option the body and the query give different values; a ' +
                '`url` the worker does not fetch (`/problems/blocked-address`: not http(s), or a loopback, ' +
                'private, link-local or internal address, also after a redirect).',
            ),
            401: problem('Missing or wrong bearer token.', {
              type: '/problems/unauthorized',
              title: 'A valid API token is required',
              status: 401,
              detail: 'Send an API token in the Authorization header: `Authorization: Bearer <token>`.',
              request_id: '5f0c6a52-8d4e-4a57-9a1e-0c9b1f3e2d71',
            }),
            413: problem('Body over the byte limit, article over MAX_ARTICLE_CHARS or MAX_PARAGRAPHS.'),
            415: problem(
              'Content type other than text/plain (UTF-8), application/json or text/html; a text/plain or JSON ' +
                'body declaring a charset other than UTF-8; a text/html page declaring a charset the worker ' +
                'does not know.',
            ),
            422: problem(
              'Empty after normalisation, or clearly not French; a page that holds no article ' +
                '(`/problems/not-an-article`) or only a paywall stub (`/problems/paywalled-article`).',
            ),
            429: problem('Rate limited; see Retry-After.'),
            500: problem('A setting has an invalid value (`/problems/invalid-configuration`), or a fault of ours.'),
            502: problem(
              'The model kept failing on some paragraphs after retries: `failed_paragraphs`; the rest is in ' +
                '`paragraphs` and cached. Or the linked page could not be fetched (`/problems/page-fetch-failed`, ' +
                'with `reason`: status, content-type, too-large, timeout, redirects, network). Or the model endpoint ' +
                'refused the request itself (`/problems/model-refused-request`), which is not retried.',
            ),
            503: problem(
              'The model is not configured (no key, a key the provider refuses, a model it does not know: ' +
                '`setting` names what to fix), or API_TOKENS or ID_SECRET are not set. Or the provider refused for ' +
                "the account's credit or quota (`/problems/model-quota-exhausted`): not retried; what was " +
                'translated is in `paragraphs` and cached.',
            ),
            504: problem(
              'REQUEST_DEADLINE_MS passed: every paragraph translated so far is in `paragraphs` (and cached), ' +
                'the others are listed in `missing_paragraphs`; the same request again translates only those.',
            ),
          },
        },
      },
      '/v1/usage': {
        get: {
          operationId: 'getUsage',
          summary: "The calling token's usage by UTC day, for the last 30 days",
          description:
            'Articles, paragraphs, model calls, input and output tokens and cache hits of the calling token ' +
            '(all the tokens of one name share one usage), per UTC day for the last 30 days (oldest first, ' +
            'today last), with their totals. A repeat served whole from the cache counts as an article with ' +
            'cached_results 1 and no model call.',
          security: [{ bearer: [] }],
          responses: {
            200: {
              description: 'The usage; `Cache-Control: private, no-store`.',
              content: {
                'application/json': {
                  schema: ref('UsageReport'),
                  examples: { usage: { summary: 'A token that translated two articles today', value: EXAMPLE_USAGE } },
                },
              },
            },
            401: problem('Missing or wrong bearer token.'),
            429: problem('Too many failed authentications from this address; see Retry-After.'),
            500: problem('A setting has an invalid value, or the usage could not be read.'),
            503: problem('No API tokens configured.'),
          },
        },
      },
      '/v1/translations/{id}': {
        get: {
          operationId: 'getTranslation',
          summary: 'A stored result; the id is the capability, no token needed',
          ...PUBLIC,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^tr_[A-Za-z0-9_-]{26}$' } },
            formatParameter,
          ],
          responses: {
            200: result('The stored result.', EXAMPLE_RESULT),
            400: problem('Unknown format.'),
            404: problem('Unknown or expired id.'),
            500: problem('A setting has an invalid value.'),
          },
        },
      },
      '/': {
        get: {
          operationId: 'readingPage',
          summary: 'The reading page: paste or drop an article, read it French | English',
          ...PUBLIC,
          responses: {
            200: { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
            500: problem('A setting has an invalid value.'),
          },
        },
      },
      '/assets/reader.js': {
        get: {
          operationId: 'readingPageScript',
          summary: "The reading page's script",
          ...PUBLIC,
          responses: {
            200: { description: 'JavaScript.', content: { 'text/javascript': { schema: { type: 'string' } } } },
          },
        },
      },
      '/assets/reader.css': {
        get: {
          operationId: 'readingPageStyle',
          summary: "The reading page's stylesheet",
          ...PUBLIC,
          responses: { 200: { description: 'CSS.', content: { 'text/css': { schema: { type: 'string' } } } } },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness and version',
          ...PUBLIC,
          responses: { 200: { description: 'Up.', content: { 'application/json': { schema: ref('Health') } } } },
        },
      },
      '/readyz': {
        get: {
          operationId: 'readiness',
          summary: 'Whether the configuration is complete and valid (no model call)',
          ...PUBLIC,
          responses: {
            200: {
              description: 'Ready: the model, its profile, and any warnings.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            503: problem('Not ready: `reasons` lists each setting to fix.'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          ...PUBLIC,
          responses: {
            200: { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } },
          },
        },
      },
    },
  })
  return document
}

/** Every operation may answer 405: its path asked with a method the document does not list for it. */
function withMethodNotAllowed(doc: Record<string, unknown>): Record<string, unknown> {
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>
  for (const operations of Object.values(paths))
    for (const operation of Object.values(operations))
      operation.responses[405] = {
        ...problem('This path asked with a method it does not take (`/problems/method-not-allowed`).'),
        headers: { Allow: { schema: { type: 'string' }, description: 'The methods the path takes.' } },
      }
  return doc
}
