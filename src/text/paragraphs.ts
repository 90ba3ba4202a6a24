/** Splitting an article into the paragraphs a reader sees. */

/**
 * Splits normalised text into paragraphs: every non-blank line is one (news sites paste
 * one paragraph a line, and a headline is a line of its own), and blank lines separate
 * paragraphs too. Lines are never merged, dropped or reordered; each is trimmed.
 *
 * @example splitParagraphs('Titre\nLe texte.\n\nSuite.') // ['Titre', 'Le texte.', 'Suite.']
 */
export function splitParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}
