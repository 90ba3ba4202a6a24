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

// The function words of the other languages a French newsroom is most often sent by mistake.
// Words that are French too ("la", "de", "que", "en", "il") are left out where they are compared.
const OTHERS: ReadonlyArray<readonly [language: string, words: ReadonlySet<string>]> = [
  ['English', ENGLISH],
  [
    'Spanish',
    new Set(
      [
        'el los las del y por con para una es lo al su sus pero la de que en se un entre',
        'como más este esta fue ha han según también muy sobre hasta desde cuando porque',
      ]
        .join(' ')
        .split(' '),
    ),
  ],
  [
    'Italian',
    new Set(
      [
        'la il un se il lo gli della delle dei degli nel nella che è per con',
        'non una sono anche come più ma alla alle dal dalla questo questa stato',
      ]
        .join(' ')
        .split(' '),
    ),
  ],
  [
    'Portuguese',
    new Set(
      [
        'de que se entre os do da dos das no na nos nas em um uma é para',
        'com não mais pelo pela como mas também ao aos foi são seu sua',
      ]
        .join(' ')
        .split(' '),
    ),
  ],
  [
    'German',
    new Set(
      [
        'des der die das und ist nicht mit von zu den dem ein eine einen auf',
        'für sich im auch sie er wird wurde werden bei nach aus wie oder aber dass',
      ]
        .join(' ')
        .split(' '),
    ),
  ],
]

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
  | { verdict: 'not-french'; looksLike: string }
  | { verdict: 'too-short' }

/**
 * Guesses whether an article is French from its function words. It only says
 * "not French" when the evidence is plain: at least 30 words, and the function words of
 * English, Spanish, Italian, Portuguese or German (those that are not French words too)
 * clearly outnumbering the French ones that are not theirs (or no French function word
 * at all in a text of mostly letters). Anything in between is given the benefit of the doubt.
 *
 * @example guessLanguage('The president said on Tuesday that …') // { verdict: 'not-french', … }
 */
export function guessLanguage(text: string): LanguageGuess {
  const words = toWords(text)
  if (words.length < 30) return { verdict: 'too-short' }
  let french = 0
  let others = 0
  for (const word of words) {
    if (FRENCH.has(word)) french++
    else for (const [, set] of OTHERS) if (set.has(word)) others++
  }
  if (others > 0) {
    for (const [language, set] of OTHERS) {
      let theirs = 0
      let ours = 0
      for (const word of words) {
        const french = FRENCH.has(word)
        if (set.has(word) && !french) theirs++
        else if (french && !set.has(word)) ours++
      }
      if (theirs >= 8 && theirs > ours * 3) return { verdict: 'not-french', looksLike: language }
    }
  }
  if (french === 0 && others === 0) return { verdict: 'not-french', looksLike: 'text with no French words' }
  return { verdict: 'french' }
}
