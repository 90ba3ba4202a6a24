/**
 * The pipeline: look each paragraph up in the cache, batch the misses, translate the
 * batches concurrently while the summary is written, and store what passes the checks
 * as soon as it does — so a failure or a deadline loses nothing already translated.
 */

import { applicableGlossary, type KeyContext, paragraphKey, summaryKey } from '../cache/keys'
import type { TranslationCache } from '../cache/kv-cache'
import { DeadlineExceededError } from '../errors'
import type { ModelClient } from '../model/client'
import type { RetryTiming } from '../model/retry-policy'
import { RetryBudgetExhaustedError } from '../model/with-retries'
import type { Prompts } from '../prompts'
import type { Glossary, SummaryLength } from '../schemas/request'
import type { Summary, TranslatedParagraph, Usage } from '../schemas/response'
import { type BatchFailure, describe, toFailure } from './failures'
import { createLimit } from './limit'
import { type CallContext, summariseArticle, translateBatch, type UsageMeter } from './model-calls'
import { joinPieces, planBatches, type Segment, toSegments } from './segments'

export interface PipelineSettings {
  concurrency: number
  /** The smallest batch worth a call; also where long paragraphs are cut. */
  batchTokenBudget: number
  /** The largest batch sent in one call. */
  batchMaxTokens: number
  attemptTimeoutMs: number
  retries: number
  timing: RetryTiming
  deadlineMs: number
}

export type PipelineEvent =
  | { type: 'paragraph'; paragraph: TranslatedParagraph }
  | { type: 'summary'; summary: Summary }

export interface PipelineDeps {
  model: ModelClient
  cache: TranslationCache
  prompts: Prompts
  settings: PipelineSettings
  now?: () => number
  random?: () => number
  /** Aborts the work, e.g. when the client disconnects. */
  signal?: AbortSignal
  onEvent?: (event: PipelineEvent) => void
  log?: (message: string) => void
}

export interface ArticleInput {
  paragraphs: readonly string[]
  summary: SummaryLength
  glossary: Glossary
}

export interface ArticleTranslation {
  paragraphs: TranslatedParagraph[]
  summary: Summary | null
  usage: Usage
}

// Beyond this many ids in one answer, models start to lose their place.
const MAX_BATCH_SEGMENTS = 40

/** The abort reason when REQUEST_DEADLINE_MS passes. */
class DeadlineReached extends Error {
  override name = 'DeadlineReached'
}

