/**
 * Synthetic English for text that has no recording: used by the tests' fake model and by
 * the benchmark's simulated model. It passes every fidelity check a faithful translation
 * passes — about as long as the French, its figures in English form, its glossary
 * renderings present — and differs for each source.
 */

import { extractFrenchNumbers } from '../src/model/numbers.ts'
import { containsTerm } from '../src/pipeline/terms.ts'

export function inventEnglish(fr: string, glossary: Record<string, string> = {}): string {
  let hash = 0
  for (const ch of fr) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  const figures = extractFrenchNumbers(fr).map((n) => String(n.values[0]))
  const names = Object.entries(glossary)
    .filter(([term]) => containsTerm(fr, term))
    .map(([, en]) => en)
  let text = `This is the English rendering of source text ${hash.toString(36)}, which had ${fr.split(/\s+/).length} words`
  if (figures.length > 0) text += `, with the figures ${figures.join(', ')}`
  if (names.length > 0) text += `, naming ${names.join(', ')}`
  while (text.length < fr.length * 0.85) text += ', and the report goes on in the same way'
  return `${text}.`
}
