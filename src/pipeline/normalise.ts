/** Text normalisation: the one place where received bytes become the text we split. */

// Invisible characters that carry nothing in prose but break splitting and hashing:
// zero-width space, word joiner, and the byte-order mark (also stray inside pasted text).
const INVISIBLE = /[\u200B\u2060\uFEFF]/g

/**
 * Normalises an article as received: line endings become `\n`, invisible characters are
 * removed, and outer white space (including NBSP) is trimmed. Typographic spaces inside
 * the text (NBSP, narrow NBSP before « » : ; ! ?) are kept: they are part of the source.
 *
 * @example normaliseText('\uFEFFBonjour\r\nà tous\r') // 'Bonjour\nà tous'
 */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim()
}
