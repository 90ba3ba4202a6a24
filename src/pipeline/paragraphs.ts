/** Splitting an article into the paragraphs a reader sees. */

// A line that ends like this closes its paragraph; otherwise a following line that
// starts in lower case continues it (text hard-wrapped by an editor or an e-mail).
const CLOSES_PARAGRAPH = /[.!?…:;»"”)\]]$/u
const CONTINUES_PARAGRAPH = /^[\p{Ll}]/u

/**
 * Splits normalised text into paragraphs. Blank lines and single newlines both separate
 * paragraphs (news sites paste one paragraph a line); a headline line stays a paragraph
 * of its own. Only a line broken inside a sentence (it does not close, the next starts
 * in lower case) is joined with the next one. Nothing is dropped or reordered.
 *
 * @example splitParagraphs('Titre\nLe texte.\n\nSuite.') // ['Titre', 'Le texte.', 'Suite.']
 */
export function splitParagraphs(text: string): string[] {
  const paragraphs: string[] = []
  let current: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') {
      if (current !== undefined) paragraphs.push(current)
      current = undefined
      continue
    }
    if (current !== undefined && !CLOSES_PARAGRAPH.test(current) && CONTINUES_PARAGRAPH.test(line)) {
      current = `${current} ${line}`
      continue
    }
    if (current !== undefined) paragraphs.push(current)
    current = line
  }
  if (current !== undefined) paragraphs.push(current)
  return paragraphs
}
