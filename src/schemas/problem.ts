/** The problem+json object (RFC 9457), as documented in the OpenAPI contract. */

import { z } from 'zod'

export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'A relative URI naming the kind of problem, e.g. /problems/model-failed.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    request_id: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    setting: z.string().optional().meta({ description: 'The setting to fix (503 and 500 problems).' }),
    failed_paragraphs: z.array(z.number().int()).optional(),
    summary_failed: z.boolean().optional(),
  })
  .meta({ description: 'An error, as application/problem+json (RFC 9457).' })

export const Health = z.object({ ok: z.literal(true), version: z.string() })
