/**
 * Finding glossary terms in text. An acronym (OTAN, UE) matches only in capitals; any
 * other term matches without regard to case. Either way only as whole words, so "UE" is
 * not found in "que" nor "Pékin" in "Pékinois".
 */

const cache = new Map<string, RegExp>()

function termPattern(term: string): RegExp {
  let pattern = cache.get(term)
  if (!pattern) {
    const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s\\u00A0\\u202F]+')
    const acronym = /^[\p{Lu}\d.&-]+$/u.test(term.trim()) && /\p{Lu}.*\p{Lu}/u.test(term)
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu')
    cache.set(term, pattern)
  }
  return pattern
}

/** Whether `term` occurs in `text` as a whole word (see the module comment for case). */
export function containsTerm(text: string, term: string): boolean {
  return termPattern(term).test(text)
}
