/** The two model calls of the pipeline, each validated by the fidelity checks and retried. */

import { AbortError } from 'p-retry'
import type { ChatRequest, ModelClient } from '../model/client'
import { DoubtfulOutputError, TruncatedOutputError } from '../model/errors'
import { checkSummary, checkTranslation } from '../model/fidelity'
import { RetryBudgetExhaustedError, type RetryOptions, withRetries } from '../model/with-retries'
import type { Prompts } from '../prompts'
import { SummaryOutput, TranslationOutput, toResponseSchema } from '../schemas/model-output'
import type { Glossary, SummaryLength } from '../schemas/request'
import type { Summary } from '../schemas/response'
import type { Limit } from './limit'
import type { Segment } from './segments'
import { estimateTokens } from './tokens'

const TRANSLATION_SCHEMA = toResponseSchema(TranslationOutput)
const SUMMARY_SCHEMA = toResponseSchema(SummaryOutput)

export const SUMMARY_SENTENCES: Record<Exclude<SummaryLength, 'none'>, number> = { short: 1, standard: 3, long: 6 }

export interface UsageMeter {
  calls: number
  inputTokens: number
  outputTokens: number
}

export interface CallContext {
  model: ModelClient
  prompts: Prompts
  retry: RetryOptions
  attemptTimeoutMs: number
  /** Shared by every call of one request: at most MODEL_CONCURRENCY connections open. */
  limit: Limit
  usage: UsageMeter
}

/** What happened to each part of a batch: translated texts by segment id, or a failure. */
export interface BatchSink {
  /** `warnings` holds doubts about some texts (a figure or glossary term missing). */
  translated(texts: Map<string, string>, warnings?: Map<string, string[]>): void
  failed(segments: readonly Segment[], error: unknown): void
}

/**
 * Translates one batch with `glossary`, the entries that apply to its paragraphs. An answer cut off at the output limit splits the batch in two
 * and translates the halves; any other failure is retried by policy, then reported to
 * `sink.failed` for the batch's segments alone. Rejects only when the request's signal
 * aborts (deadline or client gone).
 */
export async function translateBatch(ctx: CallContext, batch: readonly Segment[], glossary: Glossary, sink: BatchSink): Promise<void> {
  const sources = batch.map(({ id, fr }) => ({ id, fr }))
  const terms = glossary
  const request: ChatRequest = {
    system: ctx.prompts.translate,
    user: JSON.stringify({ glossary: terms, paragraphs: sources }),
    schemaName: 'translation',
    schema: TRANSLATION_SCHEMA,
    maxOutputTokens: translationTokenLimit(batch),
  }
  try {
    const texts = await withRetries(async () => {
      const result = await call(ctx, request)
      try {
        return checkTranslation(result, sources, terms)
      } catch (error) {
        // Retrying a cut-off batch as is would be cut off again: split it instead.
        if (error instanceof TruncatedOutputError && batch.length > 1) throw new AbortError(error)
        throw error
      }
    }, ctx.retry)
    sink.translated(texts)
  } catch (error) {
    if (ctx.retry.signal.aborted) throw ctx.retry.signal.reason
    // Retries (or time) ran out on an answer that was usable but doubtful: keep it, flagged.
    const last = error instanceof RetryBudgetExhaustedError ? error.lastError : error
    if (last instanceof DoubtfulOutputError) {
      sink.translated(last.texts, last.warnings)
      return
    }
    if (error instanceof TruncatedOutputError && batch.length > 1) {
      const half = Math.ceil(batch.length / 2)
      await Promise.all([translateBatch(ctx, batch.slice(0, half), glossary, sink), translateBatch(ctx, batch.slice(half), glossary, sink)])
      return
    }
    sink.failed(batch, error)
  }
}

/**
 * Summarises the article in English and French, in about `SUMMARY_SENTENCES[length]`
 * sentences, with `glossary`: the entries that occur in the article.
 */
export async function summariseArticle(ctx: CallContext, paragraphs: readonly string[], length: Exclude<SummaryLength, 'none'>, glossary: Glossary): Promise<Summary> {
  const sentences = SUMMARY_SENTENCES[length]
  const request: ChatRequest = {
    system: ctx.prompts.summarise,
    user: JSON.stringify({ sentences, glossary, article: paragraphs }),
    schemaName: 'summary',
    schema: SUMMARY_SCHEMA,
    maxOutputTokens: 200 + sentences * 2 * 60,
  }
  return withRetries(async () => checkSummary(await call(ctx, request), paragraphs, length, glossary), ctx.retry)
}

async function call(ctx: CallContext, request: ChatRequest) {
  return ctx.limit(async () => {
    ctx.retry.signal.throwIfAborted()
    ctx.usage.calls++
    const result = await ctx.model.complete(request, { signal: ctx.retry.signal, timeoutMs: ctx.attemptTimeoutMs })
    ctx.usage.inputTokens += result.inputTokens
    ctx.usage.outputTokens += result.outputTokens
    return result
  })
}

/** Room for the English (rarely longer in tokens than the French) plus the JSON around it. */
export function translationTokenLimit(batch: readonly Segment[]): number {
  const source = batch.reduce((sum, s) => sum + estimateTokens(s.fr), 0)
  return Math.max(256, Math.ceil(source * 1.6) + 24 * batch.length + 64)
}
