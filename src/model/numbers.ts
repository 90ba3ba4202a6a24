/**
 * Figures that must survive translation: every number written in digits in a French
 * paragraph must appear in its English translation, in English form ("2 600" → 2,600,
 * "3,5 %" → 3.5%, "1er mai 2024" → May 1, 2024, "12 millions d'euros" → €12 million).
 */

const SPACES = '[ \\u00A0\\u202F]'
// 2 600 · 2 600 000 · 2.600 · 3,5 · 1er · 2e · 21ème
const FRENCH_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N},.])(\\d{1,3}(?:(?:${SPACES}|\\.)\\d{3})+|\\d+)(?:,(\\d+))?(er|re|ère|e|ème|eme|nd|nde)?(?![\\p{L}\\p{N}])(${SPACES}?(?:h(?:${SPACES}?\\d{2})?(?![\\p{L}\\p{N}])|heures?(?!\\p{L})|millions?(?!\\p{L})|milliards?(?!\\p{L})))?`,
  'gu',
)
// 2,600 · 3.5 · 1st · 21st
const ENGLISH_NUMBER = /(?<![\p{N}.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\p{N}])/gu
const ENGLISH_WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
]
const ENGLISH_ORDINALS = [
  '', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
]

export interface FrenchNumber {
  /** As written in the French text. */
  text: string
  /** Values any of which the English may show (12 millions: 12 or 12,000,000). */
  values: number[]
}

/** The numbers written in digits in French text, times of day ("14 h 30") excepted. */
export function extractFrenchNumbers(text: string): FrenchNumber[] {
  const numbers: FrenchNumber[] = []
  for (const match of text.matchAll(FRENCH_NUMBER)) {
    const [whole, integer = '', decimals, , unit = ''] = match
    const scale = unit.trim().toLowerCase()
    // A time of day is rewritten in English (14 h 30 → 2:30 p.m.): not a figure to compare.
    if (scale.startsWith('h')) continue
    const value = Number(`${integer.replace(/[ \u00A0\u202F.]/g, '')}${decimals === undefined ? '' : `.${decimals}`}`)
    const values = [value]
    if (scale.startsWith('million')) values.push(value * 1e6)
    if (scale.startsWith('milliard')) values.push(value * 1e9)
    numbers.push({ text: whole.trim(), values })
  }
  return numbers
}

/** The numbers an English text states, in digits or (up to twenty) in words. */
export function extractEnglishNumbers(text: string): Set<number> {
  const values = new Set<number>()
  for (const [, integer = '', decimals] of text.matchAll(ENGLISH_NUMBER)) {
    values.add(Number(`${integer.replace(/,/g, '')}${decimals === undefined ? '' : `.${decimals}`}`))
  }
  const words = text.toLowerCase().split(/[^a-z]+/)
  words.forEach((word) => {
    const cardinal = ENGLISH_WORDS.indexOf(word)
    if (cardinal >= 0) values.add(cardinal)
    const ordinal = ENGLISH_ORDINALS.indexOf(word)
    if (ordinal > 0) values.add(ordinal)
  })
  return values
}

/**
 * The French figures missing from the English translation, as written in French.
 *
 * @example missingNumbers('3,5 % en 2024', 'up 3.5% in 2023') // ['2024']
 */
export function missingNumbers(fr: string, en: string): string[] {
  const english = extractEnglishNumbers(en)
  return extractFrenchNumbers(fr)
    .filter((n) => !n.values.some((v) => english.has(v)))
    .map((n) => n.text)
}
