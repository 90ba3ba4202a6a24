/** The JSON the model must answer with, validated before anything is used or cached. */

import { z } from 'zod'

export const TranslationOutput = z.strictObject({
  translations: z.array(z.strictObject({ id: z.string(), en: z.string() })),
})
export type TranslationOutput = z.infer<typeof TranslationOutput>

export const SummaryOutput = z.strictObject({ en: z.string(), fr: z.string() })
export type SummaryOutput = z.infer<typeof SummaryOutput>

/** A JSON Schema for `response_format: json_schema` with `strict: true`. */
export function toResponseSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>
  return json
}
