/** The article as received → its paragraphs, or the problem that stops it before any cost. */

import { InvalidRequestError, PayloadTooLargeError, UnprocessableArticleError } from '../errors'
import { garbledWords } from '../text/faults'
import { guessLanguage } from '../text/language'
import { normaliseText } from '../text/normalise'
import { decodeReferences } from '../text/references'
import { splitParagraphs } from '../text/paragraphs'

export interface ArticleLimits {
  maxChars: number
  maxParagraphs: number
}

/**
 * Where the text comes from: `sent` as text by the client (a JSON `text` or a text/plain
 * body), or extracted from a `page` (whose references the HTML parser has already read).
 */
export type ArticleOrigin = 'sent' | 'page'

/**
 * Normalises and splits the article, refusing it when it is empty (422), over the
 * limits (413), or clearly not French (422); a text sent as such has its HTML character
 * references decoded, and is refused when a wrong decoding replaced some of its letters (400).
 */
export function validateArticle(text: string, limits: ArticleLimits, origin: ArticleOrigin = 'sent'): string[] {
  const decoded = origin === 'sent' ? decodeReferences(text) : text
  if (origin === 'sent') refuseGarbled(decoded)
  const normalised = normaliseText(decoded)
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

const GARBLED_SHOWN = 3

/**
 * A text whose letters were replaced by U+FFFD was read with the wrong character set
 * before it was sent (windows-1252 or Latin-1 bytes decoded as UTF-8): its accented letters
 * are lost, and the model would have to guess words and names. Refused even for one such
 * word: a guessed name is an unfaithful translation, and the fix is the sender's.
 */
function refuseGarbled(text: string): void {
  const words = garbledWords(text)
  if (words.length === 0) return
  const shown = words
    .slice(0, GARBLED_SHOWN)
    .map((word) => `"${word.length > 40 ? `${word.slice(0, 40)}…` : word}"`)
    .join(', ')
  throw new InvalidRequestError(
    `The text has letters replaced by U+FFFD (the replacement character) in ${words.length} ` +
      `word${words.length === 1 ? '' : 's'}, like ${shown}: it was decoded with the wrong character set ` +
      '(often a windows-1252 or Latin-1 file read as UTF-8) before it was sent, and those letters are lost. ' +
      'Send the original instead: convert the file to UTF-8 (iconv -f windows-1252 -t utf-8 article.txt), ' +
      'or copy the text again from its source.',
  )
}
