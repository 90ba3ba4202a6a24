/** POST /v1/translations and GET /v1/translations/{id}. */

import { type Context, Hono } from 'hono'
import { setMetric } from 'hono/timing'
import type { AppEnv } from '../app-env'
import { deferrer } from '../cache/deferred'
import { cacheScopeOf, isResultId, resultId, reviewedVersion } from '../cache/keys'
import { readSettings, type Settings } from '../config'
import { ModelRefusedRequestError, NoRecordingError, NotFoundError, UnauthorizedError } from '../errors'
import { authenticate } from '../http/auth'
import { enforceRateLimit, limitFailedAuthentication } from '../http/rate-limit'
import { type Edition, editionOf, extractArticle, fetchPage, PAGE_FETCH_DEFAULTS } from '../extract'
import { type PageTranslationRequest, readTranslationRequest } from '../http/read-body'
import { renderResultPage } from '../page'
import { produceResult, servedFromCache } from '../pipeline/produce-result'
import type { PipelineEvent } from '../pipeline/translate-article'
import { validateArticle } from '../pipeline/validate-article'
import { effectiveGlossary, loadPrompts } from '../prompts'
import { chooseFormat, type Format } from '../render/format'
import { renderMarkdown } from '../render/markdown'
import type { TranslationRequest } from '../schemas/request'
import type { TranslationResult } from '../schemas/response'
import { createCache, createModel, idSecret, pipelineSettings } from '../services'
import { recordUsage } from '../usage/record'
import { d1UsageStore } from '../usage/usage-store'
import { streamTranslation } from '../render/stream'

export const translations = new Hono<AppEnv>()

// Room for JSON framing and a glossary around an article at the character limit.
const BODY_OVERHEAD_BYTES = 64 * 1024

translations.post('/', async (c) => {
  const settings = readSettings(c.env)
  const caller = await authenticate(c.req.raw, settings).catch(async (error: unknown) => {
    if (error instanceof UnauthorizedError)
      await limitFailedAuthentication(c.env.RATE_LIMITER, c.req.header('cf-connecting-ip') ?? 'unknown')
    throw error
  })
  console.log(`${c.get('requestId')}: translation requested by ${caller.name}`)
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const request = await readTranslationRequest(c.req.raw, {
    maxBytes: settings.MAX_ARTICLE_CHARS * 4 + BODY_OVERHEAD_BYTES,
    maxPageBytes: PAGE_FETCH_DEFAULTS.maxBytes,
  })
  const { text, edition } = await articleOf(request, settings, c.req.url)
  const paragraphs = validateArticle(text, {
    maxChars: settings.MAX_ARTICLE_CHARS,
    maxParagraphs: settings.MAX_PARAGRAPHS,
  })

  const model = createModel(c.env, settings)
  const prompts = await loadPrompts()
  const secondOpinion = request.second_opinion ?? settings.SECOND_OPINION
  // Per-token scope: another caller's identical request is another result, never a hit.
  const scope = { caller: await cacheScopeOf(caller.id), shared: settings.CACHE_SCOPE === 'deployment' }
  // An edition (source, headline) is part of the result, so the same text read from another page is another result.
  const version =
    reviewedVersion(prompts.version, secondOpinion) + (edition ? `+edition:${JSON.stringify(edition)}` : '')
  const idContext = { model: model.model, promptVersion: version, ...(scope.shared ? {} : { scope: scope.caller }) }
  const id = await resultId(idSecret(settings, c.req.url), idContext, request.glossary, request.summary, paragraphs)
  const cache = createCache(c.env, settings)
  const input = {
    paragraphs,
    summary: request.summary,
    glossary: effectiveGlossary(prompts, request.glossary),
    secondOpinion,
  }
  // Cache writes outlive the response (and a client that went away mid-stream).
  const defer = deferrer((task) => c.executionCtx.waitUntil(task))
  // One D1 upsert per answered request, after the response (a failure is only logged).
  const recordUsed = (result: TranslationResult, servedWhole: boolean) =>
    defer(recordUsage(d1UsageStore(c.env.DB), caller, result, servedWhole))
  const run = (onEvent?: (event: PipelineEvent) => void, signal?: AbortSignal) => {
    const running = produceResult(
      {
        model,
        cache,
        prompts,
        settings: pipelineSettings(settings),
        scope,
        defer,
        ...(onEvent ? { onEvent } : {}),
        ...(signal ? { signal } : {}),
      },
      id,
      input,
      edition,
    ).catch((error: unknown) => {
      throw settings.REPLAY && error instanceof ModelRefusedRequestError ? explainReplay(error) : error
    })
    void running.then(
      (result) => recordUsed(result, false),
      () => undefined,
    )
    // A stream whose client goes away still ends its run (promptly: the signal stops new
    // model calls), which hands its writes to waitUntil in turn.
    signal?.addEventListener('abort', () => defer(running.catch(() => undefined)), { once: true })
    return running
  }

  const stored = await cache.getResult(id)
  // A result served whole from the cache costs no model call, so only misses spend the caller's budget.
  if (!stored) await enforceRateLimit(c.env.RATE_LIMITER, caller)
  else recordUsed(stored, true)
  if (format === 'sse')
    return streamTranslation(c, { id, model: model.model, paragraphCount: paragraphs.length, stored, run })
  if (stored) return respond(c, servedFromCache(stored), format, 'passage; hit', settings)

  // Identical requests in flight at once each run: sharing one request's promise with
  // another is not safe on Workers (see docs/decisions.md); the second mostly hits the cache.
  const started = Date.now()
  const result = await run()
  setMetric(c, 'pipeline', Date.now() - started, 'cache lookups and model calls')
  // The writes finish after the response: it does not claim they were stored.
  const cached = result.usage.cached_paragraphs
  return respond(
    c,
    result,
    format,
    `passage; fwd=miss; detail="${cached} of ${paragraphs.length} paragraphs from cache"`,
    settings,
  )
})

