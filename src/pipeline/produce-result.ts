/** One translation request's result: run the pipeline, assemble, store under the id. */

import type { TranslationResult } from '../schemas/response'
import type { Edition } from '../extract/edition'
import { NO_SECOND_OPINION } from './second-opinion'
import { type ArticleInput, type PipelineDeps, translateArticle } from './translate-article'

/**
 * Translates the article and stores the full result under `id`, so that
 * GET /v1/translations/{id} serves it and a repeated request costs nothing.
 */
export async function produceResult(
  deps: PipelineDeps,
  id: string,
  input: ArticleInput,
  edition?: Edition,
): Promise<TranslationResult> {
  const output = await translateArticle(deps, input)
  const result: TranslationResult = {
    id,
    model: deps.model.model,
    source_language: 'fr',
    paragraphs: edition
      ? output.paragraphs.map((p) => (edition.roles[p.index] ? { ...p, role: edition.roles[p.index] } : p))
      : output.paragraphs,
    summary: output.summary,
    ...(edition ? { source: edition.source } : {}),
    usage: output.usage,
    created_at: new Date((deps.now ?? Date.now)()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  }
  const stored = deps.cache.putResult(result)
  if (deps.defer) deps.defer(stored)
  else await stored
  return result
}

/** A result this request did not pay for: every paragraph a hit, no model usage. */
export function servedFromCache(result: TranslationResult): TranslationResult {
  return {
    ...result,
    paragraphs: result.paragraphs.map((p) => ({ ...p, cache: 'hit' })),
    usage: { model_calls: 0, input_tokens: 0, output_tokens: 0, cached_paragraphs: result.paragraphs.length },
  }
}

/**
 * A stored result that lacks the second opinion its request asked for: GET serves it as it
 * was sent, but the same request made again asks for the review again.
 */
export function lacksSecondOpinion(result: TranslationResult): boolean {
  return result.paragraphs.some((p) => p.warnings?.includes(NO_SECOND_OPINION))
}
