/**
 * Figures that must survive translation. A French figure may be written in digits
 * ("2 600", "3,5 %", "1,36 milliard", "l'article 49.3", "1950-1953"), in words ("deux
 * jours", "quatre-vingt-dix", "une vingtaine"), as an ordinal ("1er", "XXIe siècle",
 * "troisième") or as a decade ("les années 80"); the English may write the same value
 * another way ("2,600", "3.5%", "1,360 million", "1950-53", "two-day", "the 1980s").
 * Each figure is therefore compared by value, with every value it may stand for.
 */

import { remembered } from './memo'
import { ENGLISH_UNITS, FRENCH_UNITS, words } from './number-words'
import { currencyScale, idioms } from './renderings'
import { codePointBefore, isLetter, matchesOf, wordBounds } from './words'

export interface FrenchNumber {
  /** As written in the French text. */
  text: string
  /** Values any of which the English may show (12 millions: 12 or 12,000,000). */
  values: number[]
  /** Written in words rather than digits (a word is often rendered freely: "deux" → "both"). */
  words: boolean
  /** In a metric unit: the values a translator who converts it may write (450 kg → 992 pounds). */
  converted?: number[]
}

// Metric units a translator may convert, with the factors to the usual English units.
const UNITS: Array<[RegExp, number[]]> = [
  [/^km\/h|^kilomètres? à l['’]heure/u, [0.621371]],
  [/^(?:km|kilomètres?)(?![\p{L}²])/u, [0.621371]],
  [/^(?:m|mètres?)(?![\p{L}²])/u, [3.28084]],
  [/^(?:cm|centimètres?)(?!\p{L})/u, [0.393701]],
  [/^(?:kg|kilos?|kilogrammes?)(?!\p{L})/u, [2.20462]],
  [/^tonnes?(?!\p{L})/u, [1.10231, 2204.62]],
  [/^(?:litres?|l)(?!\p{L})/u, [0.264172, 0.219969]],
  [/^(?:hectares?|ha)(?!\p{L})/u, [2.47105]],
  [/^(?:km²|kilomètres carrés)/u, [0.386102]],
]

const UNIT_FIRSTS = '°dkmctlh'
const RANGE_FIRSTS = 'à-–e'
const NOT_SPACE = /\S/

/** The converted values of a figure followed (directly, or after "à 250") by a metric unit. */
function conversions(value: number, after: string): number[] | undefined {
  // What follows the figure's spaces is a unit, or starts a range ("à", "-", "–", "et"): anything
  // else is neither, and the figure has no unit (the pattern below is not run).
  const first = after.charAt(after.search(NOT_SPACE))
  if (!UNIT_FIRSTS.includes(first) && !RANGE_FIRSTS.includes(first)) return undefined
  const rest = after.replace(
    /^[\s\u00A0\u202F]*(?:(?:à|-|–|et)[\s\u00A0\u202F]*[\d\s\u00A0\u202F.,]+)?[\s\u00A0\u202F]*/u,
    '',
  )
  // Every unit below starts with one of these characters: a figure followed by anything else has none.
  if (!UNIT_FIRSTS.includes(rest[0] ?? '')) return undefined
  if (/^°\s?C|^degrés/u.test(rest)) return [value * 1.8 + 32]
  const unit = UNITS.find(([pattern]) => pattern.test(rest))
  return unit?.[1].map((factor) => value * factor)
}

const SP = '[ \\u00A0\\u202F\\u2009\\u2007]'
// 2 600 · 2 600 000 · 2.600 · 3,5 · 49.3 · 1er · 2e · 21ème · 12 millions
const FRENCH_DIGITS = new RegExp(
  [
    // the integer, with its thousands separated, then its decimals and an ordinal ending
    `(?<![\\p{L}\\p{N},.])(\\d{1,3}(?:(?:${SP}|\\.)\\d{3})+(?!\\d)|\\d+)(?:([,.])(\\d+))?`,
    '(er|re|ère|e|ème|eme|nd|nde)?(?![0-9])',
    // an hour, or a scale word
    `(${SP}?(?:h(?:${SP}?\\d{2})?(?![\\p{L}\\p{N}])|heures?(?!\\p{L})|millions?(?!\\p{L})`,
    '|milliards?(?!\\p{L})|mille(?!\\p{L})))?',
  ].join(''),
  'gu',
)
const RANGE_SCALE =
  /^[ \u00A0\u202F]*(?:et|à|ou|-|–)[ \u00A0\u202F]*[\d \u00A0\u202F,.]+(millions?|milliards?)(?!\p{L})/u
const FRENCH_DECADE = /\bannées\s+(?:(\d{2})|(\d{4}))(?!\d)/gu
// "XXe", "IIIe Reich" are figures wherever they stand; a lone "Ier", "Ve" or "Xe" only
// before the words that take them ("la Ve République", not "François Ier", which English
// writes "Francis I"); "Le" and "Ce" never (articles).
const ROMAN_ORDINAL = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}])(?:([IVXLC]{2,6})(?:e|er|ème)|([IVX])(?:e|er|ère|ème)(?=[^.]{0,25}?(?:siècle|`,
    'arrondissement|[rR]épublique|millénaire|dynastie|[cC]ongrès|législature|édition|',
    String.raw`circonscription|régiment)))(?![\p{L}])`,
  ].join(''),
  'gu',
)

const FRENCH_ORDINALS: Record<string, number> = words({
  premier: 1,
  première: 1,
  deuxième: 2,
  troisième: 3,
  quatrième: 4,
  cinquième: 5,
  sixième: 6,
  septième: 7,
  huitième: 8,
  neuvième: 9,
  dixième: 10,
  onzième: 11,
  douzième: 12,
  vingtième: 20,
  centième: 100,
  second: 2,
  seconde: 2,
  tiers: 3,
  quart: 4,
})
const FRENCH_APPROX: Record<string, number> = words({
  dizaine: 10,
  douzaine: 12,
  quinzaine: 15,
  vingtaine: 20,
  trentaine: 30,
  quarantaine: 40,
  cinquantaine: 50,
  soixantaine: 60,
  centaine: 100,
  millier: 1000,
})

const ENGLISH_ORDINALS: Record<string, number> = words({
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
})
const ENGLISH_SCALES: Record<string, number> = words({
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
})
const ENGLISH_DECADES: Record<string, number> = words({
  twenties: 20,
  thirties: 30,
  forties: 40,
  fifties: 50,
  sixties: 60,
  seventies: 70,
  eighties: 80,
  nineties: 90,
})
// 2,600 · 3.5 · 1st · 1980s · 1.36 billion
const ENGLISH_DIGITS = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![0-9])(?:(?:st|nd|rd|th|`,
    String.raw`s)?(?![\p{L}]))?(\s+(?:hundred|thousand|million|billion|trillion)\b)?`,
  ].join(''),
  'gu',
)
// (Each alternative starts with a digit: the look-ahead lets V8 skip other positions at once.)
const ENGLISH_TIME = new RegExp(
  [
    String.raw`(?=\d)(?:\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|(?:GMT|UTC|BST|CET|EST|PST|`,
    String.raw`local time)\b)|\b\d{1,2}:\d{2}\b|\b\d{4}\s*(?:GMT|UTC|hours|hrs)\b)`,
  ].join(''),
  'giu',
)
// 4:41.30 · 2:11 — a clock time or a race time, written alike in both languages.
const CLOCK = /(?<!\d)\d+:\d{2}(?:[.,]\d+)?/gu
const ABBREVIATED_RANGE = /(?<!\d)(\d{2})(\d{2})\s*[-–]\s*(\d{2})(?!\d)/gu
// What stands before a reference's number: "No.", "Nos", "n°", "#", "Law", "Decree", "Article".
const REFERENCE = /(?:\b(?:No|Nos|Number|Law|Decree|Order|Article|Art|Case|Directive)\.?|n°|nº|#)\s*$/iu

/**
 * Rounds away binary noise so that 1.36 × 10⁹ equals 1,360 × 10⁶. A whole number of at
 * most 12 digits (nearly every figure) has none, and is its own rounding.
 */
const norm = (n: number): number => (Number.isInteger(n) && n > 0 && n < 1e12 ? n : Number(n.toPrecision(12)))

// Patterns used inside the functions below, made once.
const JOINING = /^[\s\u00A0\u202F-]+$/u
const MILLIONS_OR_BILLIONS = /^(?:millions?|milliards?)$/
const SCALE_WORD = /^(?:mille|millions?|milliards?)$/
const MILLIONS = /^millions?$/
const BILLIONS = /^milliards?$/
const DECADE_DIGITS = /^\d\ds$/
const HAS_DIGIT = /\d/
const MAY_NOON = /noon|midnight/iu
const NOON = /\bnoon\b|\bmidnight\b/iu

/** The numbers in French text, in digits and in words; times of day left out. */
export const extractFrenchNumbers: (text: string) => readonly FrenchNumber[] = remembered(readFrenchNumbers)

function readFrenchNumbers(text: string): FrenchNumber[] {
  const numbers: FrenchNumber[] = []
  // A decade is written after "années", a clock time with a colon: a text with neither is read as is.
  const decades = text.includes('années')
  for (const [whole, short, full] of decades ? matchesOf(FRENCH_DECADE, text) : []) {
    const value = Number(short ?? full)
    numbers.push({
      text: whole,
      values: short ? [value, 1900 + value, 2000 + value] : [value, value % 100],
      words: false,
    })
  }
  const spaced = decades ? text.replace(FRENCH_DECADE, (m) => ' '.repeat(m.length)) : text
  const rest = spaced.includes(':') ? spaced.replace(CLOCK, ' ') : spaced
  for (const match of matchesOf(FRENCH_DIGITS, rest)) {
    const [whole, integer = '', separator, decimals, , unit = ''] = match
    const scale = unit.trim().toLowerCase()
    // A time of day is rewritten in English (14 h 30 → 2:30 p.m.): not a figure to compare.
    if (scale.startsWith('h')) continue
    // (Separated thousands take five characters at least.)
    const base = Number(integer.length < 5 ? integer : integer.replace(/[ \u00A0\u202F\u2009\u2007.]/g, ''))
    const values: number[] = []
    if (decimals !== undefined && separator === ',') values.push(Number(`${base}.${decimals}`))
    else if (decimals !== undefined)
      values.push(Number(`${base}.${decimals}`), base, Number(decimals)) // 49.3, or a date 12.05
    else values.push(base)
    const first = values[0] as number
    // "entre 1,2 et 1,5 milliard": the first figure of a range shares the second's scale.
    const next = scale === '' ? rest.slice(match.index + whole.length, match.index + whole.length + 30) : ''
    const shared = scale === '' ? (next.includes('milli') ? (RANGE_SCALE.exec(next)?.[1] ?? '') : '') : scale
    if (shared.startsWith('million')) values.push(first * 1e6)
    if (shared.startsWith('milliard')) values.push(first * 1e9, first * 1e3)
    if (scale === 'mille') values.push(first * 1e3)
    // "11 234,5 M€", "2,1 Md€", "450 k€": the scale written after the sum.
    const sum = scale === '' ? currencyScale(next) : undefined
    if (sum !== undefined) values.push(first * sum)
    const converted = scale === '' ? conversions(values[0] as number, next) : undefined
    // (A property set after, rather than spread in: the same object, made faster.)
    const figure: FrenchNumber = { text: whole.trim(), values: values.map(norm), words: false }
    if (converted) figure.converted = converted
    numbers.push(figure)
  }
  for (const [whole, many, one] of matchesOf(ROMAN_ORDINAL, text)) {
    const value = fromRoman(many ?? one ?? '')
    if (value > 0) numbers.push({ text: whole, values: [value], words: false })
  }
  numbers.push(...frenchWordNumbers(text))
  return dedupe(numbers)
}

// "du XIVe au XVIe siècle", "de 2 à 5", "XIVe–XVIe", "entre 3 et 6": the values of both ends.
// (The look-ahead for the first characters a range may start with lets V8 skip other positions at once.)
const RANGE = new RegExp(
  [
    '(?=[deIVXLC\\d])(?<![\\p{L}\\p{N}])(?:(?:du|de|des|entre)[ \\u00A0\\u202F]+)?',
    '([IVXLC]{1,6}|\\d{1,4})(?:e|er|ème)?',
    '(?:[ \\u00A0\\u202F]*[-–][ \\u00A0\\u202F]*|[ \\u00A0\\u202F]+(?:au|à|aux|et)[ \\u00A0\\u202F]+)',
    '([IVXLC]{1,6}|\\d{1,4})(?:e|ème)?(?![\\p{L}\\p{N}])',
  ].join(''),
  'gu',
)

/**
 * The whole values strictly inside each short range (at most nine of them), which a faithful
 * English may spell out ("the 11th, 12th and 13th centuries"): not demanded, but accounted for.
 */
const valuesBetween: (text: string) => readonly number[] = remembered(readValuesBetween)

function readValuesBetween(text: string): number[] {
  const values: number[] = []
  for (const [, from = '', to = ''] of matchesOf(RANGE, text)) {
    const roman = /^[IVXLC]+$/u.test(from)
    if (roman !== /^[IVXLC]+$/u.test(to)) continue
    const start = roman ? fromRoman(from) : Number(from)
    const end = roman ? fromRoman(to) : Number(to)
    if (end - start < 2 || end - start > 10) continue
    for (let value = start + 1; value < end; value++) values.push(value)
  }
  return values
}

// Any word that may start a figure in words: a quick test before reading word by word.
// Two patterns, a word that is one of these or a word of two letters or more ending in
// "ième" or "aine(s)", test faster than one: `(?<!\p{L})(?:deux|…|quart|\p{L}+ième|\p{L}+aines?)(?!\p{L})`.
const NUMBER_WORD = new RegExp(
  [
    String.raw`(?<!\p{L})(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|`,
    'quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|',
    // "un million", "une centaine": a scale or a count after "un"
    'millions?|milliards?|',
    String.raw`millier|premi[eè]re?|second(?:es?)?|tiers|quart)(?!\p{L})`,
  ].join(''),
  'iu',
)
const ORDINAL_OR_COUNT_WORD = /\p{L}(?:ième|aines?)(?!\p{L})/iu

// The words a figure in words may start with (ordinals in -ième and "-aine" counts aside).
const NUMBER_STARTS = new Set([
  ...Object.keys(FRENCH_UNITS),
  ...Object.keys(FRENCH_ORDINALS),
  ...Object.keys(FRENCH_APPROX),
  ...Object.keys(FRENCH_APPROX).map((w) => `${w}s`),
  'cent',
  'cents',
  'mille',
])

// The last letters of those words, and of "-ième", "-aine" and "-aines" (as character codes).
const NUMBER_ENDINGS = new Set([...NUMBER_STARTS, 'ième', 'aine', 'aines'].map((w) => w.charCodeAt(w.length - 1)))
// And their first three letters, or two for "un" (as codes, seven bits each).
const NUMBER_PREFIXES = new Set([...NUMBER_STARTS].map((w) => prefixCode(w, 0, w.length)))

/** The first three characters of text[start…end] (all of a shorter word), as one number of 7 bits each. */
function prefixCode(text: string, start: number, end: number): number {
  let code = 0
  for (let i = start; i < Math.min(end, start + 3); i++) code = (code << 7) | text.charCodeAt(i)
  return code
}

/**
 * Whether the word at `start`–`end` may be a number word, or (`suffixes`: the text has such
 * a word) an ordinal in "-ième" or a count in "-aine(s)", from its first and last letters: a
 * word of ASCII letters that cannot be one is passed by without being lower-cased. (An ASCII
 * letter other than k is the lower case of itself and of its capital only.)
 */
function mayCount(text: string, start: number, end: number, suffixes: boolean): boolean {
  const last = text.charCodeAt(end - 1) | 0x20
  if (last < 128 && !NUMBER_ENDINGS.has(last)) return false
  if (suffixes && end - start >= 4) {
    const before = text.charCodeAt(end - 2) | 0x20
    // "-ième", "-aine": "me", "ne"; "-aines": "nes".
    if (last === 0x65 && (before === 0x6d || before === 0x6e)) return true
    if (last === 0x73 && before === 0x65 && (text.charCodeAt(end - 3) | 0x20) === 0x6e) return true
  }
  // Every number word has two letters or more, the first three of them in ASCII; beyond ASCII, only the
  // Kelvin sign lower-cases to an ASCII letter (k, in no number word) and "İ" to "i" and a dot above.
  if (end - start < 2) return false
  const length = Math.min(3, end - start)
  let lower = 0
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 128) return false
    lower = (lower << 7) | (code | 0x20)
  }
  return NUMBER_PREFIXES.has(lower)
}

