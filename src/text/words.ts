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
