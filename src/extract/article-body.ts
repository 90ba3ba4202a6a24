/**
 * A JSON-LD `articleBody` → its paragraphs, not yet tidied. Most sites give plain text, one
 * paragraph a line; some give the body's HTML (`<p>…</p>`, `<br>`, `&rsquo;`). That is read
 * as HTML, as the page itself is: a line break in the source is a space, a block element
 * (`<p>`, `<div>`, a heading, a list item) or two `<br>` in a row end a paragraph, one `<br>`
 * is a space, figures and their captions are left out, and no tag is kept.
 */

// The signs that the body is HTML rather than text: it opens with a tag, closes an element, or
// breaks a line twice. A text about HTML that names a tag ("la balise <p>") is text.
const TAG = [
  /^\s*<[a-z][^>]*>/i,
  /<\/(?:p|div|span|h[1-6]|li|ul|ol|blockquote|section|em|strong|b|i|a|figure)\s*>/i,
  /<br\b[^>]*>\s*<br\b/i,
]
// What a reader does not read: comments, scripts, styles, figures and their captions, asides.
const UNREAD = /<!--[\s\S]*?-->|<(script|style|template|noscript|figure|figcaption|aside)\b[\s\S]*?<\/\1\s*>/gi
const TWO_BREAKS = /(?:<br\b[^>]*>\s*){2,}/gi
const ONE_BREAK = /<br\b[^>]*>/gi
const BLOCK = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|table|tr|td|th|dl|dt|dd)\b[^>]*>/gi
const ANY_TAG = /<\/?[a-z][^>]*>/gi

export function articleBodyParagraphs(articleBody: string): string[] {
  if (!TAG.some((sign) => sign.test(articleBody))) return articleBody.split(/\n+/)
  // Text with a tag or two inline (a link, an emphasis) but no block nor break: its lines are its paragraphs.
  const blocks = BLOCK.test(articleBody) || ONE_BREAK.test(articleBody)
  BLOCK.lastIndex = 0
  ONE_BREAK.lastIndex = 0
  if (!blocks) return articleBody.split(/\n+/).map((line) => line.replace(UNREAD, ' ').replace(ANY_TAG, ''))
  return articleBody
    .replace(UNREAD, ' ')
    .replace(/\s+/g, ' ')
    .replace(TWO_BREAKS, '\n')
    .replace(ONE_BREAK, ' ')
    .replace(BLOCK, '\n')
    .replace(ANY_TAG, '')
    .split('\n')
}
