/**
 * CPU of the worker's text steps on ordinary and adversarial articles of 60,000
 * characters (the largest accepted by default): normalising, splitting into paragraphs
 * and sentences, the language guess, planning segments, glossary matching, and the
 * checks of an answer. Each step must be linear in the text: a request stays well under
 * 50 ms whatever its text. Run by `npm run bench`, or alone: `node bench/text-cpu.ts`.
 */

import { importBundle } from '../scripts/import-bundle.ts'
import { ROOT } from './articles.ts'

interface TextSteps {
  validateArticle(text: string, limits: { maxChars: number; maxParagraphs: number }): string[]
  toSegments(
    paragraphs: Array<{ index: number; fr: string; terms: Terms }>,
    budget: number,
  ): Array<{ fr: string; terms: Terms }>
  applicableGlossary(glossary: Record<string, string>, text: string): Terms
  checkEnglishText(en: string, fr: string, id: string): void
  findDoubts(fr: string, en: string, terms: Terms): string[]
}

type Terms = ReadonlyArray<readonly [string, string]>

async function loadSteps(): Promise<TextSteps> {
  const contents = [
    "export { validateArticle } from './src/pipeline/validate-article'",
    "export { toSegments } from './src/pipeline/segments'",
    "export { applicableGlossary } from './src/text/glossary'",
    "export { checkEnglishText, findDoubts } from './src/fidelity/checks'",
  ].join('\n')
  return (await importBundle({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, platform: 'neutral' })) as TextSteps
}

const SIZE = 60_000
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)

/** The articles: ordinary French prose, then texts built to hit each step's worst case. */
export const TEXT_CASES: Record<string, string> = {
  'ordinary prose': fill(
    'Le président a annoncé mardi une réforme des retraites. ' +
      'M. Dupont, député du Rhône, a réagi : « Non ! » Le texte prévoit 2 600 emplois et 3,5 % de hausse.\n',
  ),
  'l.l.l.': fill('l.'),
  'le.la.le.la.': fill('le.la.'),
  'one 60,000-character word': fill('a'),
  '60,000 dots': fill('.'),
  '20,000 abbreviations': fill('M. '),
  'deeply nested quotes': `${'« '.repeat(SIZE / 4)}mot${' »'.repeat(SIZE / 4)}`.slice(0, SIZE),
  'capitalised words': fill('le Paris la Lyon de Marseille '),
  'one-word sentences': fill('Le. La. Les. Des. '),
  '60,000 digits': fill('1'),
  'digit groups': fill('1 000 '),
}

// A glossary of 100 entries, the most a request may carry.
const GLOSSARY = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`terme${i}`, `term${i}`]))

export interface TextCpuRow {
  name: string
  characters: number
  /** Median over runs, ms, for all the text steps of one request. */
  ms: number
  microsPerChar: number
}

/** Runs every case `runs` times (after a warm-up) and keeps the median. */
export async function measureTextCpu(runs = 7): Promise<TextCpuRow[]> {
  const steps = await loadSteps()
  const once = (text: string) => {
    let paragraphs: string[]
    try {
      paragraphs = steps.validateArticle(text, { maxChars: SIZE, maxParagraphs: 1_000 })
    } catch {
      // Refused at input (not French, too many paragraphs): what it cost is what counts.
      return
    }
    // The glossary entries each paragraph contains, resolved once and carried by its segments.
    const segments = steps.toSegments(
      paragraphs.map((fr, index) => ({ index, fr, terms: steps.applicableGlossary(GLOSSARY, fr) })),
      600,
    )
    // An answer as long as its source, checked as a translation of it.
    for (const segment of segments) {
      try {
        steps.checkEnglishText(segment.fr, segment.fr, 'p0')
      } catch {
        // a failed check is a result too
      }
      steps.findDoubts(segment.fr, segment.fr, segment.terms)
    }
  }
  const rows: TextCpuRow[] = []
  for (const [name, text] of Object.entries(TEXT_CASES)) {
    once(text)
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = process.cpuUsage()
      once(text)
      const used = process.cpuUsage(started)
      times.push((used.user + used.system) / 1000)
    }
    times.sort((a, b) => a - b)
    const ms = times[Math.floor(times.length / 2)] as number
    rows.push({ name, characters: text.length, ms, microsPerChar: (ms * 1000) / text.length })
  }
  return rows
}

if (import.meta.main) {
  const rows = await measureTextCpu()
  console.log('| text (60,000 characters) | CPU per request | per character | target |')
  console.log('|---|---|---|---|')
  for (const row of rows) {
    console.log(
      `| ${row.name} | ${row.ms.toFixed(1)} ms | ${row.microsPerChar.toFixed(3)} µs | ` +
        `< 50 ms: ${row.ms < 50 ? 'met' : 'MISSED'} |`,
    )
  }
}
