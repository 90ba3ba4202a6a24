/**
 * Unicode word patterns in a form V8 runs about twice as fast: a character of ASCII is
 * tested against a short class first, and only a character outside ASCII against the
 * long Unicode classes. Each matches exactly what its plain form (given beside it) does:
 * the ASCII letters are a–z and A–Z, the ASCII digits 0–9, and no mark is below U+0300.
 * They are global and shared: use them with match, matchAll and replace only (which start
 * from the beginning and leave them there), never with test or exec.
 */

const NOT_ASCII = String.raw`(?=[^\0-\x7f])`

/** A letter: `\p{L}`. */
const LETTER = String.raw`(?:[a-zA-Z]|${NOT_ASCII}\p{L})`

/** A run of letters: `/\p{L}+/gu`. */
export const LETTERS = new RegExp(`${LETTER}+`, 'gu')

/** A run of letters and digits: `/[\p{L}\p{N}]+/gu`. */
export const LETTERS_AND_DIGITS = new RegExp(String.raw`(?:[a-zA-Z0-9]|${NOT_ASCII}[\p{L}\p{N}])+`, 'gu')

/** A word as names are read: a letter, then letters and marks, `\p{L}[\p{L}\p{M}]*`, global. */
export const LETTER_THEN_MARKS = new RegExp(String.raw`${LETTER}(?:[a-zA-Z]|${NOT_ASCII}[\p{L}\p{M}])*`, 'gu')

/** A combining mark: `/\p{M}/gu` (none is below U+0300). */
export const MARK = /(?=[^\0-\u02ff])\p{M}/gu

// Whether each character of the Basic Multilingual Plane is a letter (1) or not (2), found when first asked (0).
const BMP_LETTER = new Uint8Array(0x10000)
const ONE_LETTER = /^\p{L}$/u

/** Whether a code point is a letter (`\p{L}`); a lone surrogate is not. */
export function isLetter(code: number): boolean {
  if (code < 128) return ((code | 0x20) - 97) >>> 0 < 26
  if (code > 0xffff) return ONE_LETTER.test(String.fromCodePoint(code))
  let known = BMP_LETTER[code]
  if (known === 0) {
    known = ONE_LETTER.test(String.fromCharCode(code)) ? 1 : 2
    BMP_LETTER[code] = known
  }
  return known === 1
}

/**
 * Where the words of a text (its runs of letters, as `LETTERS` finds them) start and end:
 * `[start0, end0, start1, end1, …]`. Read by code, with no string made.
 */
export function letterRuns(text: string): number[] {
  const bounds: number[] = []
  let inWord = false
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i)
    // Most characters are ASCII: a letter, or not, at once.
    const cp = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) as number) : code
    const letter = isLetter(cp)
    if (letter !== inWord) {
      bounds.push(i)
      inWord = letter
    }
    i += cp > 0xffff ? 2 : 1
  }
  if (inWord) bounds.push(text.length)
  return bounds
}
