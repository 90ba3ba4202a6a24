/**
 * The pipeline in three steps with plain values between them: plan (cache lookup,
 * identical paragraphs, segments, batches), execute (each batch, then each doubtful or
 * failed segment alone) and assemble (paragraphs and cache writes, as soon as each is
 * complete). One deadline stops it all; what was translated is returned either way.
 */

import { type KeyContext, paragraphKey, reviewedVersion } from '../cache/keys'
import { applicableGlossary } from '../text/glossary'
import { estimateTokens } from '../text/tokens'
import type { CachedParagraph, TranslationCache } from '../cache/kv-cache'
import { influencedParagraphs } from '../cache/trust'
import { DeadlineExceededError, type PartialResult } from '../errors'
import type { ModelClient } from '../model/client'
import type { RetryTiming } from '../model/retry-policy'
import type { Prompts } from '../prompts'
import { type Glossary, SUMMARY_SENTENCES, type SummaryLength } from '../schemas/request'
import type { Summary, TranslatedParagraph, Usage } from '../schemas/response'
import { createAssembly, type SegmentText } from './assemble'
import { startDeadline } from './deadline'
import { describeFailure, type ParagraphFailure, toFailure } from './failures'
import { createLimit } from './limit'
import type { CallContext, UsageMeter } from './model-calls'
import { neighboursOf, planWork } from './plan'
import { secondOpinion } from './second-opinion'
import { callTime, type Segment } from './segments'
import { lookUpSummary, summaryStep } from './summary'
import { type BatchOutcome, type RetryJob, retryAlone, type SegmentFailure, translateBatch } from './translate-batch'

export interface PipelineSettings {
  concurrency: number
  /** The smallest batch worth a call; also where long paragraphs are cut. */
  minBatchTokens: number
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
  /**
   * Who may reuse what this run stores: `caller` is the caller's scope (see
   * cacheScopeOf); `shared` lets translations shaped by nothing but their own text go to
   * the whole deployment. Absent: everything is shared (tests of the pipeline alone).
   */
  scope?: { caller: string; shared: boolean }
  /** Keeps the cache writes running after the response (waitUntil); absent: awaited. */
  defer?: (task: Promise<unknown>) => void
}

export interface ArticleInput {
  paragraphs: readonly string[]
  summary: SummaryLength
  glossary: Glossary
  /** One extra call per batch for omissions, additions and changed figures. */
  secondOpinion?: boolean
}

export interface ArticleTranslation {
  paragraphs: TranslatedParagraph[]
  summary: Summary | null
  usage: Usage
}

// Beyond this many ids in one answer, models start to lose their place.
const MAX_BATCH_SEGMENTS = 40
// The opening batch: the first paragraphs (about one of a news article's) in a call of
// their own, whose prompt is short, so that the reader's first paragraph comes first.
const OPENING_TOKENS = 150

/**
 * Translates and summarises an article. Throws DeadlineExceededError or a failure
 * problem carrying every paragraph translated so far and the indexes missing; either
 * way the translated paragraphs are cached before it returns.
 */
