/** Which glossary entries apply to a text. */

/** French term → required English rendering. */
type Glossary = Readonly<Record<string, string>>

/** Glossary entries that apply to a text, sorted by French term: [French, English] pairs. */
export type Terms = ReadonlyArray<readonly [string, string]>
import { TermIndex } from './terms'

/**
 * The glossary entries whose French term occurs in `text` (as a whole word), sorted: a
 * paragraph's translation depends on those alone, so adding an unrelated entry keeps
 * its cached translation valid.
 */
export function applicableGlossary(glossary: Glossary, text: string): Terms {
  const index = new TermIndex(text)
  return Object.entries(glossary)
    .filter(([fr]) => index.has(fr))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
