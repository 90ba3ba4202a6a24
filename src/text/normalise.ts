/** Text normalisation: the one place where received bytes become the text we split. */

// Invisible characters that carry nothing in prose but break splitting and hashing:
// zero-width space, word joiner, and the byte-order mark (also stray inside pasted text);
// bidirectional controls (marks, embeddings, overrides, isolates), which can make text
// read differently from what it says; and Unicode tag characters, which can hide
// instructions to a model inside text that looks innocent.
const INVISIBLE = /[\u200B\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/gu
// Where an invisible character may be: one of them, or the first half of a tag character (U+DB40).
const MAY_BE_INVISIBLE = /[\u200B\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\uDB40]/
// Control characters other than tab and newline (C0, DEL, C1): terminal escapes, NULs
// and the like are never part of an article.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g

/**
 * Normalises an article as received: line endings become `\n`, invisible, bidirectional,
 * tag and control characters are removed, and outer white space (including NBSP) is trimmed. Typographic spaces
 * inside
 * the text (NBSP, narrow NBSP before « » : ; ! ?) are kept: they are part of the source.
 *
 * @example normaliseText('\uFEFFBonjour\r\nà tous\r') // 'Bonjour\nà tous'
 */
export function normaliseText(text: string): string {
  // (A text with no CR, and none of the invisible characters, is not searched for them again.)
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  return (MAY_BE_INVISIBLE.test(lines) ? lines.replace(INVISIBLE, '') : lines).replace(CONTROL, '').trim()
}
