/**
 * Figures a faithful English writes another way than by their value: a French count the
 * English renders by an idiom of its own ("quinze jours" → "two weeks", "24 heures sur 24"
 * → "round the clock", "réduire de 50 %" → "halve", "le 14-Juillet" → "Bastille Day"), a
 * duration written like a clock time ("1 h 38" → "1 hour 38 minutes"), and the scale
 * written after a sum ("11 234,5 M€" = €11,234.5 million). Each is a rule for any figure,
 * never a list of sentences.
 */

import { ENGLISH_UNITS, FRENCH_UNITS } from './number-words'

const SP = '[ \\u00A0\\u202F\\u2009]'

// A sum's scale written after it: "M€" (millions), "Md€", "Mds€", "Mrd€" (billions), "k€" (thousands).
const CURRENCY_SCALE = new RegExp(`^${SP}?(?:(Mds?|Mrds?|md)|(M)|([kK]))${SP}?(?:[€$£]|d['’]euros?|euros?)`, 'u')

/** The factor of a scale written after a sum ("M€" 1e6, "Md€" 1e9, "k€" 1e3), given what follows the figure. */
export function currencyScale(after: string): number | undefined {
  if (!/^[ \u00A0\u202F\u2009]?[kKMm]/u.test(after)) return undefined
  const match = CURRENCY_SCALE.exec(after)
  if (!match) return undefined
  return match[1] ? 1e9 : match[2] ? 1e6 : 1e3
}

// A count of days or hours: "quinze jours", "vingt et un jours", "8 jours", "48 heures", "48 h".
const COUNT_OF = new RegExp(
  `(?<![\\p{L}\\p{N},.])(\\d+|(?:\\p{L}+[ -]){0,3}\\p{L}+)${SP}+(jours|heures|h)(?![\\p{L}\\p{N}])` +
    `(?!${SP}*(?:\\d|sur))`,
  'gu',
)

/**
 * The count a French text writes before a unit, and how the French writes it: digits, or the
 * number words that end the words given ("vingt et un" of "durera vingt et un"); undefined if none.
 */
function countBefore(words: string): { value: number; text: string } | undefined {
  if (/^\d+$/u.test(words)) return { value: Number(words), text: words }
  const parts = words.split(/([ -])/u)
  let value = 0
  let start = parts.length
  for (let i = parts.length - 1; i >= 0; i -= 2) {
    const word = (parts[i] as string).toLowerCase()
    const n = FRENCH_UNITS[word]
    if (n === undefined && word !== 'et') break
    value += n ?? 0
    start = i
  }
  return value > 0 ? { value, text: parts.slice(start).join('') } : undefined
}
// "24 heures sur 24", "24 h/24", "7 jours sur 7", "7j/7": all the time.
const ALL_THE_TIME = new RegExp(`(\\d+)${SP}*(?:heures|h|jours|j)${SP}*(?:sur|/)${SP}*(\\d+)`, 'gu')
const ENGLISH_ALL_THE_TIME =
  /\b(?:(?:a)?round the clock|24\/7|day and night|night and day|non-?stop|every day|all week|seven days a week)\b/iu
