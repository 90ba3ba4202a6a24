/**
 * Execute: one batch's call, and the small calls that retry one segment alone. Each
 * returns its texts, its segments to retry and its failures as values; only the
 * request's signal (deadline or client gone) makes them reject.
 */

import { AbortError } from 'p-retry'
import type { ChatRequest, ChatResult } from '../model/client'
import { type ModelOutputError, TruncatedOutputError } from '../model/errors'
import { checkParagraph, checkTranslation, type Verdict } from '../fidelity/checks'
import { withRetries } from '../model/with-retries'
import { TranslationItem, TranslationOutput, toResponseSchema } from '../schemas/model-output'
import type { Glossary } from '../schemas/request'
import type { SegmentText } from './assemble'
import { type CallContext, call } from './model-calls'
import type { Neighbours } from './plan'
import type { Segment } from './segments'
import { estimateTokens } from '../text/tokens'
import type { Terms } from '../text/glossary'

const TRANSLATION_SCHEMA = toResponseSchema(TranslationOutput)

/** Segments given up on, and the last error (for the report). */
export interface SegmentFailure {
  ids: string[]
  error: unknown
}

/** A segment of a usable answer that did not pass: it goes back to the model alone. */
export type RetryJob =
  | { kind: 'doubt'; segment: Segment; doubtful: SegmentText }
  | { kind: 'failed'; segment: Segment; error: ModelOutputError }

export interface BatchOutcome {
  /** Clean texts, final: keep and cache them at once. */
  texts: SegmentText[]
  /** Doubtful or failed segments of an answer otherwise kept. */
  retries: RetryJob[]
  /** Segments whose every answer was unusable, after the retry policy. */
  failures: SegmentFailure[]
}

export interface AloneOutcome {
  texts: SegmentText[]
  failures: SegmentFailure[]
}

/**
 * Translates one batch with `glossary` (the entries that apply to its paragraphs). The
 * answer streams: each paragraph that passes every check the moment its object closes is
 * final at once, handed to `onText` when given (else returned with the rest); with
 * `onAlone`, each one found doubtful or failed then is handed over at once, to be retried alone. An unusable
 * answer (not JSON, wrong ids, every paragraph failed, a stream that stopped midway) or
 * an HTTP error is retried by the retry policy, for the paragraphs not yet final; a usable
 * one is split into clean texts and the segments to retry alone. An answer cut off at the
 * output limit splits what is left of the batch in two.
 */