/** Word k of a text whose words `runs` bounds (see wordBounds), or '' past the last. */
function runWord(text: string, runs: readonly number[], k: number): string {
  return 2 * k < runs.length ? text.slice(runs[2 * k], runs[2 * k + 1]) : ''
}

/** What separates word k of a text whose words `runs` bounds from the next (or ends the text), or '' past the last. */
function runGap(text: string, runs: readonly number[], k: number): string {
  const count = runs.length / 2
  return k < count ? text.slice(runs[2 * k + 1], k + 1 < count ? runs[2 * k + 2] : text.length) : ''
}

// What may follow "un"/"une" that makes it a figure: "un million", "une centaine" aside.
const COUNTED_BY_ONE = /^(?:cent|mille|millions?|milliards?)$/

function frenchWordNumbers(text: string): FrenchNumber[] {
  const numbers: FrenchNumber[] = []
  const suffixes = ORDINAL_OR_COUNT_WORD.test(text)
  if (!suffixes && !NUMBER_WORD.test(text)) return numbers
  // The words (runs of letters) and what separates them: word k is text[runs[2k]…runs[2k+1]].
  const runs = wordBounds(text)
  const count = runs.length / 2
  let k = 0
  while (k < count) {
    const start = runs[2 * k] as number
    const end = runs[2 * k + 1] as number
    if (!mayCount(text, start, end, suffixes)) {
      k++
      continue
    }
    const token = text.slice(start, end)
    const lower = token.toLowerCase()
    if (!NUMBER_STARTS.has(lower) && !lower.endsWith('ième') && !lower.endsWith('aine') && !lower.endsWith('aines')) {
      k++
      continue
    }
    // "un"/"une" (an article, mostly) starts a figure only before hundreds, thousands or millions.
    if ((lower === 'un' || lower === 'une') && !COUNTED_BY_ONE.test(runWord(text, runs, k + 1).toLowerCase())) {
      k++
      continue
    }
    const cardinal = cardinalOf(lower)
    if (FRENCH_ORDINALS[cardinal] !== undefined) {
      // "Premier ministre" is a title, not a rank.
      if (!(cardinal.startsWith('premi') && runWord(text, runs, k + 1).toLowerCase() === 'ministre'))
        numbers.push({ text: token, values: [FRENCH_ORDINALS[cardinal]], words: true })
      k++
      continue
    }
    const approx = FRENCH_APPROX[cardinal.replace(/s$/, '')]
    if (approx !== undefined) {
      numbers.push({ text: token, values: [approx], words: true })
      k++
      continue
    }
    if (FRENCH_UNITS[cardinal] === undefined && !['cent', 'cents', 'mille'].includes(cardinal)) {
      k++
      continue
    }
    // A run of number words joined by spaces or hyphens ("quatre-vingt-dix", "deux cents").
    let j = k
    const parts: string[] = []
    while (j < count) {
      const w = cardinalOf(runWord(text, runs, j).toLowerCase())
      const isNumber = FRENCH_UNITS[w] !== undefined || ['cent', 'cents', 'mille', 'et'].includes(w)
      if (!isNumber) break
      if (w === 'et' && !['un', 'une', 'onze'].includes(runWord(text, runs, j + 1).toLowerCase())) break
      // "un"/"une" is an article unless it counts hundreds, thousands or millions: "une neuvième" is 9.
      const joined = j > k && parts.at(-1) === 'et'
      if (
        (w === 'un' || w === 'une') &&
        !joined &&
        (j > k || !COUNTED_BY_ONE.test(runWord(text, runs, j + 1).toLowerCase()))
      )
        break
      parts.push(w)
      if (!JOINING.test(runGap(text, runs, j))) break
      j++
    }
    const value = parseFrench(parts)
    const raw = parts.length === 0 ? '' : text.slice(start, runs[2 * (k + parts.length - 1) + 1])
    k += Math.max(1, parts.length)
    const after = runWord(text, runs, k).toLowerCase()
    // "un"/"une" alone is the article; a lone 1 is never worth comparing.
    if (value <= 1 && !MILLIONS_OR_BILLIONS.test(after)) continue
    const values = [value]
    // "trois cents" is 300, or three cents of a currency: "the stamp cost three cents".
    if (parts.at(-1) === 'cents' && !SCALE_WORD.test(after)) values.push(value / 100)
    if (MILLIONS.test(after)) values.push(value * 1e6)
    if (BILLIONS.test(after)) values.push(value * 1e9, value * 1e3)
    numbers.push({ text: raw, values: values.map(norm), words: true })
  }
  return numbers
}

