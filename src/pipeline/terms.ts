/**
 * Finding glossary terms in text. An acronym (OTAN, UE) matches only in capitals; any
 * other term matches without regard to case. Either way only as whole words, so "UE" is
 * not found in "que" nor "Pékin" in "Pékinois".
 */

interface Term {
  pattern: RegExp
  /** The term's longest word (lower case unless an acronym): a cheap test before the pattern. */
  needle: string
  acronym: boolean
}

const compiled = new Map<string, Term>()
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u

function compile(term: string): Term {
  let entry = compiled.get(term)
  if (!entry) {
    const trimmed = term.trim()
    const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s\\u00A0\\u202F]+')
    const acronym = /^[\p{Lu}\d.&-]+$/u.test(trimmed) && /\p{Lu}.*\p{Lu}/u.test(trimmed)
    const first = trimmed.split(WORD_SEPARATORS).reduce((a, b) => (b.length > a.length ? b : a), '') || trimmed
    entry = {
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu'),
      needle: acronym ? first : first.toLowerCase(),
      acronym,
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
    this.text = text
  }

  /** Whether `term` occurs in the text as a whole word (see the module comment for case). */
  has(term: string): boolean {
    const { pattern, needle, acronym } = compile(term)
    const haystack = acronym ? this.text : (this.lower ??= this.text.toLowerCase())
    return haystack.includes(needle) && pattern.test(this.text)
  }
}

/** Whether `term` occurs in `text` as a whole word (see the module comment for case). */
export function containsTerm(text: string, term: string): boolean {
  const { pattern, needle, acronym } = compile(term)
  return (acronym ? text : text.toLowerCase()).includes(needle) && pattern.test(text)
}