// A percentage the English renders as a fraction or a multiple: 50 % "halve", 100 % "double".
const PERCENT = new RegExp(`(?<![\\p{N},.])(50|25|100|200)${SP}*(?:%|pour${SP}?cent)`, 'gu')
const FRACTION_WORDS: Record<string, RegExp> = {
  '50': /\bhal(?:f|ve[sd]?|ving)\b/iu,
  '25': /\bquarter/iu,
  '100': /\bdoubl\w*/iu,
  '200': /\btripl\w*/iu,
}
// A holiday written as its date, with a hyphen and a capital: "le 14-Juillet", "le 1er-Mai", "le 11-Novembre".
const HOLIDAY = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}])(\d{1,2}(?:er)?)-(Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|`,
    String.raw`Octobre|Novembre|Décembre)(?!\p{L})`,
  ].join(''),
  'gu',
)
// Each holiday's English names, by its French date: "le 14-Juillet" is Bastille Day, no other day.
const HOLIDAY_NAMES: Record<string, RegExp> = {
  '1-Mai': /\b(?:May Day|Labou?r Day)\b/u,
  '8-Mai': /\b(?:VE|V-E|Victory in Europe) Day\b/u,
  '14-Juillet': /\bBastille Day\b/u,
  '15-Août': /\bAssumption\b/u,
  '1-Novembre': /\bAll Saints\b/u,
  '11-Novembre': /\b(?:Armistice|Remembrance|Veterans) Day\b/u,
  '25-Décembre': /\bChristmas\b/u,
  '1-Janvier': /\bNew Year/u,
}
// An English holiday's name: "Bastille Day", "May Day", "Armistice Day", "VE Day", "Assumption".
const ENGLISH_HOLIDAY = /\b(?:[A-Z][\p{L}'’]*|VE|V-E)\s+Day\b|\bAssumption\b|\bAll Saints\b/u

/** The counts a lower-cased English text states before `unit` ("two weeks", "3 days", "a week"). */
function countsBefore(lower: string, unit: string): Set<number> {
  const counts = new Set<number>()
  for (const [, count = ''] of lower.matchAll(new RegExp(String.raw`\b([a-z]+|\d+)[\s-]+${unit}\b`, 'gu'))) {
    const n = /^\d+$/u.test(count) ? Number(count) : count === 'a' || count === 'an' ? 1 : ENGLISH_UNITS[count]
    if (n !== undefined) counts.add(n)
  }
  return counts
}

/** Whether the English states the fraction itself, not a period named by one ("the first half", "the last quarter"). */
function fractionStated(word: RegExp | undefined, en: string): boolean {
  if (!word) return false
  const global = new RegExp(word.source, 'giu')
  for (const match of en.matchAll(global)) {
    const before = en.slice(Math.max(0, match.index - 12), match.index)
    if (!/\b(?:first|second|third|fourth|last|final|past|next|latter|former|1st|2nd|3rd|4th)[\s-]+$/iu.test(before))
      return true
  }
  return false
}

export interface Idioms {
  /** French figures, as written, that an English idiom renders ("quinze", "24", "50", "14"). */
  rendered: Set<string>
  /** English values those idioms state: "two" (weeks) for "quinze jours". */
  values: Set<number>
}

const NONE: Idioms = Object.freeze({ rendered: new Set<string>(), values: new Set<number>() }) as Idioms

/**
 * The French figures that an English idiom renders, and the English values it states:
 * - a count of days is also a count of weeks, counted the French way (N = 7k or 7k + 1:
 *   "huit jours" a week, "quinze jours" two weeks), and a count of hours one of days
 *   ("48 heures" two days), when the English speaks of weeks or days;
 * - "24 heures sur 24", "7 jours sur 7" are "round the clock", "24/7", "seven days a week";
 * - a rise or a cut of 50 %, 25 %, 100 % or 200 % may be "half", "a quarter", "double", "triple";
 * - a holiday written as its date ("le 14-Juillet") may be its English name ("Bastille Day");
 * - a clock time "1 h 38" may be a duration: its hours and minutes count as figures when the
 *   English writes hours or minutes.
 */
export function idioms(fr: string, en: string): Idioms {
  // Asked twice for one answer (for the figures missing, and for those added).
  if (last?.fr === fr && last.en === en) return last.idioms
  const found = findIdioms(fr, en)
  last = { fr, en, idioms: found }
  return found
}

let last: { fr: string; en: string; idioms: Idioms } | undefined

function findIdioms(fr: string, en: string): Idioms {
  // Every rule needs a digit or a count of days or hours in the French.
  if (!/\d|jours|heures/u.test(fr)) return NONE
  const rendered = new Set<string>()
  const values = new Set<number>()
  // Each rule is tried only if the words it needs are there (cheap tests on the lower-cased English).
  const lower = en.toLowerCase()
  const weeks = (lower.includes('week') || lower.includes('fortnight')) && /\bweeks?\b|\bfortnight/u.test(lower)
  const days = lower.includes('day') && /\bdays?\b/u.test(lower)
  if ((weeks || days) && (fr.includes('jours') || fr.includes('heures') || fr.includes('h'))) {
    for (const [, words = '', unit = ''] of fr.matchAll(COUNT_OF)) {
      const count = countBefore(words)
      if (count === undefined || count.value < 2) continue
      const n = count.value
      const span = unit === 'jours' ? (weeks ? [n / 7, (n - 1) / 7] : []) : days ? [n / 24] : []
      // The English must state that many weeks (or days): "a week" is no rendering of "350 jours".
      const stated = countsBefore(lower, unit === 'jours' ? 'weeks?' : 'days?')
      if (unit === 'jours' && lower.includes('fortnight')) stated.add(2)
      const whole = span.filter((v) => Number.isInteger(v) && v > 0 && stated.has(v))
      if (whole.length === 0) continue
      rendered.add(count.text)
      for (const v of whole) values.add(v)
    }
  }
  if ((fr.includes('sur') || fr.includes('/')) && ENGLISH_ALL_THE_TIME.test(en))
    for (const [, a = '', b = ''] of fr.matchAll(ALL_THE_TIME)) {
      rendered.add(a)
      rendered.add(b)
    }
  if (fr.includes('%') || fr.includes('cent'))
    for (const [, percent = ''] of fr.matchAll(PERCENT))
      if (fractionStated(FRACTION_WORDS[percent], en)) rendered.add(percent).add(`${percent} %`)
  if (fr.includes('-') && ENGLISH_HOLIDAY.test(en))
    for (const [, day = '', month = ''] of fr.matchAll(HOLIDAY))
      if (HOLIDAY_NAMES[`${day.replace('er', '')}-${month}`]?.test(en) ?? false) rendered.add(day)
  if ((lower.includes('hour') || lower.includes('min') || lower.includes('hr')) && /\d[ \u00A0\u202F]?h/u.test(fr))
    if (/\bhours?\b|\bminutes?\b|\bhrs?\b|\bmins?\b/u.test(lower))
      for (const [, hours = '', minutes] of fr.matchAll(DURATION)) {
        values.add(Number(hours))
        if (minutes) values.add(Number(minutes))
      }
  return { rendered, values }
}

// "1 h 38", "2 h": a clock time that may be a duration.
const DURATION = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})${SP}?h(?:${SP}?(\\d{2}))?(?![\\p{L}\\d])`, 'gu')

/** The months of the holidays a French text writes as dates ("Juillet" in "le 14-Juillet"): not names. */
export function holidayMonths(fr: string): Set<string> {
  const months = new Set<string>()
  if (!fr.includes('-')) return months
  for (const [, , month = ''] of fr.matchAll(HOLIDAY)) months.add(month)
  return months
}
