/** The result a client reads back, and what is stored under its id. */

import { z } from 'zod'

export const CacheState = z.enum(['hit', 'miss'])

export const TranslatedParagraph = z.object({
  index: z.number().int().nonnegative(),
  fr: z.string(),
  en: z.string(),
  cache: CacheState,
  /** Doubts left after one retry alone: a figure or a glossary term the translation lacks. */
  warnings: z
    .array(z.string())
    .optional()
    .meta({ description: 'Present when the checks still doubt this translation after one retry (e.g. a figure missing): read it against the French. Cached with the paragraph, so served again as such.' }),
})
export type TranslatedParagraph = z.infer<typeof TranslatedParagraph>

export const Summary = z.object({ en: z.string(), fr: z.string() })
export type Summary = z.infer<typeof Summary>

export const Usage = z.object({
  model_calls: z.number().int().nonnegative(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cached_paragraphs: z.number().int().nonnegative(),
  /** Present (true) when the provider reported no token counts and these are the worker's estimates. */
  tokens_estimated: z.literal(true).optional().meta({ description: 'true when the provider reported no usage: the token counts are estimates (4 characters a token).' }),
})
export type Usage = z.infer<typeof Usage>

export const TranslationResult = z.object({
  id: z.string(),
  model: z.string(),
  source_language: z.literal('fr'),
  paragraphs: z.array(TranslatedParagraph),
  /** `null` when the request asked for `summary: "none"`. */
  summary: Summary.nullable(),
  usage: Usage,
  created_at: z.string(),
})
export type TranslationResult = z.infer<typeof TranslationResult>
