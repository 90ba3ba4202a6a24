/** Which glossary entries apply to a text. */

/** French term → required English rendering. */
type Glossary = Readonly<Record<string, string>>
import { TermIndex } from './terms'

/**
 * The glossary entries whose French term occurs in `text` (as a whole word), sorted: a
 * paragraph's translation depends on those alone, so adding an unrelated entry keeps
 * its cached translation valid.
 */
export function applicableGlossary(glossary: Glossary, text: string): Array<[string, string]> {
  const index = new TermIndex(text)
  return Object.entries(glossary)
    .filter(([fr]) => index.has(fr))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
