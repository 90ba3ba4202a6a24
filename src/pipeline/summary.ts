/** The summary step: from the cache, or written by the model and checked; a failure is a value. */

import { type KeyContext, summaryKey } from '../cache/keys'
import type { TranslationCache } from '../cache/kv-cache'
import type { ChatRequest } from '../model/client'
import { checkSummary } from '../model/fidelity'
import { withRetries } from '../model/with-retries'
import { SummaryOutput, toResponseSchema } from '../schemas/model-output'
import type { Glossary, SummaryLength } from '../schemas/request'
import type { Summary } from '../schemas/response'
import { type CallContext, call } from './model-calls'

const SUMMARY_SCHEMA = toResponseSchema(SummaryOutput)

export const SUMMARY_SENTENCES: Record<Exclude<SummaryLength, 'none'>, number> = { short: 1, standard: 3, long: 6 }

export type SummaryOutcome = { summary: Summary; stored?: Promise<void> } | { error: unknown }

/**
 * The article's summary of `length`, with `glossary` (the entries the article contains):
 * from the cache, or written and stored (`stored` is the write, for the caller to await).
 * A model that keeps failing is an `error` outcome; only the request's signal rejects.
 */
export async function summaryStep(ctx: CallContext, cache: TranslationCache, keyContext: KeyContext, paragraphs: readonly string[], length: Exclude<SummaryLength, 'none'>, glossary: Glossary): Promise<SummaryOutcome> {
  const key = await summaryKey(keyContext, glossary, length, paragraphs)
  const hit = await cache.getSummary(key)
  if (hit) return { summary: hit }
  try {
    const summary = await summariseArticle(ctx, paragraphs, length, glossary)
    return { summary, stored: cache.putSummary(key, summary) }
  } catch (error) {
    if (ctx.retry.signal.aborted) throw ctx.retry.signal.reason
    return { error }
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
  return withRetries(async () => checkSummary(await call(ctx, request)), ctx.retry)
}
