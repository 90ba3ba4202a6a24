/** Text that cannot be what its writer meant: lone surrogates, and letters lost to a wrong decoding. */

// In a `u` pattern a surrogate class matches only a surrogate that is not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/**
 * Where `text` holds a lone UTF-16 surrogate (half of a character beyond the Basic Plane,
 * which JSON's `\ud800` can spell but no text holds): its index, or -1.
 *
 * @example loneSurrogateAt('a\ud800b') // 1
 */
export function loneSurrogateAt(text: string): number {
  return LONE_SURROGATE.exec(text)?.index ?? -1
}

// A word with replacement characters inside it or at its edge: "d��tat", "r�nover", "�coles".
const GARBLED_WORD = /[\p{L}\p{M}\p{N}\uFFFD]*(?:\p{L}\uFFFD|\uFFFD\p{L})[\p{L}\p{M}\p{N}\uFFFD]*/gu

/**
 * The words of `text` where a letter was replaced by U+FFFD, the mark a decoder leaves
 * for bytes it could not read (windows-1252 "é" read as UTF-8 is one): in order, each once.
 * A replacement character between spaces or punctuation damages no word and is not counted.
 *
 * @example garbledWords('Le Conseil d��tat va r�nover ses �coles ; � suivre') // ['d��tat', 'r�nover', '�coles']
 */
export function garbledWords(text: string): string[] {
  if (!text.includes('\uFFFD')) return []
  return [...new Set(text.match(GARBLED_WORD) ?? [])]
}