export async function translateBatch(
  ctx: CallContext,
  batch: readonly Segment[],
  glossary: Glossary,
  onText?: (texts: SegmentText[]) => void,
  onAlone?: (job: RetryJob) => void,
): Promise<BatchOutcome> {
  // Clean texts final before the call ended; those not handed to onText are returned.
  const final = new Map<string, SegmentText>()
  const kept: SegmentText[] = []
  const keep = (text: SegmentText) => {
    final.set(text.id, text)
    if (onText) onText([text])
    else kept.push(text)
  }
  // Doubtful or failed paragraphs handed to onAlone as their objects closed: retried alone from then on.
  const handedOver = new Set<string>()
  const remaining = () => batch.filter((s) => !final.has(s.id) && !handedOver.has(s.id))
  let asked: Segment[] = []
  let verdicts: Verdict[]
  try {
    verdicts = await withRetries(async () => {
      asked = remaining()
      if (asked.length === 0) return []
      const sources = asked.map(({ id, fr, terms }) => ({ id, fr, terms }))
      // Each paragraph's verdict as its object closed, by position; the whole answer's check reuses them.
      const streamed: Array<Verdict | undefined> = []
      // And the English each was given (an answer written again is checked again).
      const streamedEn: unknown[] = []
      let inOrder = true
      // A paragraph that fails is handed over only once the answer has a usable one: an
      // answer whose every paragraph fails is retried whole, as a broken answer is.
      let usable = false
      const waiting: Array<{ verdict: Exclude<Verdict, { status: 'ok' }>; segment: Segment }> = []
      const handOver = (verdict: Exclude<Verdict, { status: 'ok' }>, segment: Segment) => {
        handedOver.add(verdict.id)
        onAlone?.(retryJob(verdict, segment))
      }
      const onItem = (item: unknown, index: number) => {
        const source = sources[index]
        // An item out of place: the whole answer's check will say what is wrong.
        if (!inOrder || source === undefined || (item as { id?: unknown } | null)?.id !== source.id) {
          inOrder = false
          return
        }
        const verdict = checkItem(item, source)
        streamed[index] = verdict
        streamedEn[index] = (item as { en?: unknown }).en
        if (verdict?.status === 'ok') keep({ id: verdict.id, en: verdict.en })
        if (!verdict || !onAlone) return
        if (verdict.status !== 'failed' && !usable) {
          usable = true
          for (const w of waiting.splice(0)) handOver(w.verdict, w.segment)
        }
        if (verdict.status === 'ok') return
        if (usable) handOver(verdict, asked[index] as Segment)
        else waiting.push({ verdict, segment: asked[index] as Segment })
      }
      let answer: Verdict[]
      try {
        const result = await call(ctx, translationRequest(ctx, asked, glossary), onItem)
        const known = inOrder && isStreamedWhole(result, sources, streamed, streamedEn)
        answer = known ? (streamed as Verdict[]) : checkTranslation(result, sources)
      } catch (error) {
        // Retrying a cut-off batch as is would be cut off again: split it instead.
        if (error instanceof TruncatedOutputError && remaining().length > 1) throw new AbortError(error)
        throw error
      }
      // An answer with no usable paragraph is no better than a broken one.
      const failed = answer.flatMap((v) => (v.status === 'failed' ? [v.error] : []))
      if (failed.length === answer.length && failed[0]) throw failed[0]
      return answer
    }, ctx.retry)
  } catch (error) {
    if (ctx.retry.signal.aborted) throw ctx.retry.signal.reason
    const left = remaining()
    if (error instanceof TruncatedOutputError && left.length > 1) {
      const half = Math.ceil(left.length / 2)
      const halves = await Promise.all([
        translateBatch(ctx, left.slice(0, half), glossary, onText, onAlone),
        translateBatch(ctx, left.slice(half), glossary, onText, onAlone),
      ])
      return {
        texts: [...kept, ...halves.flatMap((h) => h.texts)],
        retries: halves.flatMap((h) => h.retries),
        failures: halves.flatMap((h) => h.failures),
      }
    }
    return { texts: kept, retries: [], failures: left.length > 0 ? [{ ids: left.map((s) => s.id), error }] : [] }
  }
  const outcome: BatchOutcome = { texts: kept, retries: [], failures: [] }
  verdicts.forEach((verdict, i) => {
    const segment = asked[i] as Segment
    if (final.has(segment.id) || handedOver.has(segment.id)) return
    if (verdict.status === 'ok') outcome.texts.push({ id: verdict.id, en: verdict.en })
    else outcome.retries.push(retryJob(verdict, segment))
  })
  return outcome
}

/** A doubtful or failed paragraph's verdict, as the job of retrying it alone. */
function retryJob(verdict: Exclude<Verdict, { status: 'ok' }>, segment: Segment): RetryJob {
  return verdict.status === 'doubtful'
    ? { kind: 'doubt', segment, doubtful: { id: verdict.id, en: verdict.en, warnings: verdict.warnings } }
    : { kind: 'failed', segment, error: verdict.error }
}

/**
 * The verdict on one streamed object of an answer, by the same checks as the whole answer's
 * (the object read by the schema of the answer's objects, not written out and parsed again).
 */
function checkItem(item: unknown, source: { id: string; fr: string; terms: Terms }): Verdict | undefined {
  const parsed = TranslationItem.safeParse(item)
  // Not a translation object, or not this paragraph's: the whole answer's check will say so.
  if (!parsed.success || parsed.data.id !== source.id) return undefined
  try {
    return checkParagraph(parsed.data, source)
  } catch {
    return undefined
  }
}

