/** POST /v1/translations and GET /v1/translations/{id}. */

import { type Context, Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { type SSEStreamingApi, streamSSE } from 'hono/streaming'
import { setMetric } from 'hono/timing'
import type { ConfiguredEnv } from '../app-env'
import { isResultId } from '../cache/keys'
import { clipped, NotFoundError } from '../errors'
import { authenticated, type CallerVariables } from '../http/auth'
import { type Format, negotiated } from '../http/negotiate'
import { rateLimited } from '../http/rate-limit'
import { configured } from '../http/settings'
import { translationBody } from '../http/translation-body'
import { identified } from '../http/translation-job'
import { servedFromCache } from '../pipeline/produce-result'
import { renderResultPage } from '../page'
import { renderMarkdown } from '../render/markdown'
import { writeResultEvents, writeTranslationEvents } from '../render/stream'
import type { TranslationResult } from '../schemas/response'

export const translations = new Hono<ConfiguredEnv>()

translations.use(configured)

/** Logs who asked, whatever becomes of the request. */
const logged = createMiddleware<ConfiguredEnv & { Variables: CallerVariables }>(async (c, next) => {
  console.log(`${c.var.requestId}: translation requested by ${c.var.caller.name}`)
  await next()
})

// The caller, the format, the article and its result's id come from middleware; only a
// request the cache cannot answer whole spends the caller's budget (rateLimited).
translations.post('/', authenticated, logged, negotiated, translationBody, identified, rateLimited, async (c) => {
  const { job, stored, format } = c.var
  if (stored) {
    job.servedWhole(stored)
    return respond(c, servedFromCache(stored), format, 'passage; hit')
  }
  if (format === 'sse') {
    setResultHeaders(c, job.id, 'passage; fwd=miss', format)
    return eventStream(c, (stream) => writeTranslationEvents(stream, { ...job, requestId: c.var.requestId }))
  }

  // Identical requests in flight at once each run: sharing one request's promise with
  // another is not safe on Workers (see docs/decisions.md); the second mostly hits the cache.
  const started = Date.now()
  const result = await job.run()
  setMetric(c, 'pipeline', Date.now() - started, 'cache lookups and model calls')
  // The writes finish after the response: it does not claim they were stored.
  const cached = `${result.usage.cached_paragraphs} of ${job.paragraphCount} paragraphs from cache`
  return respond(c, result, format, `passage; fwd=miss; detail="${cached}"`)
})

translations.get('/:id', negotiated, async (c) => {
  const id = c.req.param('id')
  const notFound = new NotFoundError(
    `No translation ${clipped(id)} is stored here. Ids come from POST /v1/translations on this deployment; a result ` +
      'is stored once its translation finishes (a request that ended with an error stored none: send the ' +
      'article again, and what it translated comes from the cache), and expires after CACHE_TTL_SECONDS.',
  )
  if (!isResultId(id)) throw notFound
  const stored = await c.var.services.cache.getResult(id)
  if (!stored) throw notFound
  return respond(c, stored, c.var.format, 'passage; hit')
})

function setResultHeaders(c: Context, id: string, cacheStatus: string, format: Format): void {
  c.header('Location', `/v1/translations/${id}`)
  c.header('Cache-Status', cacheStatus)
  c.header('Vary', 'Accept')
  // A result's address is its capability: no shared cache may keep it, nor a browser's disk.
  c.header('Cache-Control', 'private, no-store')
  // Proxies that buffer (nginx) would hold the events back.
  if (format === 'sse') c.header('X-Accel-Buffering', 'no')
}

/** A finished result in the format asked for: JSON, Markdown, the reading page, or its events. */
function respond(c: Context, result: TranslationResult, format: Format, cacheStatus: string): Response {
  setResultHeaders(c, result.id, cacheStatus, format)
  if (format === 'sse') return eventStream(c, (stream) => writeResultEvents(stream, result))
  if (format === 'md') return c.body(renderMarkdown(result), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
  if (format === 'html') return c.html(renderResultPage(result))
  return c.json(result)
}

/** Server-sent events, kept out of every cache like any result (streamSSE would say `no-cache`). */
function eventStream(c: Context, write: (stream: SSEStreamingApi) => Promise<void>): Response {
  const response = streamSSE(c, write)
  // After streamSSE, which sets `no-cache` among the context's headers, the response's own.
  c.header('Cache-Control', 'private, no-store')
  return response
}