/** Translates and summarises an article; see the module comment for the order of work. */
export async function translateArticle(deps: PipelineDeps, input: ArticleInput): Promise<ArticleTranslation> {
  const { model, cache, prompts, settings } = deps
  const now = deps.now ?? Date.now
  const log = deps.log ?? ((message: string) => console.warn(message))
  const keyContext: KeyContext = { model: model.model, promptVersion: prompts.version }

  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(new DeadlineReached()), settings.deadlineMs)
  const signal = deps.signal ? AbortSignal.any([deadline.signal, deps.signal]) : deadline.signal
  const usage: UsageMeter = { calls: 0, inputTokens: 0, outputTokens: 0 }
  const ctx: CallContext = {
    model,
    prompts,
    attemptTimeoutMs: settings.attemptTimeoutMs,
    limit: createLimit(settings.concurrency),
    usage,
    retry: {
      retries: settings.retries,
      timing: settings.timing,
      signal,
      deadlineAt: now() + settings.deadlineMs,
      now,
      ...(deps.random ? { random: deps.random } : {}),
      onRetry: (error, attempt, delay) => log(`model: attempt ${attempt} failed (${describe(error)}); retrying in ${delay} ms`),
    },
  }
  const writes: Promise<void>[] = []

  try {
    // The glossary entries the article contains, then those each paragraph contains: its
    // key, its batch's prompt and its checks use them.
    const articleTerms = Object.fromEntries(applicableGlossary(input.glossary, input.paragraphs.join('\n')))
    const terms = input.paragraphs.map((fr) => applicableGlossary(articleTerms, fr))
    const keys = await Promise.all(input.paragraphs.map((fr, i) => paragraphKey(keyContext, terms[i] ?? [], fr)))
    const cached = await cache.getParagraphs(keys)
    const translated: Array<TranslatedParagraph | undefined> = input.paragraphs.map((fr, index) => {
      const en = cached.get(keys[index] as string)
      return en === undefined ? undefined : { index, fr, en, cache: 'hit' }
    })
    for (const paragraph of translated) if (paragraph) deps.onEvent?.({ type: 'paragraph', paragraph })

    // Identical paragraphs (same key) are translated once and share the answer.
    const missesByKey = new Map<string, number[]>()
    input.paragraphs.forEach((_, index) => {
      if (translated[index]) return
      const key = keys[index] as string
      missesByKey.set(key, [...(missesByKey.get(key) ?? []), index])
    })
    const representatives = [...missesByKey.values()].map((indexes) => indexes[0] as number)
    const segments = toSegments(representatives.map((index) => ({ index, fr: input.paragraphs[index] as string })), settings.batchTokenBudget)
    const segmentById = new Map(segments.map((s) => [s.id, s]))
    const piecesOf = new Map<number, Segment[]>()
    for (const segment of segments) piecesOf.set(segment.paragraph, [...(piecesOf.get(segment.paragraph) ?? []), segment])
    const done = new Map<string, string>()
    const doubts = new Map<string, string[]>()
    const failures: BatchFailure[] = []

    const complete = (index: number) => {
      const pieces = (piecesOf.get(index) ?? []).map((s) => done.get(s.id))
      if (pieces.some((p) => p === undefined)) return
      const en = joinPieces(pieces as string[])
      const warnings = (piecesOf.get(index) ?? []).flatMap((s) => doubts.get(s.id) ?? [])
      const key = keys[index] as string
      // Only what passed every check is cached; a doubtful translation is tried afresh next time.
      if (warnings.length === 0) writes.push(cache.putParagraph(key, en))
      for (const same of missesByKey.get(key) ?? []) {
        const paragraph: TranslatedParagraph = {
          index: same,
          fr: input.paragraphs[same] as string,
          en,
          cache: 'miss',
          ...(warnings.length > 0 ? { warnings } : {}),
        }
        translated[same] = paragraph
        deps.onEvent?.({ type: 'paragraph', paragraph })
      }
    }
    const sink = {
      translated(texts: Map<string, string>, warnings?: Map<string, string[]>) {
        const touched = new Set<number>()
        for (const [id, list] of warnings ?? []) {
          doubts.set(id, list)
          log(`model: accepting ${id} with warnings (${list.join('; ')})`)
        }
        for (const [id, en] of texts) {
          done.set(id, en)
          const segment = segmentById.get(id)
          if (segment) touched.add(segment.paragraph)
        }
        for (const index of touched) complete(index)
      },
      failed(failedSegments: readonly Segment[], error: unknown) {
        const indexes = new Set(failedSegments.flatMap((s) => missesByKey.get(keys[s.paragraph] as string) ?? []))
        failures.push({ paragraphs: [...indexes], error })
        log(`model: giving up on paragraphs ${[...indexes].join(', ')} (${describe(error)})`)
      },
    }

    let summary: Summary | null = null
    let summaryError: unknown
    const summaryTask = async () => {
      if (input.summary === 'none') return
      const key = await summaryKey(keyContext, articleTerms, input.summary, input.paragraphs)
      const hit = await cache.getSummary(key)
      if (hit) {
        summary = hit
      } else {
        try {
          summary = await summariseArticle(ctx, input.paragraphs, input.summary, articleTerms)
        } catch (error) {
          if (signal.aborted) throw signal.reason
          summaryError = error
          log(`model: giving up on the summary (${describe(error)})`)
          return
        }
        writes.push(cache.putSummary(key, summary))
      }
      deps.onEvent?.({ type: 'summary', summary })
    }

    const batches = planBatches(segments, {
      minTokens: settings.batchTokenBudget,
      maxTokens: settings.batchMaxTokens,
      maxSegments: MAX_BATCH_SEGMENTS,
      slots: settings.concurrency - (input.summary === 'none' ? 0 : 1),
    })
    const outcomes = await Promise.allSettled([summaryTask(), ...batches.map((batch) => translateBatch(ctx, batch, Object.fromEntries(batch.flatMap((s) => terms[s.paragraph] ?? [])), sink))])
    const outOfTime = [...failures.map((f) => f.error), summaryError].some((e) => e instanceof RetryBudgetExhaustedError)
    if ((signal.aborted && signal.reason instanceof DeadlineReached) || outOfTime) {
      throw new DeadlineExceededError(settings.deadlineMs, {
        translated_paragraphs: translated.filter((p) => p !== undefined).length,
        paragraph_count: input.paragraphs.length,
      })
    }
    if (signal.aborted) throw signal.reason
    const unexpected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
    if (unexpected) throw unexpected.reason

    if (failures.length > 0 || summaryError !== undefined) {
      throw toFailure(model.model, failures, summaryError)
    }
    return {
      paragraphs: translated as TranslatedParagraph[],
      summary,
      usage: {
        model_calls: usage.calls,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cached_paragraphs: input.paragraphs.length - [...missesByKey.values()].flat().length,
      },
    }
  } finally {
    clearTimeout(timer)
    // Whatever passed the checks is stored before the request answers, success or not.
    await Promise.all(writes)
  }
}