const ORDINAL_STEMS: Record<string, string> = {
  deux: 'deux',
  trois: 'trois',
  quatr: 'quatre',
  cinqu: 'cinq',
  six: 'six',
  sept: 'sept',
  huit: 'huit',
  neuv: 'neuf',
  dix: 'dix',
  onz: 'onze',
  douz: 'douze',
  treiz: 'treize',
  quatorz: 'quatorze',
  quinz: 'quinze',
  seiz: 'seize',
  vingt: 'vingt',
  trent: 'trente',
  quarant: 'quarante',
  cinquant: 'cinquante',
  soixant: 'soixante',
  cent: 'cent',
  mill: 'mille',
}

/** "quinzième" → "quinze", "vingt-quatrième" (as "quatrième") → "quatre"; other words unchanged. */
function cardinalOf(word: string): string {
  return word.endsWith('ième') ? (ORDINAL_STEMS[word.slice(0, -4)] ?? word) : word
}

function parseFrench(parts: string[]): number {
  let total = 0
  let current = 0
  for (const part of parts) {
    if (part === 'et') continue
    if (part === 'mille') {
      total += (current || 1) * 1000
      current = 0
    } else if (part === 'cent' || part === 'cents') current = (current || 1) * 100
    else if ((part === 'vingt' || part === 'vingts') && current % 100 === 4) current = current - 4 + 80
    else current += FRENCH_UNITS[part] ?? 0
  }
  return total + current
}

