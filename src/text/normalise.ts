/** Text normalisation: the one place where received bytes become the text we split. */

// Invisible characters that carry nothing in prose but break splitting, hashing and name
// matching ("Rol\u00ADland" is "Rolland"): the soft hyphen (a place where a word may break,
// which a pasted text keeps), the combining grapheme joiner, zero-width space and
// non-joiner, word joiner and the invisible operators, the deprecated format characters,
// the Mongolian vowel separator, the interlinear annotation marks, and the byte-order mark
// (also stray inside pasted text); bidirectional controls (marks, embeddings, overrides,
// isolates, the Arabic letter mark), which can make text read differently from what it
// says; and Unicode tag characters, which can hide instructions to a model inside text that
// looks innocent. The zero-width joiner and variation selectors stay: they shape emoji.
const INVISIBLE_CLASS =
  '\\u00AD\\u034F\\u061C\\u180E\\u200B\\u200C\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F' +
  '\\uFEFF\\uFFF9-\\uFFFB'
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}\\u{E0000}-\\u{E007F}]`, 'gu')
// Where an invisible character may be: one of them, or the first half of a tag character (U+DB40).
const MAY_BE_INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}\\uDB40]`)
// Line breaks other than LF and CR: vertical tab (a manual line break in Office), form
// feed, next line (NEL) and the line separator are line ends; the paragraph separator
// ends a paragraph. Never deleted: deleting them would glue two lines' words together.
const LINE_BREAKS = /[\u000B\u000C\u0085\u2028]/g
const PARAGRAPH_BREAK = /\u2029/g
const MAY_BREAK = /[\r\u000B\u000C\u0085\u2028\u2029]/
// Control characters other than tab and newline (C0, DEL, C1): terminal escapes, NULs
// and the like are never part of an article.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g

/**
 * Normalises an article as received: line endings (CR LF, CR, VT, FF, NEL, U+2028) become
 * `\n` and a paragraph separator (U+2029) a blank line; invisible, bidirectional, tag and
 * control characters are removed, and outer white space (including NBSP) is trimmed.
 * Typographic spaces inside the text (NBSP, narrow NBSP before « » : ; ! ?) are kept: they
 * are part of the source.
 *
 * @example normaliseText('\uFEFFBonjour\r\nà tous\r') // 'Bonjour\nà tous'
 * @example normaliseText('Rol\u00ADland\u000Bdès 2027.\u2029Suite') // 'Rolland\ndès 2027.\n\nSuite'
 */
export function normaliseText(text: string): string {
  // (A text with none of the rarer line breaks, or the invisible characters, is not searched for them again.)
  const lines = MAY_BREAK.test(text)
    ? text.replace(/\r\n?/g, '\n').replace(LINE_BREAKS, '\n').replace(PARAGRAPH_BREAK, '\n\n')
    : text
  return (MAY_BE_INVISIBLE.test(lines) ? lines.replace(INVISIBLE, '') : lines).replace(CONTROL, '').trim()
}
