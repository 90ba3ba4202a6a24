/** What a client may send to POST /v1/translations. */

import { z } from 'zod'

export const SUMMARY_LENGTHS = ['none', 'short', 'standard', 'long'] as const
export const SummaryLength = z.enum(SUMMARY_LENGTHS)
export type SummaryLength = z.infer<typeof SummaryLength>

export const MAX_GLOSSARY_ENTRIES = 100

export const Glossary = z
  .record(
    z.string().trim().min(1, 'a glossary term cannot be empty').max(200),
    z.string().trim().min(1, 'a glossary rendering cannot be empty').max(200),
  )
  .refine((g) => Object.keys(g).length <= MAX_GLOSSARY_ENTRIES, {
    message: `at most ${MAX_GLOSSARY_ENTRIES} glossary entries`,
  })
export type Glossary = z.infer<typeof Glossary>

export const TranslationRequest = z.strictObject({
  text: z.string({ error: 'text must be a string: the French article' }),
  summary: SummaryLength.default('standard'),
  glossary: Glossary.default({}),
})
export type TranslationRequest = z.infer<typeof TranslationRequest>

/** Options given as query parameters with a text/plain body. */
export const TranslationQuery = z.object({
  summary: SummaryLength.default('standard'),
  glossary: Glossary.default({}),
})