export async function translateArticle(deps: PipelineDeps, input: ArticleInput): Promise<ArticleTranslation> {
  const { model, cache, prompts, settings } = deps
  const log = deps.log ?? ((message: string) => console.warn(message))
  const keyContext: KeyContext = { model: model.model, promptVersion: prompts.version }
  const deadline = startDeadline(settings.deadlineMs, deps.signal)
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
      signal: deadline.signal,
      ...(deps.random ? { random: deps.random } : {}),
      onRetry: (error, attempt, delay) =>
        log(`model: attempt ${attempt} failed (${describeFailure(error)}); retrying in ${delay} ms`),
    },
  }
  const writes: Promise<unknown>[] = []
  const paragraphWrites: Array<{ key: string; value: CachedParagraph }> = []

  try {
    // Plan. The glossary entries the article contains, then those each paragraph
    // contains: its key, its batch's prompt and its checks use them.
    const articleTerms = applicableGlossary(input.glossary, input.paragraphs.join('\n'))
    const articleGlossary = Object.fromEntries(articleTerms)
    const terms = input.paragraphs.map((fr) => applicableGlossary(articleGlossary, fr))
    const paragraphContext = {
      ...keyContext,
      promptVersion: reviewedVersion(prompts.version, input.secondOpinion === true),
    }
    // Each paragraph has its caller's key and, where sharing is on, the deployment's: a
    // hit under either serves it; a write goes to the shared key unless the batch shaped it.
    const ownContext = deps.scope ? { ...paragraphContext, scope: deps.scope.caller } : paragraphContext
    const keys = await Promise.all(input.paragraphs.map((fr, i) => paragraphKey(ownContext, terms[i] ?? [], fr)))
    // Without a scope, or with one kept to its caller, the deployment's key is the caller's.
    const sharing = deps.scope?.shared === true
    const sharedKeys = sharing
      ? await Promise.all(input.paragraphs.map((fr, i) => paragraphKey(paragraphContext, terms[i] ?? [], fr)))
      : keys
    const sharedKeyOf = new Map(keys.map((key, i) => [key, sharedKeys[i] as string]))
    // The summary's cache entry is read beside the paragraphs': a cached summary takes no
    // connection, and one to write is asked for before any batch.
    const wanted = input.summary === 'none' ? undefined : input.summary
    // The summary is shaped by the article alone; it is shared unless the scope is per caller.
    const summaryContext = deps.scope?.shared === false ? { ...keyContext, scope: deps.scope.caller } : keyContext
    const summaryLookup = wanted
      ? lookUpSummary(cache, summaryContext, input.paragraphs, wanted, articleTerms)
      : Promise.resolve(undefined)
    const found = await cache.getParagraphs([...new Set([...keys, ...sharedKeys])])
    const summaryFound = await summaryLookup
    const summaryToWrite = wanted !== undefined && summaryFound?.hit === undefined
    const cached = new Map<string, CachedParagraph>()
    keys.forEach((key, i) => {
      const hit = found.get(key) ?? found.get(sharedKeys[i] as string)
      if (hit) cached.set(key, hit)
    })
    const work = planWork(
      { paragraphs: input.paragraphs, keys, cached, terms },
      {
        segmentTokens: settings.minBatchTokens,
        minTokens: settings.minBatchTokens,
        maxTokens: settings.batchMaxTokens,
        maxSegments: MAX_BATCH_SEGMENTS,
        slots: settings.concurrency - (summaryToWrite ? 1 : 0),
        openingTokens: OPENING_TOKENS,
        connections: settings.concurrency,
        ...(summaryToWrite && wanted
          ? { summaryTime: summaryCallTime(prompts.summarise, input.paragraphs, wanted) }
          : {}),
      },
    )
    const assembly = createAssembly(work)
    for (const paragraph of assembly.done()) deps.onEvent?.({ type: 'paragraph', paragraph })

    // Assemble as texts arrive: complete paragraphs are cached and sent at once.
    const failures: SegmentFailure[] = []
    const take = (texts: readonly SegmentText[], more: readonly SegmentFailure[] = []) => {
      failures.push(...more)
      for (const text of texts)
        if (text.warnings) log(`model: accepting ${text.id} with warnings (${text.warnings.join('; ')})`)
      const assembled = assembly.take(texts)
      for (const write of assembled.writes)
        paragraphWrites.push({
          key: write.private ? write.key : (sharedKeyOf.get(write.key) ?? write.key),
          value: write.value,
        })
      for (const paragraph of assembled.paragraphs) deps.onEvent?.({ type: 'paragraph', paragraph })
    }
    // A batch's prompt carries its paragraphs' entries whole (a piece cut inside a term still
    // gets it); each segment's checks use the entries found in that segment.
    const glossaryOf = (segments: readonly Segment[]) =>
      Object.fromEntries(segments.flatMap((s) => terms[s.paragraph] ?? []))
    // Texts shaped by a sibling or by context are marked private (kept in the caller's scope).
    // A call's marker reads its segments once, however many times its texts arrive. Where
    // nothing is shared, every text stays in the caller's scope: none is read.
    const unmarked = (texts: readonly SegmentText[]) => texts
    const marker = (segments: readonly Segment[], context: readonly string[] = []) => {
      if (!sharing) return unmarked
      let influenced: Set<number> | undefined
      let paragraphOf: Map<string, number> | undefined
      return (texts: readonly SegmentText[]) => {
        if (influenced === undefined || paragraphOf === undefined) {
          // The deployment's own names are the same for every caller; only a caller's entries can steer.
          const callers = (paragraph: number) =>
            (terms[paragraph] ?? []).filter(([fr, en]) => prompts.names[fr] !== en).map(([fr]) => fr)
          const members = segments.map((s) => ({ paragraph: s.paragraph, fr: s.fr, terms: callers(s.paragraph) }))
          influenced = influencedParagraphs(members, context)
          paragraphOf = new Map(segments.map((s) => [s.id, s.paragraph]))
        }
        const marks = influenced
        const of = paragraphOf
        return texts.map((t) => (marks.has(of.get(t.id) ?? -1) ? { ...t, private: true } : t))
      }
    }

    // Execute: each batch once (retried whole only when its answer is unusable), then
    // each doubtful or failed segment alone, while its batch's clean texts are served.
    // A retry takes only a connection no planned batch is waiting for: one freed by a call
    // with a batch queued behind it goes to that batch first (`limit.later`). The opening's
    // retries are the exception: the reader waits for them, and the batch queued behind the
    // opening, planned to end a retry's time early, takes the retry's connection after it.
    const laterCtx: CallContext = { ...ctx, later: true }
    const runBatch = async (batch: readonly Segment[], onCalled?: () => void, first = false) => {
      const retryCtx = first ? ctx : laterCtx
      // Each clean paragraph is served the moment its object closes in the streamed
      // answer, and each doubtful one is retried alone from then on, unless a second
      // opinion has to read the batch first.
      const marked = marker(batch)
      const alone: Promise<void>[] = []
      const retry = (job: RetryJob) => {
        const task = (async () => {
          const neighbours = neighboursOf(work, job.segment)
          const retried = await retryAlone(retryCtx, job, neighbours, glossaryOf([job.segment]))
          const context = [neighbours.before ?? '', neighbours.after ?? '']
          take(marker([job.segment], context)(retried.texts), retried.failures)
        })()
        // Handled here as well: a retry may reject (the request stopped) before it is awaited.
        task.catch(() => {})
        alone.push(task)
      }
      const serve = !input.secondOpinion
      let outcome: BatchOutcome
      let texts: SegmentText[]
      try {
        outcome = await translateBatch(
          ctx,
          batch,
          glossaryOf(batch),
          serve ? (texts) => take(marked(texts)) : undefined,
          serve ? retry : undefined,
        )
        outcome.retries.forEach(retry)
        // With a second opinion, the batch's connection is busy until the review is in.
        texts = input.secondOpinion ? await secondOpinion(ctx, batch, outcome.texts, log) : outcome.texts
      } catch (error) {
        // Stopped (deadline, client gone): the retries already started end first, so that
        // a doubtful paragraph's text is still served and nothing arrives after the end.
        onCalled?.()
        await Promise.allSettled(alone)
        throw error
      }
      onCalled?.()
      take(marked(texts), outcome.failures)
      await Promise.all(alone)
    }

    let summary: Summary | null = null
    let summaryError: unknown
    const summaryTask = async () => {
      if (!wanted || !summaryFound) return
      const outcome = await summaryStep(ctx, cache, summaryFound, input.paragraphs, wanted, articleTerms)
      if ('error' in outcome) {
        summaryError = outcome.error
        log(`model: giving up on the summary (${describeFailure(outcome.error)})`)
        return
      }
      if (outcome.stored) writes.push(outcome.stored)
      summary = outcome.summary
      deps.onEvent?.({ type: 'summary', summary: outcome.summary })
    }

    // The opening batch asks first and the summary beside it (its cache entry is read
    // already, so it reaches the connections before any other batch); then one wave; a
    // batch queued behind the opening's or the summary's call takes its connection when that
    // call ends (so the summary never waits behind a batch).
    const [opening, ...rest] = work.batches
    let openingCalled = () => {}
    const openingCall = new Promise<void>((resolve) => {
      openingCalled = resolve
    })
    const openingRun = opening ? runBatch(opening, openingCalled, true) : Promise.resolve()
    const summaryRun = summaryTask()
    const ended = {
      opening: Promise.race([openingCall, openingRun.catch(() => {})]),
      summary: summaryRun.catch(() => {}),
    }
    const runs = rest.map((batch, i) => {
      const after = work.behind.get(i + 1)
      return after ? ended[after].then(() => runBatch(batch)) : runBatch(batch)
    })
    const outcomes = await Promise.allSettled([openingRun, summaryRun, ...runs])
    const partial = (): PartialResult => ({
      paragraph_count: input.paragraphs.length,
      paragraphs: assembly.done(),
      missing_paragraphs: assembly.missing(),
      ...(summary ? { summary } : {}),
    })
    if (deadline.reached()) {
      // A deadline that only cut short the retry of a doubt leaves nothing missing.
      const summaryMissing = input.summary !== 'none' && summary === null
      if (assembly.missing().length > 0 || summaryMissing)
        throw new DeadlineExceededError(settings.deadlineMs, { ...partial(), summary_missing: summaryMissing })
    } else {
      if (deadline.signal.aborted) throw deadline.signal.reason
      const unexpected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
      if (unexpected) throw unexpected.reason
    }

    if (failures.length > 0 || summaryError !== undefined) {
      const indexed: ParagraphFailure[] = failures.map((f) => ({ paragraphs: indexesOf(work, f.ids), error: f.error }))
      for (const f of indexed)
        log(`model: giving up on paragraphs ${f.paragraphs.join(', ')} (${describeFailure(f.error)})`)
      throw toFailure(model.model, indexed, summaryError, partial())
    }
    return {
      paragraphs: assembly.done(),
      summary,
      usage: {
        model_calls: usage.calls,
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cached_paragraphs: work.hits.size,
        ...(usage.estimated ? { tokens_estimated: true } : {}),
      },
    }
  } finally {
    deadline.clear()
    // Whatever was translated is stored, success or not: the paragraphs in one write,
    // after the response when the caller can keep the work alive (waitUntil).
    const stored = Promise.all([...writes, cache.putParagraphs(paragraphWrites)])
    if (deps.defer) deps.defer(stored)
    else await stored
  }
}

/**
 * How long the summary's call should hold its connection (see callTime): it reads the
 * whole article, then writes each sentence in two languages and the key points.
 */
function summaryCallTime(instructions: string, paragraphs: readonly string[], length: Exclude<SummaryLength, 'none'>) {
  const article = paragraphs.reduce((sum, fr) => sum + estimateTokens(fr), 0)
  return callTime(estimateTokens(instructions) + article, SUMMARY_SENTENCES[length] * 2 * 50 + 4 * 2 * 25)
}

/** The article indexes of segment ids, copies of repeated paragraphs included. */
function indexesOf(work: ReturnType<typeof planWork>, ids: readonly string[]): number[] {
  const paragraphs = new Set(work.segments.filter((s) => ids.includes(s.id)).map((s) => s.paragraph))
  return [...paragraphs]
    .flatMap((index) => work.misses.get(work.keys[index] as string) ?? [index])
    .sort((a, b) => a - b)
}
