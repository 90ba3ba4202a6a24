/** POST /v1/translations and GET /v1/translations/{id}. */

import { type Context, Hono } from 'hono'
import { setMetric } from 'hono/timing'
import type { AppEnv } from '../app-env'
import { isResultId, resultId, reviewedVersion } from '../cache/keys'
import { readSettings, type Settings } from '../config'
import { ModelRefusedRequestError, NoRecordingError, NotFoundError, UnauthorizedError } from '../errors'
import { authenticate } from '../http/auth'
import { enforceRateLimit, limitFailedAuthentication } from '../http/rate-limit'
import { editionOf, extractArticle, fetchPage, PAGE_FETCH_DEFAULTS } from '../extract'
import { type PageTranslationRequest, readTranslationRequest } from '../http/read-body'
import { type Edition, produceResult, servedFromCache } from '../pipeline/produce-result'
import { createSingleFlight } from '../pipeline/single-flight'
import type { PipelineEvent } from '../pipeline/translate-article'
import { validateArticle } from '../pipeline/validate-article'
import { effectiveGlossary, loadPrompts } from '../prompts'
import { chooseFormat, type Format } from '../render/format'
import { renderResultPage } from '../render/html'
import { renderMarkdown } from '../render/markdown'
import type { TranslationRequest } from '../schemas/request'
import type { TranslationResult } from '../schemas/response'
import { createCache, createModel, idSecret, pipelineSettings } from '../services'
import { streamTranslation } from './stream'

export const translations = new Hono<AppEnv>()

// Identical non-streaming requests in flight at once (same id) share one run.
const inFlight = createSingleFlight<TranslationResult>()

// Room for JSON framing and a glossary around an article at the character limit.
const BODY_OVERHEAD_BYTES = 64 * 1024

translations.post('/', async (c) => {
  const settings = readSettings(c.env)
  const caller = await authenticate(c.req.raw, settings).catch(async (error: unknown) => {
    if (error instanceof UnauthorizedError) await limitFailedAuthentication(c.env.RATE_LIMITER, c.req.header('cf-connecting-ip') ?? 'unknown')
    throw error
  })
  console.log(`${c.get('requestId')}: translation requested by ${caller.name}`)
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const request = await readTranslationRequest(c.req.raw, { maxBytes: settings.MAX_ARTICLE_CHARS * 4 + BODY_OVERHEAD_BYTES, maxPageBytes: PAGE_FETCH_DEFAULTS.maxBytes })
  const { text, edition } = await articleOf(request, settings, c.req.url)
  const paragraphs = validateArticle(text, { maxChars: settings.MAX_ARTICLE_CHARS, maxParagraphs: settings.MAX_PARAGRAPHS })

  const model = createModel(c.env, settings)
  const prompts = await loadPrompts()
  const secondOpinion = request.second_opinion ?? settings.SECOND_OPINION
  // An edition (source, headline) is part of the result, so the same text read from another page is another result.
  const version = reviewedVersion(prompts.version, secondOpinion) + (edition ? `+edition:${JSON.stringify(edition)}` : '')
  const id = await resultId(idSecret(settings, c.req.url), { model: model.model, promptVersion: version }, request.glossary, request.summary, paragraphs)
  const cache = createCache(c.env, settings)
  const input = { paragraphs, summary: request.summary, glossary: effectiveGlossary(prompts, request.glossary), secondOpinion }
  const run = (onEvent?: (event: PipelineEvent) => void, signal?: AbortSignal) =>
    produceResult({ model, cache, prompts, settings: pipelineSettings(settings), ...(onEvent ? { onEvent } : {}), ...(signal ? { signal } : {}) }, id, input, edition).catch(
      (error: unknown) => {
        throw settings.REPLAY && error instanceof ModelRefusedRequestError ? explainReplay(error) : error
      },
    )

  const stored = await cache.getResult(id)
  // A result served whole from the cache costs no model call, so only misses spend the caller's budget.
  if (!stored) await enforceRateLimit(c.env.RATE_LIMITER, caller)
  if (format === 'sse') return streamTranslation(c, { id, model: model.model, paragraphCount: paragraphs.length, stored, run })
  if (stored) return respond(c, servedFromCache(stored), format, 'passage; hit', settings)

  const started = Date.now()
  const { value: result, joined } = await inFlight.run(id, () => run())
  setMetric(c, 'pipeline', Date.now() - started, 'cache lookups and model calls')
  if (joined) return respond(c, servedFromCache(result), format, 'passage; hit; detail="joined an identical request in flight"', settings)
  const cached = result.usage.cached_paragraphs
  return respond(c, result, format, `passage; fwd=miss; stored; detail="${cached} of ${paragraphs.length} paragraphs from cache"`, settings)
})

translations.get('/:id', async (c) => {
  const id = c.req.param('id')
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const notFound = new NotFoundError(`No translation ${id} is stored here: ids come from POST /v1/translations, and results expire after CACHE_TTL_SECONDS.`)
  if (!isResultId(id)) throw notFound
  const settings = readSettings(c.env)
  const stored = await createCache(c.env, settings).getResult(id)
  if (!stored) throw notFound
  if (format === 'sse') {
    return streamTranslation(c, { id, model: stored.model, paragraphCount: stored.paragraphs.length, stored, run: () => Promise.resolve(stored) })
  }
  return respond(c, stored, format, 'passage; hit', settings)
})

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The article's text: as sent, or extracted from the page sent or linked to. */
async function articleOf(request: TranslationRequest | PageTranslationRequest, settings: Settings, requestUrl: string): Promise<{ text: string; edition?: Edition }> {
  if ('text' in request) return { text: request.text }
  if ('html' in request) return editionOf(await extractArticle(request.html, 'The HTML body'))
  const allowLocal = settings.ALLOW_LOCAL_PAGES && LOCAL_HOSTS.has(new URL(requestUrl).hostname)
  const page = await fetchPage(request.url, { fetch: (input, init) => fetch(input, init), ...PAGE_FETCH_DEFAULTS, allowLocal })
  return editionOf(await extractArticle(page.html, page.url), page.url)
}

function respond(c: Context<AppEnv>, result: TranslationResult, format: Exclude<Format, 'sse'>, cacheStatus: string, settings: Settings): Response {
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