translations.get('/:id', async (c) => {
  const id = c.req.param('id')
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const notFound = new NotFoundError(
    `No translation ${id} is stored here: ids come from POST /v1/translations, and results expire after CACHE_TTL_SECONDS.`,
  )
  if (!isResultId(id)) throw notFound
  const settings = readSettings(c.env)
  const stored = await createCache(c.env, settings).getResult(id)
  if (!stored) throw notFound
  if (format === 'sse') {
    return streamTranslation(c, {
      id,
      model: stored.model,
      paragraphCount: stored.paragraphs.length,
      stored,
      run: () => Promise.resolve(stored),
    })
  }
  return respond(c, stored, format, 'passage; hit', settings)
})

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The article's text: as sent, or extracted from the page sent or linked to. */
async function articleOf(
  request: TranslationRequest | PageTranslationRequest,
  settings: Settings,
  requestUrl: string,
): Promise<{ text: string; edition?: Edition }> {
  if ('text' in request) return { text: request.text }
  if ('html' in request) return editionOf(await extractArticle(request.html, 'The HTML body'))
  const allowLocal = settings.ALLOW_LOCAL_PAGES && LOCAL_HOSTS.has(new URL(requestUrl).hostname)
  const page = await fetchPage(request.url, {
    fetch: (input, init) => fetch(input, init),
    ...PAGE_FETCH_DEFAULTS,
    allowLocal,
  })
  return editionOf(await extractArticle(page.html, page.url), page.url)
}

function respond(
  c: Context<AppEnv>,
  result: TranslationResult,
  format: Exclude<Format, 'sse'>,
  cacheStatus: string,
  settings: Settings,
): Response {
  c.header('Location', `/v1/translations/${result.id}`)
  c.header('Cache-Status', cacheStatus)
  c.header('Vary', 'Accept')
  // A result's address is its capability: no shared cache may keep it, nor a browser's disk.
  c.header('Cache-Control', 'private, no-store')
  if (format === 'md') return c.body(renderMarkdown(result), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
  if (format === 'html') return c.html(renderResultPage(result, { replay: settings.REPLAY }))
  return c.json(result)
}

/** In replay mode, a request the replay model refused as unrecorded gets its own problem. */
function explainReplay(error: ModelRefusedRequestError): Error {
  return error.extensions.provider_code === 'no_recording' ? new NoRecordingError(error.extensions) : error
}
