/**
 * The optional second opinion: one extra call per batch asking the model to compare each
 * clean English text with its French, for omissions, additions and changed figures. Its
 * findings become warnings in our words; the only text taken from its answer is a quote
 * that occurs verbatim in the paragraph itself.
 */

import * as z from 'zod'
import type { ChatRequest } from '../model/client'
import { withRetries } from '../model/with-retries'
import { parseAnswer } from '../fidelity/checks'
import { toResponseSchema } from '../schemas/model-output'
import type { SegmentText } from './assemble'
import { describeFailure } from './failures'
import { type CallContext, call } from './model-calls'
import type { Segment } from './segments'

const FINDING_KINDS = ['omission', 'addition', 'figure'] as const
const ReviewOutput = z.strictObject({
  findings: z.array(z.strictObject({ id: z.string(), kind: z.enum(FINDING_KINDS), quote: z.string() })),
})
type ReviewOutput = z.infer<typeof ReviewOutput>
const REVIEW_SCHEMA = toResponseSchema(ReviewOutput)

// A quote longer than this is not "the shortest excerpt": shown without it.
const MAX_QUOTE_CHARS = 120

export interface ReviewedPair {
  id: string
  fr: string
  en: string
}

/** The warning of a text served without the second opinion its request asked for. */
export const NO_SECOND_OPINION =
  'second opinion: not had (the model kept failing or time ran out); send the article again to ask for it'

/**
 * The clean texts of `batch` with the second opinion's findings as warnings. One that
 * cannot be had (the model kept failing, or the deadline came) leaves the texts as they
 * are, served with {@link NO_SECOND_OPINION} and marked uncached, so that a later request
 * asks for it again.
 */
export async function secondOpinion(
  ctx: CallContext,
  batch: readonly Segment[],
  texts: SegmentText[],
  log: (message: string) => void,
): Promise<SegmentText[]> {
  if (texts.length === 0) return texts
  const frOf = new Map(batch.map((s) => [s.id, s.fr]))
  try {
    return withFindings(
      texts,
      await reviewPairs(
        ctx,
        texts.map((t) => ({ id: t.id, fr: frOf.get(t.id) ?? '', en: t.en })),
      ),
    )
  } catch (error) {
    log(`model: no second opinion on ${texts.map((t) => t.id).join(', ')} (${describeFailure(error)})`)
    return texts.map((text) => ({ ...text, warnings: [...(text.warnings ?? []), NO_SECOND_OPINION], uncached: true }))
  }
}

/**
 * Asks for the second opinion on `pairs` and returns the warnings by id (only ids with
 * findings). Retried by the retry policy like any call; rejects when it keeps failing.
 */
export async function reviewPairs(ctx: CallContext, pairs: readonly ReviewedPair[]): Promise<Map<string, string[]>> {
  const request: ChatRequest = {
    system: ctx.prompts.review,
    user: JSON.stringify({ pairs }),
    schemaName: 'review',
    schema: REVIEW_SCHEMA,
    maxOutputTokens: 128 + 64 * pairs.length,
  }
  const output = await withRetries(
    async () => parseAnswer(await call(ctx, request), ReviewOutput, 'the second opinion'),
    ctx.retry,
  )
  return findingsToWarnings(output, pairs)
}

/** The clean texts of a batch with the second opinion's warnings added. */
export function withFindings(texts: readonly SegmentText[], warnings: ReadonlyMap<string, string[]>): SegmentText[] {
  return texts.map((text) => {
    const found = warnings.get(text.id)
    return found ? { ...text, warnings: [...(text.warnings ?? []), ...found] } : text
  })
}

/**
 * Findings as warnings: ids we did not send are dropped, and a quote is kept only when it
 * occurs in the text it should come from (the French for an omission or a figure, the
 * English for an addition), so that no text of the model's own reaches the reader.
 *
 * @example
 * findingsToWarnings(
 *   { findings: [{ id: 'p0', kind: 'figure', quote: '7,3 %' }] },
 *   [{ id: 'p0', fr: '… 7,3 % …', en: '…' }],
 * )
 * // Map { 'p0' => ['second opinion: a figure may differ from the French ("7,3 %")'] }
 */
export function findingsToWarnings(output: ReviewOutput, pairs: readonly ReviewedPair[]): Map<string, string[]> {
  const byId = new Map(pairs.map((p) => [p.id, p]))
  const warnings = new Map<string, string[]>()
  for (const finding of output.findings) {
    const pair = byId.get(finding.id)
    if (!pair) continue
    const source = finding.kind === 'addition' ? pair.en : pair.fr
    const quote = finding.quote.trim()
    const shown = quote !== '' && quote.length <= MAX_QUOTE_CHARS && source.includes(quote) ? quote : undefined
    const warning = describeFinding(finding.kind, shown)
    const list = warnings.get(pair.id) ?? []
    if (!list.includes(warning)) warnings.set(pair.id, [...list, warning])
  }
  return warnings
}

function describeFinding(kind: (typeof FINDING_KINDS)[number], quote: string | undefined): string {
  const q = quote === undefined ? '' : ` ("${quote}")`
  if (kind === 'omission') return `second opinion: the English may leave out part of the French${q}`
  if (kind === 'addition') return `second opinion: the English may add something the French does not say${q}`
  return `second opinion: a figure may differ from the French${q}`
}
