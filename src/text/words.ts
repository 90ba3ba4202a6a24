/**
 * Unicode word patterns in a form V8 runs about twice as fast: a character of ASCII is
 * tested against a short class first, and only a character outside ASCII against the
 * long Unicode classes. Each matches exactly what its plain form (given beside it) does:
 * the ASCII letters are a–z and A–Z, the ASCII digits 0–9, and no mark is below U+0300.
 * They are global and shared: use them with match, matchAll, matchesOf and replace only
 * (which start from the beginning and leave them there), never with test or exec.
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

// What each character of the Basic Multilingual Plane is: a letter, a mark or neither (0 until first asked).
const LETTER_KIND = 1
const MARK_KIND = 2
const OTHER = 3
const BMP_KIND = new Uint8Array(0x10000)
const ONE_LETTER = /^\p{L}$/u
const ONE_MARK = /^\p{M}$/u

function kindOf(code: number): number {
  if (code < 128) return ((code | 0x20) - 97) >>> 0 < 26 ? LETTER_KIND : OTHER
  if (code > 0xffff) {
    const char = String.fromCodePoint(code)
    return ONE_LETTER.test(char) ? LETTER_KIND : ONE_MARK.test(char) ? MARK_KIND : OTHER
  }
  let kind = BMP_KIND[code] as number
  if (kind === 0) {
    // A lone surrogate is neither.
    const char = String.fromCharCode(code)
    kind = ONE_LETTER.test(char) ? LETTER_KIND : ONE_MARK.test(char) ? MARK_KIND : OTHER
    BMP_KIND[code] = kind
  }
  return kind
}

/** Whether a code point is a letter (`\p{L}`); a lone surrogate is not. */
export function isLetter(code: number): boolean {
  return kindOf(code) === LETTER_KIND
}

/**
 * Where the words of a text start and end, `[start0, end0, start1, end1, …]`, read by code
 * with no string made: its runs of letters (as `LETTERS` finds them), or with `marks` its
 * words as names are read (as `LETTER_THEN_MARKS` finds them: a letter, then letters and marks).
 */
export function wordBounds(text: string, marks = false): number[] {
  const bounds: number[] = []
  let inWord = false
  for (let i = 0; i < text.length; ) {
    const at = i
    const code = text.charCodeAt(i)
    let letter: boolean
    let other: boolean
    if (code < 128) {
      // ASCII, most characters: a letter or neither.
      letter = ((code | 0x20) - 97) >>> 0 < 26
      other = !letter
      i++
    } else {
      const point = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) as number) : code
      const kind = kindOf(point)
      letter = kind === LETTER_KIND
      other = kind === OTHER || (kind === MARK_KIND && !marks)
      i += point > 0xffff ? 2 : 1
    }
    if (inWord ? other : letter) {
      bounds.push(at)
      inWord = !inWord
    }
  }
  if (inWord) bounds.push(text.length)
  return bounds
}

/** The code point that ends just before `index` (a surrogate pair read whole); 0 at the start. */
export function codePointBefore(text: string, index: number): number {
  if (index === 0) return 0
  const code = text.charCodeAt(index - 1)
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0
  return code >= 0xdc00 && code <= 0xdfff && high >= 0xd800 && high <= 0xdbff
    ? (text.codePointAt(index - 2) as number)
    : code
}

/**
 * Every match of a global pattern in `text`, as `text.matchAll(pattern)` finds them, read
 * with `exec` from the start: `matchAll` copies the pattern on every call, which cost more
 * than the search in a paragraph. All are found before any is used, so a caller may use
 * the same pattern again while it reads them.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = []
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    matches.push(match)
    // An empty match moves on by one character (a code point with the Unicode flag), as matchAll does.
    if (match[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode)
  }
  return matches
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  const low = text.charCodeAt(index + 1)
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1
}
