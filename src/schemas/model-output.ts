/** The JSON the model must answer with, validated before anything is used or cached. */

import * as z from 'zod'

/** One paragraph of a translation answer (an object of its array, as it streams). */
export const TranslationItem = z.strictObject({ id: z.string(), en: z.string() })
export type TranslationItem = z.infer<typeof TranslationItem>

export const TranslationOutput = z.strictObject({ translations: z.array(TranslationItem) })
export type TranslationOutput = z.infer<typeof TranslationOutput>

/** One key point: a sentence in each language, and the 0-based positions of the paragraphs that state it. */
export const KeyPointOutput = z.strictObject({ en: z.string(), fr: z.string(), paragraphs: z.array(z.number().int()) })

export const SummaryOutput = z.strictObject({ en: z.string(), fr: z.string(), key_points: z.array(KeyPointOutput) })
export type SummaryOutput = z.infer<typeof SummaryOutput>

/**
 * What is accepted back: an answer without key points (an older recording, a model that
 * skips them) is a summary without them.
 */
export const SummaryAnswer = SummaryOutput.extend({ key_points: z.array(KeyPointOutput).optional() })

/** A JSON Schema for `response_format: json_schema` with `strict: true`. */
export function toResponseSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>
  return json
}
