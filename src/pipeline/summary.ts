/** The summary step: from the cache, or written by the model and checked; a failure is a value. */

import { type KeyContext, summaryKey } from '../cache/keys'
import type { TranslationCache } from '../cache/kv-cache'
import type { SummaryLength } from '../schemas/request'
import type { Terms } from '../text/glossary'
import type { Summary } from '../schemas/response'
import { type CallContext, summariseArticle } from './model-calls'

export type SummaryOutcome = { summary: Summary; stored?: Promise<void> } | { error: unknown }

/**
 * The article's summary of `length`, with `terms` (the glossary entries the article contains):
 * from the cache, or written and stored (`stored` is the write, for the caller to await).
 * A model that keeps failing is an `error` outcome; only the request's signal rejects.
 */
export async function summaryStep(
  ctx: CallContext,
  cache: TranslationCache,
  keyContext: KeyContext,
  paragraphs: readonly string[],
  length: Exclude<SummaryLength, 'none'>,
  terms: Terms,
): Promise<SummaryOutcome> {
  const key = await summaryKey(keyContext, terms, length, paragraphs)
  const glossary = Object.fromEntries(terms)
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
