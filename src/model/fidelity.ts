/**
 * Fidelity checks on every model answer. Each failure is a ModelOutputError, which the
 * retry policy retries; nothing that fails here is returned or cached.
 */

import type { z } from 'zod'
import { frenchWordShare } from '../pipeline/language'
import { SummaryOutput, TranslationOutput } from '../schemas/model-output'
import type { ChatResult } from './client'
import { applicableGlossary } from '../cache/keys'
import { TermIndex } from '../pipeline/terms'
import type { Glossary } from '../schemas/request'
import { ModelOutputError, TruncatedOutputError } from './errors'
import { missingNumbers } from './numbers'

// Phrases a model wraps around a translation, or answers with instead of one.
const COMMENTARY = [
  /^\s*(here(?:'s| is| are)\b|sure\b|certainly\b|of course\b|below is\b|as requested\b|translation\s*:|english\s*:|the (?:english )?translation\b)/i,
  /\b(i hope this helps|let me know if|feel free to)\b/i,
  /\(\s*(?:note|translator'?s? note)\s*:/i,
]
const REFUSAL = /\b(i(?:'m| am) sorry|i apologi[sz]e|i can(?:not|'t) (?:help|assist|translate|comply|provide|do that)|i(?:'m| am) (?:unable|not able) to|as an ai\b)/i

/**
 * What the checks say about one paragraph of an answer that is usable as a whole: its
 * English is clean, doubtful (usable, with the doubts as warnings) or failed.
 */
export type Verdict =
  | { id: string; status: 'ok'; en: string }
  | { id: string; status: 'doubtful'; en: string; warnings: string[] }
  | { id: string; status: 'failed'; error: ModelOutputError }

/**
 * Parses and checks a translation answer for `sources`, in order, and returns one
 * verdict per paragraph. Only an answer unusable as a whole throws ModelOutputError
 * (cut off, not JSON, not the schema, wrong or missing ids): one bad paragraph does not
 * condemn its neighbours.
 */
export function checkTranslation(result: ChatResult, sources: ReadonlyArray<{ id: string; fr: string }>, glossary: Glossary = {}): Verdict[] {
  const output = parseAnswer(result, TranslationOutput)
  const got = output.translations.map((t) => t.id)
  if (got.length !== sources.length) {
    throw new ModelOutputError('wrong-count', `asked for ${sources.length} paragraphs, got ${got.length}`)
  }
  sources.forEach((source, i) => {
    if (got[i] !== source.id) throw new ModelOutputError('wrong-order', `expected ${source.id} at position ${i}, got ${got[i]}`)
  })
  return output.translations.map(({ id, en: answer }, i): Verdict => {
    const fr = (sources[i] as { fr: string }).fr
    const en = answer.trim()
    try {
      checkEnglishText(en, fr, id)
    } catch (error) {
      if (error instanceof ModelOutputError) return { id, status: 'failed', error }
      throw error
    }
    const warnings = findDoubts(fr, en, glossary)
    return warnings.length > 0 ? { id, status: 'doubtful', en, warnings } : { id, status: 'ok', en }
  })
}

/** What a faithful translation would not lose: its figures, and the glossary's renderings. */
export function findDoubts(fr: string, en: string, glossary: Glossary): string[] {
  const doubts: string[] = []
  const missing = missingNumbers(fr, en)
  if (missing.length > 0) doubts.push(`figures missing from the translation: ${missing.join(', ')}`)
  const terms = applicableGlossary(glossary, fr)
  if (terms.length > 0) {
    const english = new TermIndex(en)
    for (const [term, rendering] of terms) {
      if (!english.has(rendering)) doubts.push(`"${term}" is not rendered as "${rendering}"`)
    }
  }
  return doubts
}

/** Parses and checks a summary answer. */
export function checkSummary(result: ChatResult): z.infer<typeof SummaryOutput> {
  const output = parseAnswer(result, SummaryOutput)
  if (output.fr.trim() === '') throw new ModelOutputError('empty', 'the French summary is empty')
  checkEnglishText(output.en, output.fr, 'summary')
  return { en: output.en.trim(), fr: output.fr.trim() }
}

function parseAnswer<T>(result: ChatResult, schema: z.ZodType<T>): T {
  if (result.finishReason === 'length') throw new TruncatedOutputError()
  if (result.finishReason === 'content_filter') {
    throw new ModelOutputError('content-filter', "the provider's content filter stopped the answer")
  }
  let json: unknown
  try {
    json = JSON.parse(result.content)
  } catch {
    throw new ModelOutputError('invalid-json', 'the answer is not valid JSON')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new ModelOutputError('schema', `the answer does not match the schema (${parsed.error.issues[0]?.message ?? 'invalid'})`)
  return parsed.data
}

/**
 * Checks one English text against its French source: not empty, not the French echoed
 * back (or still mostly French), no commentary around it, not a refusal.
 */
export function checkEnglishText(en: string, fr: string, id: string): void {
  const text = en.trim()
  if (text === '') throw new ModelOutputError('empty', `${id}: the translation is empty`)
  if (looksCopied(text, fr)) throw new ModelOutputError('copied-french', `${id}: the translation is the French text`)
  if (REFUSAL.test(text) && !REFUSAL.test(fr)) throw new ModelOutputError('refusal', `${id}: the model refused`)
  if (COMMENTARY.some((re) => re.test(text) && !re.test(fr))) {
    throw new ModelOutputError('commentary', `${id}: the translation carries commentary`)
  }
  // English runs 80–110 % of the French's length; far less is an answer that is not a
  // translation (an injected "PIRATÉ", a summary), far more is one with something added.
  if (fr.length >= 60 && text.length < fr.length * 0.35) throw new ModelOutputError('too-short', `${id}: the translation is far shorter than the French`)
  if (text.length > fr.length * 3 + 80) throw new ModelOutputError('too-long', `${id}: the translation is far longer than the French`)
}

function looksCopied(en: string, fr: string): boolean {
  // Identical to a source that has French words in it (a bare name may stay as is)…
  const similarLength = Math.abs(en.length - fr.length) <= Math.max(en.length, fr.length) * 0.2
  if (similarLength && squash(en) === squash(fr) && frenchWordShare(fr).french >= 2) return true
  // …or, in a text long enough to tell, more French function words than English prose has.
  const { words, french } = frenchWordShare(en)
  return words >= 8 && french / words > 0.2
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}
