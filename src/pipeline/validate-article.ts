/** The article as received → its paragraphs, or the problem that stops it before any cost. */

import { PayloadTooLargeError, UnprocessableArticleError } from '../errors'
import { guessLanguage } from '../text/language'
import { normaliseText } from '../text/normalise'
import { splitParagraphs } from '../text/paragraphs'

export interface ArticleLimits {
  maxChars: number
  maxParagraphs: number
}

/**
 * Normalises and splits the article, refusing it when it is empty (422), over the
 * limits (413), or clearly not French (422).
 */
export function validateArticle(text: string, limits: ArticleLimits): string[] {
  const normalised = normaliseText(text)
  if (normalised === '')
    throw new UnprocessableArticleError('The article is empty: there is no text left once white space is ' + 'removed.')
  if (normalised.length > limits.maxChars) {
    throw new PayloadTooLargeError(
      `The article has ${normalised.length} characters; this service accepts at most ${limits.maxChars} ` +
        `(MAX_ARTICLE_CHARS). Split it, or raise the setting.`,
      { characters: limits.maxChars },
    )
  }
  const paragraphs = splitParagraphs(normalised)
  if (paragraphs.length > limits.maxParagraphs) {
    throw new PayloadTooLargeError(
      `The article has ${paragraphs.length} paragraphs; this service accepts at most ${limits.maxParagraphs} ` +
        `(MAX_PARAGRAPHS).`,
      { paragraphs: limits.maxParagraphs },
    )
  }
  const language = guessLanguage(normalised)
  if (language.verdict === 'not-french') {
    throw new UnprocessableArticleError(
      `This does not look like French: it looks like ${language.looksLike}. passage translates French articles ` +
        `into ` +
        `English.`,
      {
        looks_like: language.looksLike,
      },
    )
  }
  return paragraphs
}
