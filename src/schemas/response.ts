/** The result a client reads back, and what is stored under its id. */

import * as z from 'zod'

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
    .meta({
      description:
        'Present when the checks still doubt this translation after one retry (e.g. a figure missing): read it ' +
        'against ' +
        'the French. Cached with the paragraph, so served again as such.',
    }),
  language: z
    .literal('en')
    .optional()
    .meta({
      description:
        'Set when the paragraph is already in English in the article (a statement or quotation given in the ' +
        'original): `en` is the same text, kept as it is; no model call translated it.',
    }),
  role: z
    .enum(['headline', 'standfirst'])
    .optional()
    .meta({
      description:
        'Set on an article read from a page (`url` or text/html): the headline (paragraph 0) and the ' +
        'standfirst, the ' +
        'summary under it. Body paragraphs have none.',
    }),
})
export type TranslatedParagraph = z.infer<typeof TranslatedParagraph>

export const KeyPoint = z.object({
  en: z.string(),
  fr: z.string(),
  paragraphs: z
    .array(z.number().int().nonnegative())
    .min(1)
    .meta({ description: 'The indexes of the paragraphs this point comes from (see `paragraphs[i].index`).' }),
})
export type KeyPoint = z.infer<typeof KeyPoint>

export const Summary = z.object({
  en: z.string(),
  fr: z.string(),
  key_points: z
    .array(KeyPoint)
    .optional()
    .meta({
      description:
        "3 to 5 of the article's main points in English and French, each citing its paragraphs; checked like " +
        'the ' +
        "summary (each cited paragraph exists, and the point's figures and names occur in it). Absent when the " +
        'model ' +
        'gave none.',
    }),
  warnings: z
    .array(z.string())
    .optional()
    .meta({
      description:
        'What the checks doubt in a summary served anyway (asked for twice, the second answer still doubted): a ' +
        'name they cannot trace to the article, the languages naming different things, a glossary term rendered ' +
        'otherwise. Absent when nothing is doubted.',
    }),
})
export type Summary = z.infer<typeof Summary>

export const ParagraphRole = z.enum(['headline', 'standfirst'])
export type ParagraphRole = z.infer<typeof ParagraphRole>

/** Where an article read from a page came from. */
export const ArticleSource = z
  .object({
    url: z
      .string()
      .optional()
      .meta({
        description:
          'The page the article was read from (after redirects; its canonical address when it states one). ' +
          'Absent for ' +
          'a pasted page without one.',
      }),
    site: z.string().optional().meta({ description: 'The publication, e.g. Le Monde.' }),
    title: z.string().meta({ description: 'The headline, in French.' }),
    published: z
      .string()
      .optional()
      .meta({ description: 'The publication date as the page states it (ISO 8601 on most news sites).' }),
    byline: z.string().optional().meta({ description: 'The authors, as the page credits them.' }),
  })
  .meta({ description: 'Present when the article was read from a page (`url`, or a text/html body).' })
export type ArticleSource = z.infer<typeof ArticleSource>

export const Usage = z.object({
  model_calls: z.number().int().nonnegative(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cached_paragraphs: z.number().int().nonnegative(),
  /** Present (true) when the provider reported no token counts and these are the worker's estimates. */
  tokens_estimated: z
    .literal(true)
    .optional()
    .meta({
      description:
        'true when the provider reported no usage: the token counts are estimates (4 characters a ' + 'token).',
    }),
})
export type Usage = z.infer<typeof Usage>

export const TranslationResult = z.object({
  id: z.string(),
  model: z.string(),
  source_language: z.literal('fr'),
  paragraphs: z.array(TranslatedParagraph),
  /** `null` when the request asked for `summary: "none"`. */
  summary: Summary.nullable(),
  source: ArticleSource.optional(),
  usage: Usage,
  created_at: z.string(),
})
export type TranslationResult = z.infer<typeof TranslationResult>
