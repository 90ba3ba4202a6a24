/** A translation request's job: the id of its result, the result if stored, and how to produce it. */

import { createMiddleware } from 'hono/factory'
import type { ConfiguredEnv } from '../app-env'
import { deferrer } from '../cache/deferred'
import { lacksSecondOpinion, produceResult } from '../pipeline/produce-result'
import type { PipelineEvent } from '../pipeline/translate-article'
import { effectiveGlossary } from '../prompts'
import type { TranslationResult } from '../schemas/response'
import { recordUsage } from '../usage/record'
import type { CallerVariables } from './auth'
import { identifyResult } from './result-id'
import type { ArticleVariables } from './translation-body'

export interface TranslationJob {
  id: string
  /** The model that translates (part of the id). */
  model: string
  paragraphCount: number
  /** The article's paragraphs in French, in order: what the stream's `meta` event shows first. */
  french: readonly string[]
  /**
   * Translates the article (paragraphs from the cache where it can), stores the result
   * and records the caller's usage after the response. `onEvent` reports each paragraph
   * and the summary as they are ready; `signal` stops new model calls.
   */
  run(onEvent?: (event: PipelineEvent) => void, signal?: AbortSignal): Promise<TranslationResult>
  /** Records a stored result served whole: an article, every paragraph from the cache. */
  servedWhole(result: TranslationResult): void
}

export interface JobVariables {
  /** What the request asks for, and how to produce it (set by `identified`). */
  job: TranslationJob
  /** The stored result, when the same request was answered before (set by `identified`). */
  stored: TranslationResult | undefined
}

/**
 * Computes the result's id and looks it up in the cache: `c.var.job` and `c.var.stored`.
 * Builds the model client here, which names the setting to add when none can be called.
 */
export const identified = createMiddleware<
  ConfiguredEnv & { Variables: CallerVariables & ArticleVariables & JobVariables }
>(async (c, next) => {
  const { settings, services, caller, article } = c.var
  const { model, cache } = services
  const prompts = await services.prompts()
  const secondOpinion = article.request.second_opinion ?? settings.SECOND_OPINION
  const { id, scope } = await identifyResult({
    settings,
    callerId: caller.id,
    url: c.req.url,
    model: model.model,
    promptVersion: prompts.version,
    secondOpinion,
    glossary: article.request.glossary,
    summary: article.request.summary,
    paragraphs: article.paragraphs,
    edition: article.edition,
  })
  const input = {
    paragraphs: article.paragraphs,
    summary: article.request.summary,
    glossary: effectiveGlossary(prompts, article.request.glossary),
    secondOpinion,
  }
  // Cache writes and usage outlive the response (and a client that went away mid-stream).
  const defer = deferrer((task) => c.executionCtx.waitUntil(task))
  // One D1 upsert per answered request, after the response (a failure is only logged).
  const recordUsed = (result: TranslationResult, servedWhole: boolean) =>
    defer(recordUsage(services.usage, caller, result, servedWhole))
  const run: TranslationJob['run'] = (onEvent, signal) => {
    const deps = {
      model,
      cache,
      prompts,
      settings: services.pipeline,
      scope,
      defer,
      ...(onEvent ? { onEvent } : {}),
      ...(signal ? { signal } : {}),
    }
    const running = produceResult(deps, id, input, article.edition)
    void running.then(
      (result) => recordUsed(result, false),
      () => undefined,
    )
    // A stream whose client goes away still ends its run (promptly: the signal stops new
    // model calls), which hands its writes to waitUntil in turn.
    signal?.addEventListener('abort', () => defer(running.catch(() => undefined)), { once: true })
    return running
  }
  c.set('job', {
    id,
    model: model.model,
    paragraphCount: article.paragraphs.length,
    french: article.paragraphs,
    run,
    servedWhole: (result) => recordUsed(result, true),
  })
  const stored = await cache.getResult(id)
  c.set('stored', stored && !lacksSecondOpinion(stored) ? stored : undefined)
  await next()
})
