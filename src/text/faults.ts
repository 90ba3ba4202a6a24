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

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}\uFFFD]/u
const LETTER = /\p{L}/u

/**
 * The words of `text` where a letter was replaced by U+FFFD, the mark a decoder leaves
 * for bytes it could not read (windows-1252 "é" read as UTF-8 is one): in order, each once.
 * A replacement character between spaces or punctuation damages no word and is not counted.
 * Linear in the text's length, however long its words.
 *
 * @example garbledWords('Le Conseil d��tat va r�nover ses �coles ; � suivre') // ['d��tat', 'r�nover', '�coles']
 */
export function garbledWords(text: string): string[] {
  const words = new Set<string>()
  // The character at `i`, beyond the Basic Plane or not, and the one before `i`.
  const at = (i: number) => String.fromCodePoint(text.codePointAt(i) ?? 0)
  const before = (i: number) => {
    const low = text.charCodeAt(i - 1)
    const paired = low >= 0xdc00 && low <= 0xdfff && i >= 2
    return i <= 0 ? '' : paired ? text.slice(i - 2, i) : text.slice(i - 1, i)
  }
  let from = 0
  for (let mark = text.indexOf('\uFFFD', from); mark !== -1; mark = text.indexOf('\uFFFD', from)) {
    let end = mark
    while (text[end] === '\uFFFD') end++
    if (!LETTER.test(before(mark)) && !(end < text.length && LETTER.test(at(end)))) {
      from = end
      continue
    }
    let start = mark
    while (start > 0 && WORD_CHARACTER.test(before(start))) start -= before(start).length
    while (end < text.length && WORD_CHARACTER.test(at(end))) end += at(end).length
    words.add(text.slice(start, end))
    from = end
  }
  return [...words]
}
