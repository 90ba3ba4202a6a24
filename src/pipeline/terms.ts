/**
 * Finding glossary terms in text. An acronym (OTAN, UE) matches only in capitals; any
 * other term matches without regard to case. Either way only as whole words, so "UE" is
 * not found in "que" nor "Pékin" in "Pékinois".
 */

interface Term {
  pattern: RegExp
  /** What a plain substring search must find first (cheap; most terms stop here). */
  needle: string
  acronym: boolean
}

const terms = new Map<string, Term>()

function compile(term: string): Term {
  let compiled = terms.get(term)
  if (!compiled) {
    const trimmed = term.trim()
    const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s\\u00A0\\u202F]+')
    const acronym = /^[\p{Lu}\d.&-]+$/u.test(trimmed) && /\p{Lu}.*\p{Lu}/u.test(trimmed)
    compiled = {
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu'),
      needle: (acronym ? trimmed : trimmed.toLowerCase()).split(/\s+/)[0] ?? trimmed,
      acronym,
    }
    terms.set(term, compiled)
  }
  return compiled
}

let lastText = ''
let lastLower = ''

/** Whether `term` occurs in `text` as a whole word (see the module comment for case). */
export function containsTerm(text: string, term: string): boolean {
  const { pattern, needle, acronym } = compile(term)
  if (!acronym && text !== lastText) {
    lastText = text
    lastLower = text.toLowerCase()
  }
  if (!(acronym ? text : lastLower).includes(needle)) return false
  return pattern.test(text)
}
