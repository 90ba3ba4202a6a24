/**
 * Finding glossary terms in text. An acronym (OTAN, UE) matches only in capitals; any
 * other term matches without regard to case. Either way only as whole words, so "UE" is
 * not found in "que" nor "Pékin" in "Pékinois". A one-word name (capitalised, like
 * "Londres") matches only as a whole name: not inside a longer capitalised name, so
 * "Londres" is not found in "Albert Londres" nor "Albert-Londres".
 *
 * What a keyboard types and what a French page prints are one for matching: any apostrophe
 * (' ’ ʼ ‘) matches any other, a hyphen (-, U+2010, the non-breaking U+2011) any hyphen, a
 * double quote (" “ ” „ « ») any double quote, with or without the spaces French puts
 * inside « », and any run of spaces (NBSP and narrow NBSP too) any run of spaces. Dashes
 * (– —) are not hyphens: they separate, they do not join. Accents count (Etat is not
 * État), however composed.
 */

interface Term {
  pattern: RegExp
  /** The term's longest word (lower case unless an acronym): a cheap test before the pattern. */
  needle: string
  acronym: boolean
  /** A one-word capitalised name: it must not be part of a longer name. */
  wholeName: boolean
  /** The pattern with the global flag, to look at each occurrence of a whole name. */
  everywhere: RegExp
}

const compiled = new Map<string, Term>()
const COMBINING = /[\u0300-\u036f]/
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u

// The characters written alike, as a pattern's class, and the one each folds to.
const APOSTROPHES = "'\u2019\u02BC\u2018"
const HYPHENS = '\\-\u2010\u2011'
const QUOTES = '"\u201C\u201D\u201E\u00AB\u00BB'
const SPACES = '\\s\u00A0\u202F'
const SPELLINGS = new RegExp(`[${SPACES}]*[${QUOTES}][${SPACES}]*|[${SPACES}]+|[${APOSTROPHES}]|[${HYPHENS}]`, 'gu')
const WRITTEN_ALIKE: Record<string, string> = {
  "'": `[${APOSTROPHES}]`,
  '-': `[${HYPHENS}]`,
  '"': `[${SPACES}]*[${QUOTES}][${SPACES}]*`,
  ' ': `[${SPACES}]+`,
}

const QUOTE = new RegExp(`[${QUOTES}]`, 'u')
const BLANK = new RegExp(`^[${SPACES}]+$`, 'u')
const APOSTROPHE = new RegExp(`[${APOSTROPHES}]`, 'u')
const SYNTAX = /[.*+?^${}()|[\]\\]/
// What a term's pattern cannot take as written: the spellings above, and a pattern's own characters.
const TERM_PARTS = new RegExp(`${SPELLINGS.source}|${SYNTAX.source}`, 'gu')

/** The one spelling of a run of spaces, a quote, an apostrophe or a hyphen: ' ', '"', "'", '-'. */
function foldSpelling(written: string): string {
  if (QUOTE.test(written)) return '"'
  if (BLANK.test(written)) return ' '
  return APOSTROPHE.test(written) ? "'" : '-'
}

/**
 * A term as matching reads it: composed, trimmed, lower-cased (but an acronym, which matches
 * only in capitals), with one spelling of each apostrophe, hyphen, quote and run of spaces.
 * Two terms with the same folded form are found in the same places.
 *
 * @example foldTerm('Conseil d’État') === foldTerm("conseil d'état") // true
 */
export function foldTerm(term: string): string {
  const folded = term.trim().normalize('NFC').replace(SPELLINGS, foldSpelling)
  // An acronym matches only in capitals: "OTAN" and "Otan" are found in different places.
  return isAcronym(folded) ? folded : folded.toLowerCase()
}

function isAcronym(term: string): boolean {
  return /^[\p{Lu}\d.&\-\u2010\u2011]+$/u.test(term) && /\p{Lu}.*\p{Lu}/u.test(term)
}

function compile(term: string): Term {
  let entry = compiled.get(term)
  if (!entry) {
    const trimmed = term.trim().normalize('NFC')
    const escaped = trimmed.replace(TERM_PARTS, (part) =>
      SYNTAX.test(part) ? `\\${part}` : (WRITTEN_ALIKE[foldSpelling(part)] as string),
    )
    const acronym = isAcronym(trimmed)
    const first = trimmed.split(WORD_SEPARATORS).reduce((a, b) => (b.length > a.length ? b : a), '') || trimmed
    const source = `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`
    entry = {
      pattern: new RegExp(source, acronym ? 'u' : 'iu'),
      everywhere: new RegExp(source, acronym ? 'gu' : 'giu'),
      needle: acronym ? first : first.toLowerCase(),
      acronym,
      wholeName: !acronym && /^\p{Lu}[\p{L}\p{M}]+$/u.test(trimmed),
    }
    compiled.set(term, entry)
  }
  return entry
}

/** A text prepared for many term look-ups: lower-cased once, searched by substring first. */
export class TermIndex {
  private readonly text: string
  private lower: string | undefined

  constructor(text: string) {
    // A text written with combining accents (NFD) is searched in its composed form, as terms are.
    this.text = COMBINING.test(text) ? text.normalize('NFC') : text
  }

  /** Whether `term` occurs in the text as a whole word (see the module comment for case). */
  has(term: string): boolean {
    const entry = compile(term)
    this.lower ??= this.text.toLowerCase()
    const haystack = entry.acronym ? this.text : this.lower
    return haystack.includes(entry.needle) && matches(entry, this.text)
  }
}

const CAPITALISED_BEFORE = /(\p{Lu}[\p{L}\p{M}]*)[ \u00A0\u202F\-\u2010\u2011]$/u
// Capitalised only because they open a sentence: "À Londres", "Selon Moscou".
const SENTENCE_OPENERS = new Set([
  'à',
  'a',
  'de',
  'en',
  'dans',
  'selon',
  'pour',
  'par',
  'avec',
  'sans',
  'depuis',
  'vers',
  'contre',
  'entre',
  'comme',
  'et',
  'mais',
  'ou',
  'quand',
  'si',
  'sur',
  'sous',
  'chez',
  'après',
  'avant',
  'pendant',
  'malgré',
  'face',
  'outre',
  'hors',
])
const CAPITALISED_AFTER = /^[ \u00A0\u202F\-\u2010\u2011]\p{Lu}/u

function matches({ pattern, wholeName, everywhere }: Term, text: string): boolean {
  if (!wholeName) return pattern.test(text)
  // (exec from the start rather than matchAll, which copies the pattern on every call.)
  everywhere.lastIndex = 0
  for (let match = everywhere.exec(text); match !== null; match = everywhere.exec(text)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index)
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 2)
    const previous = CAPITALISED_BEFORE.exec(before)?.[1]
    const insideName =
      (previous !== undefined && !SENTENCE_OPENERS.has(previous.toLowerCase())) || CAPITALISED_AFTER.test(after)
    if (!insideName) return true
  }
  return false
}
