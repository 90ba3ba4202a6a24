/** A cheap guard against spending model calls on text that is clearly not French. */

import { wordBounds } from './words'

// Short function words, frequent in any prose of their language and rare in the other.
const FRENCH = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'un',
  'une',
  'et',
  'est',
  'dans',
  'pour',
  'que',
  'qui',
  'sur',
  'au',
  'aux',
  'avec',
  'pas',
  'ne',
  'se',
  'ce',
  'cette',
  'il',
  'elle',
  'nous',
  'vous',
  'ils',
  'sont',
  'par',
  'mais',
  'ou',
  'où',
  'leur',
  'été',
  'plus',
  'd',
  'l',
  'qu',
  'de',
  'en',
  'sa',
  'ses',
  'aussi',
  'comme',
  'très',
  'depuis',
  'entre',
])
const ENGLISH = new Set([
  'the',
  'and',
  'of',
  'to',
  'is',
  'in',
  'that',
  'it',
  'for',
  'was',
  'on',
  'are',
  'with',
  'as',
  'this',
  'be',
  'at',
  'by',
  'from',
  'have',
  'has',
  'had',
  'not',
  'but',
  'which',
  'they',
  'their',
  'will',
  'would',
  'been',
  'were',
  'an',
  'or',
  'its',
  'he',
  'she',
])

/** How many words a text has, and how many of them are French function words. */
export function frenchWordShare(text: string): { words: number; french: number } {
  const { words, french } = countWords(text, false)
  return { words, french }
}

/** How many words a text has, and how many are French and English function words. */
export function languageShare(text: string): { words: number; french: number; english: number } {
  return countWords(text)
}

// The longest function word of either list.
const LONGEST = Math.max(...[...FRENCH, ...ENGLISH].map((word) => word.length))

// Each function word as its first two letters (all of a one-letter word) and its length, in one number.
const keyOf = (text: string, start: number, end: number) =>
  (end - start === 1 ? text.charCodeAt(start) : text.charCodeAt(start) * 65536 + text.charCodeAt(start + 1)) * 8 +
  (end - start)
const FRENCH_KEYS = new Set([...FRENCH].map((word) => keyOf(word, 0, word.length)))
const ENGLISH_KEYS = new Set([...ENGLISH].map((word) => keyOf(word, 0, word.length)))

/**
 * The words of a text (its runs of letters once lower-cased), and how many of them are
 * French and (unless `english` is false) English function words: read by code, a word cut
 * out only if it has the first letters and the length of a function word.
 */
function countWords(text: string, english = true): { words: number; french: number; english: number } {
  const lower = text.toLowerCase()
  const bounds = wordBounds(lower)
  let french = 0
  let englishWords = 0
  for (let k = 0; k < bounds.length; k += 2) {
    const start = bounds[k] as number
    const end = bounds[k + 1] as number
    if (end - start > LONGEST) continue
    const key = keyOf(lower, start, end)
    if (!FRENCH_KEYS.has(key) && !(english && ENGLISH_KEYS.has(key))) continue
    const word = lower.slice(start, end)
    if (FRENCH.has(word)) french++
    if (english && ENGLISH.has(word)) englishWords++
  }
  return { words: bounds.length / 2, french, english: englishWords }
}

export type LanguageGuess =
  | { verdict: 'french' }
  | { verdict: 'not-french'; looksLike: 'English' | 'text with no French words' }
  | { verdict: 'too-short' }

/**
 * Guesses whether an article is French from its function words. It only says
 * "not French" when the evidence is plain: at least 30 words, and English function
 * words clearly outnumbering French ones (or no French function word at all in a text
 * of mostly letters). Anything in between is given the benefit of the doubt.
 *
 * @example guessLanguage('The president said on Tuesday that …') // { verdict: 'not-french', … }
 */
export function guessLanguage(text: string): LanguageGuess {
  const { words, french, english } = countWords(text)
  if (words < 30) return { verdict: 'too-short' }
  if (english >= 8 && english > french * 3) return { verdict: 'not-french', looksLike: 'English' }
  if (french === 0 && english === 0) return { verdict: 'not-french', looksLike: 'text with no French words' }
  return { verdict: 'french' }
}
