/** A cheap guard against spending model calls on text that is clearly not French. */

import { LETTERS } from './words'

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
  const words = toWords(text)
  return { words: words.length, french: countIn(words, FRENCH) }
}

/** How many words a text has, and how many are French and English function words. */
export function languageShare(text: string): { words: number; french: number; english: number } {
  const words = toWords(text)
  return { words: words.length, french: countIn(words, FRENCH), english: countIn(words, ENGLISH) }
}

function countIn(words: readonly string[], set: ReadonlySet<string>): number {
  let count = 0
  for (const word of words) if (set.has(word)) count++
  return count
}

// The runs of letters: what splitting at every run of other characters leaves, without the empty ends.
function toWords(text: string): string[] {
  return text.toLowerCase().match(LETTERS) ?? []
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
  const words = toWords(text)
  if (words.length < 30) return { verdict: 'too-short' }
  let french = 0
  let english = 0
  for (const word of words) {
    if (FRENCH.has(word)) french++
    if (ENGLISH.has(word)) english++
  }
  if (english >= 8 && english > french * 3) return { verdict: 'not-french', looksLike: 'English' }
  if (french === 0 && english === 0) return { verdict: 'not-french', looksLike: 'text with no French words' }
  return { verdict: 'french' }
}
