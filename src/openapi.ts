/** The OpenAPI 3.1 contract, generated from the zod schemas the routes validate with. */

import { z } from 'zod'
import pkg from '../package.json'
import { Health, Problem } from './schemas/problem'
import { SummaryLength, TranslationRequest } from './schemas/request'
import { TranslationResult } from './schemas/response'

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>
  return json
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } })
const result = (description: string) => ({
  description,
  headers: {
    Location: { schema: { type: 'string' }, description: '/v1/translations/{id}' },
    'Cache-Status': { schema: { type: 'string' }, description: 'RFC 9211: `passage; hit` or `passage; fwd=miss; stored; detail="…"`' },
    'X-Request-Id': { schema: { type: 'string' } },
  },
  content: {
    'application/json': { schema: ref('TranslationResult') },
    'text/markdown': { schema: { type: 'string' } },
    'text/html': { schema: { type: 'string' }, description: 'The reading page for this result.' },
    'text/event-stream': {
      schema: { type: 'string' },
      description: 'Events meta {id, model, paragraph_count}; paragraph {index, fr, en, cache} as each is ready; summary {en, fr}; done {usage}; or error (a problem object), which ends the stream.',
    },
  },
})
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
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'passage',
      version: pkg.version,
      description: 'French news articles, translated into English paragraph by paragraph and summarised in English and French.',
    },
    components: {
      schemas: {
        TranslationRequest: schema(TranslationRequest, 'input'),
        TranslationResult: schema(TranslationResult),
        Problem: schema(Problem),
        Health: schema(Health),
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from the API_TOKENS secret.' } },
    },
    paths: {
      '/v1/translations': {
        post: {
          operationId: 'createTranslation',
          summary: 'Translate and summarise a French article',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'summary', in: 'query', required: false, description: 'With a text/plain body.', schema: schema(SummaryLength) },
            {
              name: 'glossary',
              in: 'query',
              required: false,
              description: 'With a text/plain body: French=English, repeatable.',
              schema: { type: 'array', items: { type: 'string', pattern: '^[^=]+=.+$' } },
              style: 'form',
              explode: true,
            },
            {
              name: 'second_opinion',
              in: 'query',
              required: false,
              description: 'With a text/plain body: `true` asks the model, in one extra call per batch, for omissions, additions and changed figures (its findings become warnings); `false` turns off the SECOND_OPINION default.',
              schema: { type: 'string', enum: ['true', 'false'] },
            },
            formatParameter,
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('TranslationRequest') },
              'text/plain': { schema: { type: 'string', description: 'The French article, UTF-8.' } },
            },
          },
          responses: {
            200: result('The article in English, with the summary.'),
            400: problem('Malformed JSON, invalid UTF-8, schema violations (each listed in `errors`), unknown format.'),
            401: problem('Missing or wrong bearer token.'),
            413: problem('Body over the byte limit, article over MAX_ARTICLE_CHARS or MAX_PARAGRAPHS.'),
            415: problem('Content type other than text/plain (UTF-8) or application/json.'),
            422: problem('Empty after normalisation, or clearly not French.'),
            429: problem('Rate limited; see Retry-After.'),
            500: problem('A setting has an invalid value.'),
            502: problem('The model kept failing on some paragraphs after retries: `failed_paragraphs`; the rest is in `paragraphs` and cached.'),
            503: problem('Model or API tokens not configured, or the provider refused the key.'),
            504: problem(
              'REQUEST_DEADLINE_MS passed: every paragraph translated so far is in `paragraphs` (and cached), the others are listed in `missing_paragraphs`; the same request again translates only those.',
            ),
          },
        },
      },
      '/v1/translations/{id}': {
        get: {
          operationId: 'getTranslation',
          summary: 'A stored result; the id is the capability, no token needed',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^tr_[A-Za-z0-9_-]{26}$' } }, formatParameter],
          responses: {
            200: result('The stored result.'),
            400: problem('Unknown format.'),
            404: problem('Unknown or expired id.'),
          },
        },
      },
      '/': {
        get: {
          operationId: 'readingPage',
          summary: 'The reading page: paste or drop an article, read it French | English',
          responses: { 200: { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
      '/assets/reader.js': {
        get: {
          operationId: 'readingPageScript',
          summary: "The reading page's script",
          responses: { 200: { description: 'JavaScript.', content: { 'text/javascript': { schema: { type: 'string' } } } } },
        },
      },
      '/assets/reader.css': {
        get: {
          operationId: 'readingPageStyle',
          summary: "The reading page's stylesheet",
          responses: { 200: { description: 'CSS.', content: { 'text/css': { schema: { type: 'string' } } } } },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness and version',
          responses: { 200: { description: 'Up.', content: { 'application/json': { schema: ref('Health') } } } },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          responses: { 200: { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  }
  return document
}
