/** The summary step: from the cache, or written by the model and checked; a failure is a value. */

import { type KeyContext, summaryKey } from '../cache/keys'
import type { TranslationCache } from '../cache/kv-cache'
import type { SummaryLength } from '../schemas/request'
import type { Summary } from '../schemas/response'
import type { Terms } from '../text/glossary'
import { type CallContext, summariseArticle } from './model-calls'

export type SummaryOutcome = { summary: Summary; stored?: Promise<void> } | { error: unknown }

/** The summary's cache key, and the summary when the cache holds it. */
export interface SummaryLookup {
  key: string
  hit?: Summary
}

/**
 * Looks the article's summary of `length`, with `terms` (the glossary entries the article
 * contains), up in the cache: done before the batches are planned, so that a cached
 * summary takes no connection and a summary to write is asked for first.
 */
export async function lookUpSummary(
  cache: TranslationCache,
  keyContext: KeyContext,
  paragraphs: readonly string[],
  length: Exclude<SummaryLength, 'none'>,
  terms: Terms,
): Promise<SummaryLookup> {
  const key = await summaryKey(keyContext, terms, length, paragraphs)
  const hit = await cache.getSummary(key)
  return hit ? { key, hit } : { key }
}

/**
 * The summary looked up, or written and stored (`stored` is the write, for the caller to
 * await). A model that keeps failing is an `error` outcome; only the request's signal rejects.
 */
export async function summaryStep(
  ctx: CallContext,
  cache: TranslationCache,
  lookup: SummaryLookup,
  paragraphs: readonly string[],
  length: Exclude<SummaryLength, 'none'>,
  terms: Terms,
): Promise<SummaryOutcome> {
  if (lookup.hit) return { summary: lookup.hit }
  try {
    const summary = await summariseArticle(ctx, paragraphs, length, Object.fromEntries(terms))
    return { summary, stored: cache.putSummary(lookup.key, summary) }
  } catch (error) {
    if (ctx.retry.signal.aborted) throw ctx.retry.signal.reason
    return { error }
  }
}