function fromRoman(roman: string): number {
  const digits: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 }
  let value = 0
  for (let i = 0; i < roman.length; i++) {
    const d = digits[roman[i] as string] ?? 0
    const n = digits[roman[i + 1] as string] ?? 0
    value += d < n ? -d : d
  }
  return value
}

function dedupe(numbers: FrenchNumber[]): FrenchNumber[] {
  const seen = new Set<string>()
  return numbers.filter((n) => {
    const key = `${n.text}|${n.values.join()}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The numbers an English text states, in digits or in words ("450 million" as 450,000,000). */
export function extractEnglishNumbers(text: string): Set<number> {
  return new Set(englishFigures(text).flatMap((f) => f.values))
}

export interface EnglishNumber {
  text: string
  values: number[]
  words: boolean
  /** Followed by an imperial unit (miles, feet, pounds…): possibly a converted metric figure. */
  imperial?: boolean
}

const IMPERIAL = new RegExp(
  [
    String.raw`^(?:\s*(?:to|-|–|and)\s*[\d,.]+)?[\s-]*(?:miles?|mph|feet|foot|ft|pounds?|lbs?|`,
    String.raw`inch(?:es)?|tons?|gallons?|acres?|square miles|°\s?F|degrees Fahrenheit)\b`,
  ].join(''),
  'iu',
)

// Every word for which a look-up below finds something: the number words, "a" (a scale may
// follow), and the names the objects inherit.
const MAY_COUNT = new Set([
  ...Object.keys(ENGLISH_ORDINALS),
  ...Object.keys(ENGLISH_DECADES),
  ...Object.keys(ENGLISH_UNITS),
  'a',
  ...Object.getOwnPropertyNames(Object.prototype),
])

// The first three letters (or all of a shorter one) of those words that are made of a–z alone.
const ENGLISH_PREFIXES = new Set(
  [...MAY_COUNT].filter((w) => /^[a-z]+$/.test(w)).map((w) => prefixCode(w, 0, w.length)),
)

/** Whether the word of a–z at `start`–`end` may be one of `MAY_COUNT`, from its first three letters. */
function mayCountInEnglish(text: string, start: number, end: number): boolean {
  return ENGLISH_PREFIXES.has(prefixCode(text, start, end))
}

/** Where the runs of a–z of a text start and end: `[start0, end0, start1, end1, …]`. */
function asciiWordBounds(text: string): number[] {
  const bounds: number[] = []
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 97 && code <= 122 ? !inWord : inWord) {
      bounds.push(i)
      inWord = !inWord
    }
  }
  if (inWord) bounds.push(text.length)
  return bounds
}

/** The figures an English text states, each with the values it may stand for; times of day left out. */
export const englishFigures: (text: string) => readonly EnglishNumber[] = remembered(readEnglishFigures)

function readEnglishFigures(text: string): EnglishNumber[] {
  const figures: EnglishNumber[] = []
  // 1950-53 → 1950-1953
  // (A clock time has a colon, a range a dash: a text without is passed as is.)
  const untimed = text.replace(ENGLISH_TIME, ' ')
  const unclocked = untimed.includes(':') ? untimed.replace(CLOCK, ' ') : untimed
  const plain =
    unclocked.includes('-') || unclocked.includes('–')
      ? unclocked.replace(
          ABBREVIATED_RANGE,
          (whole: string, century: string, start: string, end: string, offset: number, all: string) =>
            // "Law No. 2024-123", "Decree No. 2025-77": a reference, not a range.
            REFERENCE.test(all.slice(Math.max(0, offset - 12), offset)) ? whole : `${century}${start}-${century}${end}`,
        )
      : unclocked
  for (const { 0: whole, 1: integer = '', 2: decimals, 3: scaleWord, index } of matchesOf(ENGLISH_DIGITS, plain)) {
    const value = Number(`${integer.replace(/,/g, '')}${decimals === undefined ? '' : `.${decimals}`}`)
    // "450 million" states 450,000,000, not 450: only the scaled value accounts for it.
    const scale = scaleWord ? ENGLISH_SCALES[scaleWord.trim().toLowerCase()] : undefined
    const values = scale ? [value * scale] : [value]
    if (DECADE_DIGITS.test(whole.trim())) values.push(1900 + value, 2000 + value)
    const imperial = IMPERIAL.test(plain.slice((index ?? 0) + whole.length, (index ?? 0) + whole.length + 25))
    const figure: EnglishNumber = { text: whole.trim(), values: values.map(norm), words: false }
    if (imperial) figure.imperial = imperial
    figures.push(figure)
  }
  // Number words, alone or in runs ("twenty-five", "two hundred", "three million").
  // "three-dimensional" and a list's "First, … Second, …" state no figure.
  const listed = ['dimensional', 'First,', 'Second,', 'Third,'].some((word) => plain.includes(word))
  const lowered = (
    listed ? plain.replace(/\b[a-z]+-dimensional\b|\b(?:First|Second|Third),/g, (m) => ' '.repeat(m.length)) : plain
  ).toLowerCase()
  // The words (runs of a–z): word k is lowered[bounds[2k]…bounds[2k+1]], cut out when looked at.
  const bounds = asciiWordBounds(lowered)
  const count = bounds.length / 2
  let i = 0
  while (i < count) {
    // Most words are none of the number words: passed by from their first two letters.
    if (!mayCountInEnglish(lowered, bounds[2 * i] as number, bounds[2 * i + 1] as number)) {
      i++
      continue
    }
    const word = runWord(lowered, bounds, i)
    if (!MAY_COUNT.has(word)) {
      i++
      continue
    }
    if (ENGLISH_ORDINALS[word] !== undefined) {
      figures.push({ text: word, values: [ENGLISH_ORDINALS[word]], words: true })
      i++
      continue
    }
    const decade = ENGLISH_DECADES[word]
    if (decade !== undefined) {
      figures.push({ text: word, values: [decade, 1900 + decade, 2000 + decade], words: true })
      i++
      continue
    }
    if (ENGLISH_UNITS[word] === undefined && !(word === 'a' && ENGLISH_SCALES[runWord(lowered, bounds, i + 1)])) {
      i++
      continue
    }
    let total = 0
    let current = word === 'a' ? 1 : (ENGLISH_UNITS[word] as number)
    let j = i + 1
    while (j < count) {
      const w = runWord(lowered, bounds, j)
      if (ENGLISH_UNITS[w] !== undefined && ENGLISH_UNITS[w] < 10 && current % 10 === 0 && current > 0)
        current += ENGLISH_UNITS[w]
      else if (ENGLISH_ORDINALS[w] !== undefined && ENGLISH_ORDINALS[w] < 10 && current % 10 === 0 && current >= 20) {
        current += ENGLISH_ORDINALS[w]
        j++
        break
      } else if (w === 'hundred') current *= 100
      else if (ENGLISH_SCALES[w]) {
        total += current * (ENGLISH_SCALES[w] as number)
        current = 0
      } else if (w === 'and' && ENGLISH_UNITS[runWord(lowered, bounds, j + 1)] !== undefined && current >= 100) {
        // "two hundred and fifty"
      } else break
      j++
    }
    const value = total + current
    const values = [value]
    const end = bounds[2 * (j - 1) + 1] as number
    const imperial = IMPERIAL.test(plain.slice(end, end + 25))
    const run: string[] = []
    for (let k = i; k < j; k++) run.push(runWord(lowered, bounds, k))
    figures.push({
      text: run.join(' '),
      values: values.map(norm),
      words: true,
      ...(imperial ? { imperial } : {}),
    })
    i = j
  }
  return figures
}

const DIGITS = /\d+/g

/**
 * The French figures missing from the English translation, as written in French: every
 * figure in digits, and a figure in words when the English states another number in its
 * place (a word is often rendered freely, "les deux pays" → "both countries", but not as
 * a different number).
 *
 * @example missingNumbers('3,5 % en 2024', 'up 3.5% in 2023') // ['2024']
 */
export function missingNumbers(fr: string, en: string): string[] {
  const figures = englishFigures(en)
  const english = new Set(figures.flatMap((f) => f.values))
  const imperial = figures.filter((f) => f.imperial).flatMap((f) => f.values)
  // A figure glued to letters ("F1" for "Formule 1") still shows the figure: a run of digits with a
  // letter just before or after it. (Found by code around each run: a pattern of look-behinds for
  // letters costs several times more.)
  for (const { 0: digits, index } of matchesOf(DIGITS, en)) {
    if (isLetter(codePointBefore(en, index)) || isLetter(en.codePointAt(index + digits.length) ?? 0))
      english.add(Number(digits))
  }
  const added = addedNumbers(fr, en).length > 0
  const missing = extractFrenchNumbers(fr)
    .filter((n) => !n.values.some((v) => english.has(v)) && !n.converted?.some((c) => near(c, imperial)))
    .filter((n) => !n.words || added)
    .map((n) => n.text)
  // A figure an English idiom renders ("quinze jours" → "two weeks") is not missing.
  if (missing.length === 0) return missing
  const { rendered } = idioms(fr, en)
  return rendered.size === 0 ? missing : missing.filter((text) => !rendered.has(text))
}

/** Whether some value of `values` is within 8 % of `target` (a converted unit, rounded by the translator). */
function near(target: number, values: Iterable<number>): boolean {
  for (const v of values) if (Math.abs(v - target) <= Math.abs(target) * 0.08) return true
  return false
}

/**
 * The English figures that no French figure accounts for (ignoring "one", a pronoun as
 * often as a number), as written in English.
 */
export function addedNumbers(fr: string, en: string): readonly string[] {
  // The checks of one answer ask twice in a row (directly, and through missingNumbers).
  if (lastAdded?.fr === fr && lastAdded.en === en) return lastAdded.added
  const added = Object.freeze(findAddedNumbers(fr, en))
  lastAdded = { fr, en, added }
  return added
}

let lastAdded: { fr: string; en: string; added: readonly string[] } | undefined

function findAddedNumbers(fr: string, en: string): string[] {
  const figures = extractFrenchNumbers(fr)
  const french = new Set(figures.flatMap((n) => n.values))
  // The values inside the French's ranges are read only for an English figure its figures do not account for.
  let between = false
  const accounted = (f: EnglishNumber) => {
    if (f.values.some((v) => french.has(v))) return true
    if (!between) {
      for (const value of valuesBetween(fr)) french.add(value)
      // A French time or count of hours ("5 heures", "19 h 30") is no figure to find in the English, which
      // may write it as a clock time; but its hour accounts for the English that counts it ("5 hours", "5 o'clock").
      if (fr.includes('h'))
        for (const [, hours = ''] of matchesOf(FRENCH_TIME, fr)) {
          french.add(Number(hours))
          french.add(Number(hours) % 12 || 12)
        }
      between = true
    }
    return f.values.some((v) => french.has(v))
  }
  const converted = figures.flatMap((n) => n.converted ?? [])
  const added = englishFigures(en)
    .filter((f) => !(f.words && f.values[0] === 1))
    .filter((f) => !accounted(f) && !(f.imperial && converted.some((c) => near(c, f.values))))
  // A value an English idiom states for a French figure ("two weeks" for "quinze jours").
  if (added.length === 0) return []
  const { values } = idioms(fr, en)
  return added.filter((f) => !f.values.some((v) => values.has(v))).map((f) => f.text)
}

const FRENCH_TIME = /(?<![\p{L}\d])(\d{1,2})[ \u00A0\u202F]?(?:h|heures?)(?:[ \u00A0\u202F]?(\d{2}))?(?![\p{L}\d])/gu
const ENGLISH_TIMES = [
  /(?<![\d.,])(\d{1,2}):(\d{2})(?!\d)/gu,
  /(?<![\d.,])(\d{1,2})\.(\d{2})(?=\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|BST|CET|local))/giu,
  /(?<![\d.,:])(\d{1,2})()\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)/giu,
  /(?<![\d.,])(\d{2})(\d{2})\s*(?=GMT|UTC|hours|hrs)/gu,
]

/** Minutes past the hour on a 12-hour clock, so that 14 h 30 and 2:30 p.m. compare equal. */
const clock = (hours: string, minutes: string | undefined) => (Number(hours) % 12) * 60 + Number(minutes || 0)

/**
 * The times of day of the French ("14 h 30", "11 heures") missing from the English, which
 * writes them its own way ("2:30 p.m.", "11 a.m.", "1430 GMT"). Only compared when the
 * English states a time at all: "en début d'après-midi" has no clock to compare.
 */
export function missingTimes(fr: string, en: string): string[] {
  const english = new Set<number>()
  // Every clock pattern has a digit: an English without one skips them. (The first has a colon, the last
  // a time zone or "hours": a text without is not searched for them.)
  if (HAS_DIGIT.test(en)) {
    const colon = en.includes(':')
    const zone = ['GMT', 'UTC', 'hours', 'hrs'].some((word) => en.includes(word))
    ENGLISH_TIMES.forEach((pattern, i) => {
      if ((i === 0 && !colon) || (i === ENGLISH_TIMES.length - 1 && !zone)) return
      for (const [, h = '', m] of matchesOf(pattern, en)) english.add(clock(h, m))
    })
  }
  if (MAY_NOON.test(en) && NOON.test(en)) english.add(0)
  if (english.size === 0) return []
  return matchesOf(FRENCH_TIME, fr)
    .filter(([, h = '', m]) => !english.has(clock(h, m)))
    .map(([whole]) => whole)
}
