/** What a client may send to POST /v1/translations. */

import * as z from 'zod'
import { loneSurrogateAt } from '../text/faults'
import { foldTerm } from '../text/terms'

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

/** What a lone surrogate is, and how to fix it, said of `what` ("text", "a glossary term"…). */
function loneSurrogateMessage(what: string, at: number): string {
  return (
    `${what} holds a lone UTF-16 surrogate (half of a character, as JSON's "\\ud800" spells it) at character ` +
    `${at + 1}: it is no character; send the whole character (both halves, or the character itself), or remove it`
  )
}

/** A string of the body with no lone surrogate in it (JSON can spell one; UTF-8 cannot). */
const wellFormed = (schema: z.ZodString, what: string) =>
  schema.superRefine((value, ctx) => {
    const at = loneSurrogateAt(value)
    if (at >= 0) ctx.addIssue({ code: 'custom', message: loneSurrogateMessage(what, at) })
  })

/**
 * Terms matching cannot tell apart (case, composed accents, apostrophes, hyphens, quotes and
 * spaces aside): each later one is an issue naming the first.
 */
function sameTerms(glossary: Record<string, string>, ctx: z.RefinementCtx): void {
  const shown = (term: string) => JSON.stringify(term.length > 40 ? `${term.slice(0, 40)}…` : term)
  const seen = new Map<string, string>()
  for (const term of Object.keys(glossary)) {
    const folded = foldTerm(term)
    const first = seen.get(folded)
    if (first === undefined) seen.set(folded, term)
    else
      ctx.addIssue({
        code: 'custom',
        path: [term],
        message:
          `${shown(first)} and ${shown(term)} are one term to matching, which ignores case (but an ` +
          "acronym's capitals), how accents are composed and which apostrophe, hyphen or quote is typed: give it once",
      })
  }
}

export const Glossary = z
  .record(
    wellFormed(
      z
        .string()
        .trim()
        .min(1, 'a glossary term cannot be empty')
        .max(MAX_GLOSSARY_TERM_LENGTH, `a glossary term can be at most ${MAX_GLOSSARY_TERM_LENGTH} characters`),
      'a glossary term',
    ),
    wellFormed(
      z
        .string()
        .trim()
        .min(1, 'a glossary rendering cannot be empty')
        .max(MAX_GLOSSARY_TERM_LENGTH, `a glossary rendering can be at most ${MAX_GLOSSARY_TERM_LENGTH} characters`),
      'a glossary rendering',
    ),
  )
  .refine((g) => Object.keys(g).length <= MAX_GLOSSARY_ENTRIES, {
    message: `at most ${MAX_GLOSSARY_ENTRIES} glossary entries`,
  })
  .superRefine(sameTerms)
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
  text: wellFormed(
    z.string({
      error: (issue) =>
        issue.input === undefined
          ? 'send `text` (the French article) or `url` (a link to it)'
          : 'text must be a string: the French article',
    }),
    'text',
  ).meta({
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
