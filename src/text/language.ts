/** A cheap guard against spending model calls on text that is clearly not French. */

import { outsideQuotes } from './shape'
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

const LONGEST_ANYWHERE = Math.max(
  ...[FRENCH, ...OTHERS.map(([, words]) => words)].flatMap((set) => [...set].map((w) => w.length)),
)

// Every function word of any list, with the lists it is in as bits: 1 for French, 2 << i for OTHERS[i].
const LISTS_OF = new Map<string, number>([...FRENCH].map((word) => [word, 1]))
OTHERS.forEach(([, words], i) => {
  for (const word of words) LISTS_OF.set(word, (LISTS_OF.get(word) ?? 0) | (2 << i))
})

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
const LISTED_KEYS = new Set([...LISTS_OF.keys()].map((word) => keyOf(word, 0, word.length)))

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

/**
 * Whether a paragraph of a French article is written in English (a statement or a
 * quotation given in the original): at least six words, English function words making at
 * least a fifth of them (three at least), and French ones at most a quarter as many as the
 * English. Made to be sure rather than to catch all: on the 1,012 French sentences of
 * FLORES-200 devtest it finds none, and it finds nine English sentences in ten. A French
 * sentence quoting English ("« We will not give up », a déclaré le ministre") stays French: when
 * the paragraph has quotations, the words around them must be English too, or none; and
 * English followed by a French attribution (", a tweeté le président") is French too.
 *
 * @example isEnglishParagraph('Unions say the money is not enough to renew the old trains.') // true
 */
// A French clause of attribution: ", a déclaré", ", ont dit", ", a-t-il ajouté", ", selon".
const FRENCH_ATTRIBUTION = new RegExp(
  String.raw`[,;:]\s*(?:(?:a|ont|avait|avaient)\s+(?:\p{L}+é|dit|écrit|promis|prévenu|reconnu|répondu)|` +
    String.raw`\p{L}+-t-(?:il|elle|ils|elles)|selon)(?!\p{L})`,
  'iu',
)

export function isEnglishParagraph(text: string): boolean {
  const { words, french, english } = countWords(text)
  if (!(words >= 6 && english >= 3 && english >= words * 0.2 && french * 4 <= english)) return false
  // English followed by a French attribution without quotation marks ("…, a tweeté le président")
  // is a French sentence quoting English.
  if (FRENCH_ATTRIBUTION.test(text)) return false
  // A quotation in English inside French words ("« I have a dream », avait dit Martin Luther King")
  // is a French sentence: what stands outside the quotation marks must be English too, or nothing.
  const outside = outsideQuotes(text)
  if (outside === text) return true
  const around = countWords(outside)
  return around.words === 0 || (around.english >= 1 && around.french * 4 <= around.english)
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
  const lower = text.toLowerCase()
  const bounds = wordBounds(lower)
  if (bounds.length / 2 < 30) return { verdict: 'too-short' }
  let french = 0
  let others = 0
  // For each other language: its words that are not French, and the French ones not its own.
  const theirs = OTHERS.map(() => 0)
  const ours = OTHERS.map(() => 0)
  // A word in no list counts for none: it is cut out, and looked up once, only if it has the
  // first letters and the length of a listed one.
  for (let k = 0; k < bounds.length; k += 2) {
    const start = bounds[k] as number
    const end = bounds[k + 1] as number
    if (end - start > LONGEST_ANYWHERE || !LISTED_KEYS.has(keyOf(lower, start, end))) continue
    const lists = LISTS_OF.get(lower.slice(start, end))
    if (lists === undefined) continue
    const isFrench = (lists & 1) !== 0
    if (isFrench) french++
    for (let i = 0; i < OTHERS.length; i++) {
      const isTheirs = (lists & (2 << i)) !== 0
      if (isTheirs && !isFrench) {
        theirs[i] = (theirs[i] as number) + 1
        others++
      } else if (isFrench && !isTheirs) ours[i] = (ours[i] as number) + 1
    }
  }
  for (let i = 0; i < OTHERS.length; i++) {
    const count = theirs[i] as number
    if (count >= 8 && count > (ours[i] as number) * 3)
      return { verdict: 'not-french', looksLike: (OTHERS[i] as (typeof OTHERS)[number])[0] }
  }
  if (french === 0 && others === 0) return { verdict: 'not-french', looksLike: 'text with no French words' }
  return { verdict: 'french' }
}
