/** What a client may send to POST /v1/translations. */

import * as z from 'zod'

export const SUMMARY_LENGTHS = ['none', 'short', 'standard', 'long'] as const
export const SummaryLength = z.enum(SUMMARY_LENGTHS).meta({
  description: 'Summary length: none, short (about 1 sentence), standard (about 3), long (about 6).',
})
export type SummaryLength = z.infer<typeof SummaryLength>

/** About how many sentences each summary length asks for (and the checks expect). */
export const SUMMARY_SENTENCES: Record<Exclude<SummaryLength, 'none'>, number> = { short: 1, standard: 3, long: 6 }

export const MAX_GLOSSARY_ENTRIES = 100
/** The longest glossary term, and the longest rendering, in characters (after trimming). */
export const MAX_GLOSSARY_TERM_LENGTH = 200

export const Glossary = z
  .record(
    z
      .string()
      .trim()
      .min(1, 'a glossary term cannot be empty')
      .max(MAX_GLOSSARY_TERM_LENGTH, `a glossary term can be at most ${MAX_GLOSSARY_TERM_LENGTH} characters`),
    z
      .string()
      .trim()
      .min(1, 'a glossary rendering cannot be empty')
      .max(MAX_GLOSSARY_TERM_LENGTH, `a glossary rendering can be at most ${MAX_GLOSSARY_TERM_LENGTH} characters`),
  )
  .refine((g) => Object.keys(g).length <= MAX_GLOSSARY_ENTRIES, {
    message: `at most ${MAX_GLOSSARY_ENTRIES} glossary entries`,
  })
  .meta({
    description: 'French terms mapped to the English rendering required in translation and summary.',
    maxProperties: MAX_GLOSSARY_ENTRIES,
    examples: [{ Pékin: 'Beijing', OTAN: 'NATO' }],
  })
export type Glossary = z.infer<typeof Glossary>

const options = {
  summary: SummaryLength.default('standard'),
  glossary: Glossary.default({}),
  second_opinion: z
    .boolean()
    .optional()
    .meta({
      description:
        'Ask the model, in one extra call per batch, for omissions, additions and changed figures; its ' +
        'findings become ' +
        'warnings. Default: the SECOND_OPINION setting.',
    }),
}

/** The article's text itself. */
export const TextTranslationRequest = z.strictObject({
  text: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'send `text` (the French article) or `url` (a link to it)'
          : 'text must be a string: the French article',
    })
    .meta({
      description: 'The French article; paragraphs separated by newlines or blank lines.',
    }),
  ...options,
})
export type TextTranslationRequest = z.infer<typeof TextTranslationRequest>

export const MAX_URL_LENGTH = 2048

/** A link to the article: the worker fetches the page and extracts the article. */
export const LinkTranslationRequest = z.strictObject({
  url: z
    .url({
      protocol: /^https?$/,
      error: 'url must be an absolute http(s) link to the article, like https://www.lemonde.fr/…',
    })
    .max(MAX_URL_LENGTH, `url must be at most ${MAX_URL_LENGTH} characters`)
    .meta({
      description:
        'A link to a French news article (http or https, a public host). The worker fetches the page and ' +
        'translates ' +
        'its headline, standfirst and body.',
    }),
  ...options,
})
export type LinkTranslationRequest = z.infer<typeof LinkTranslationRequest>

/** A JSON body: `{ "text": … }` or `{ "url": … }`, with the same options. */
export const TranslationRequest = z.union([TextTranslationRequest, LinkTranslationRequest]).meta({
  description: 'Either the article (`text`) or a link to it (`url`), with the same options.',
})
export type TranslationRequest = z.infer<typeof TranslationRequest>

/** The options alone, as a `text/plain` or `text/html` request gives them (in its query string). */
export const TranslationOptions = z.strictObject(options)

/** The query parameters POST /v1/translations reads: its options, and the response's format. */
export const QUERY_PARAMETERS = ['summary', 'glossary', 'second_opinion', 'format'] as const