/**
 * Whether a finished answer is exactly the objects already checked one by one as they
 * streamed: a complete answer (`stop`), valid JSON of the schema, with every paragraph
 * asked for, in order, each with the English checked. Then each paragraph's verdict stands, and no paragraph is checked
 * twice; anything else goes through the whole answer's check, which says what is wrong.
 */
function isStreamedWhole(
  result: ChatResult,
  sources: ReadonlyArray<{ id: string }>,
  streamed: ReadonlyArray<Verdict | undefined>,
  streamedEn: readonly unknown[],
): boolean {
  if (result.finishReason !== 'stop' || streamed.length !== sources.length) return false
  for (let i = 0; i < streamed.length; i++) if (streamed[i] === undefined) return false
  let json: unknown
  try {
    json = JSON.parse(result.content)
  } catch {
    return false
  }
  const parsed = TranslationOutput.safeParse(json)
  return (
    parsed.success &&
    parsed.data.translations.length === sources.length &&
    parsed.data.translations.every(
      (t, i) => t.id === sources[i]?.id && t.id === streamed[i]?.id && t.en === streamedEn[i],
    )
  )
}

/**
 * Retries one segment alone, its neighbours sent as context not to translate. A doubt
 * gets one call: a clean answer replaces it; otherwise the doubtful text is served with
 * its warnings (also when the deadline interrupts the call). A failure gets the rest of
 * the retry policy: MAX_RETRIES calls, the batch's call having been the first attempt.
 */
export async function retryAlone(
  ctx: CallContext,
  job: RetryJob,
  neighbours: Neighbours,
  glossary: Glossary,
): Promise<AloneOutcome> {
  const { segment } = job
  const sources = [{ id: segment.id, fr: segment.fr, terms: segment.terms }]
  const request = translationRequest(ctx, [segment], glossary, neighbours)
  const attempt = async () => {
    const [verdict] = checkTranslation(await call(ctx, request), sources)
    if (verdict?.status === 'failed') throw verdict.error
    return verdict as Exclude<Verdict, { status: 'failed' }>
  }
  const textOf = (verdict: Exclude<Verdict, { status: 'failed' }>): SegmentText =>
    verdict.status === 'ok'
      ? { id: verdict.id, en: verdict.en }
      : { id: verdict.id, en: verdict.en, warnings: verdict.warnings }

  if (job.kind === 'doubt') {
    try {
      return { texts: [textOf(await attempt())], failures: [] }
    } catch {
      return { texts: [job.doubtful], failures: [] }
    }
  }
  if (ctx.retry.retries === 0) return { texts: [], failures: [{ ids: [segment.id], error: job.error }] }
  try {
    return {
      texts: [textOf(await withRetries(attempt, { ...ctx.retry, retries: ctx.retry.retries - 1 }))],
      failures: [],
    }
  } catch (error) {
    if (ctx.retry.signal.aborted) throw ctx.retry.signal.reason
    return { texts: [], failures: [{ ids: [segment.id], error }] }
  }
}

function translationRequest(
  ctx: CallContext,
  segments: readonly Segment[],
  glossary: Glossary,
  context?: Neighbours,
): ChatRequest {
  const paragraphs = segments.map(({ id, fr }) => ({ id, fr }))
  const hasContext = context !== undefined && (context.before !== undefined || context.after !== undefined)
  return {
    system: ctx.prompts.translate,
    user: JSON.stringify({ glossary, paragraphs, ...(hasContext ? { context } : {}) }),
    schemaName: 'translation',
    schema: TRANSLATION_SCHEMA,
    maxOutputTokens: translationTokenLimit(segments),
  }
}

/** Room for the English (rarely longer in tokens than the French) plus the JSON around it. */
export function translationTokenLimit(batch: readonly Segment[]): number {
  const source = batch.reduce((sum, s) => sum + estimateTokens(s.fr), 0)
  return Math.max(256, Math.ceil(source * 1.6) + 24 * batch.length + 64)
}
