/** The problem+json object (RFC 9457), as documented in the OpenAPI contract. */

import * as z from 'zod'
import { Summary, TranslatedParagraph } from './response'

export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'A relative URI naming the kind of problem, e.g. /problems/model-failed.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    request_id: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    setting: z.string().optional().meta({ description: 'The setting to fix (503 and 500 problems).' }),
    failed_paragraphs: z
      .array(z.number().int())
      .optional()
      .meta({ description: '502: the paragraphs the model kept failing on.' }),
    summary_failed: z.boolean().optional(),
    reason: z.string().optional().meta({ description: '502: which paragraph failed which check, in our words.' }),
    paragraph_count: z.number().int().optional(),
    paragraphs: z.array(TranslatedParagraph).optional().meta({
      description:
        '502 and 504: every paragraph translated so far (and cached), in article order. Not repeated in an SSE `error` event: they were sent as `paragraph` events.',
    }),
    missing_paragraphs: z.array(z.number().int()).optional().meta({
      description: '502 and 504: the indexes not translated. Sending the same request again translates only these.',
    }),
    translated_paragraphs: z
      .number()
      .int()
      .optional()
      .meta({ description: '504: how many paragraphs were translated.' }),
    summary: Summary.optional().meta({ description: '502 and 504: the summary, when it was written in time.' }),
    summary_missing: z
      .boolean()
      .optional()
      .meta({ description: '504: the summary was asked for and not written in time.' }),
    provider_status: z
      .number()
      .int()
      .optional()
      .meta({ description: '502 model-refused-request: the HTTP status the model endpoint refused the request with.' }),
    provider_code: z
      .string()
      .optional()
      .meta({ description: "502 model-refused-request: the endpoint's error code, when it is a plain identifier." }),
    reasons: z
      .array(z.object({ setting: z.string(), message: z.string() }))
      .optional()
      .meta({ description: '503 not-ready (GET /readyz): each setting to fix.' }),
    warnings: z
      .array(z.object({ setting: z.string(), message: z.string() }))
      .optional()
      .meta({ description: '503 not-ready (GET /readyz): settings worth fixing that do not stop the service.' }),
  })
  .meta({ description: 'An error, as application/problem+json (RFC 9457).' })

export const Health = z.object({ ok: z.literal(true), version: z.string() })
