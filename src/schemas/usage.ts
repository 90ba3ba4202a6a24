/** What GET /v1/usage returns: the calling token's usage by UTC day, and its totals. */

import * as z from 'zod'

const count = z.number().int().nonnegative()

export const UsageCounts = z.object({
  articles: count.meta({
    description: 'Translation requests answered (a repeat served whole from the cache included).',
  }),
  paragraphs: count.meta({ description: 'Paragraphs in those articles.' }),
  model_calls: count,
  input_tokens: count,
  output_tokens: count,
  cached_paragraphs: count.meta({ description: 'Paragraphs served from the cache instead of translated.' }),
  cached_results: count.meta({ description: 'Whole results served from the cache (no model call).' }),
})
export type UsageCounts = z.infer<typeof UsageCounts>

export const UsageDay = UsageCounts.extend({ day: z.string().meta({ description: 'The UTC day, YYYY-MM-DD.' }) })
export type UsageDay = z.infer<typeof UsageDay>

export const UsageReport = z.object({
  caller: z
    .string()
    .meta({ description: "The token's name (or `token-` and 8 hex digits of a plain token's fingerprint)." }),
  from: z.string().meta({ description: 'The first day of the window (UTC, YYYY-MM-DD).' }),
  to: z.string().meta({ description: 'Today (UTC, YYYY-MM-DD).' }),
  days: z
    .array(UsageDay)
    .length(30)
    .meta({ description: 'The last 30 UTC days, oldest first, today last; days without use are zeros.' }),
  totals: UsageCounts,
})
export type UsageReport = z.infer<typeof UsageReport>
