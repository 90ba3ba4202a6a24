/** POST /v1/translations and GET /v1/translations/{id}. */

import { Hono, type Context } from 'hono'
import { setMetric } from 'hono/timing'
import type { AppEnv } from '../app-env'
import { isResultId, resultId } from '../cache/keys'
import { readSettings } from '../config'
import { ModelFailedError, NotFoundError, PayloadTooLargeError, UnprocessableArticleError } from '../errors'
import { authenticate } from '../http/auth'
import { enforceRateLimit } from '../http/rate-limit'
import { readTranslationRequest } from '../http/read-body'
import { guessLanguage } from '../pipeline/language'
import { normaliseText } from '../pipeline/normalise'
import { splitParagraphs } from '../pipeline/paragraphs'
import { createSingleFlight } from '../pipeline/single-flight'
import { translateArticle } from '../pipeline/translate-article'
import { effectiveGlossary, loadPrompts } from '../prompts'
import { chooseFormat, type Format } from '../render/format'
import { renderMarkdown } from '../render/markdown'
import type { TranslationResult } from '../schemas/response'
import { createCache, createModel, idSecret, pipelineSettings } from '../services'

export const translations = new Hono<AppEnv>()

const inFlight = createSingleFlight<TranslationResult>()

// Room for JSON framing and a glossary around an article at the character limit.
const BODY_OVERHEAD_BYTES = 64 * 1024

translations.post('/', async (c) => {
  const settings = readSettings(c.env)
  const caller = await authenticate(c.req.raw, settings)
  await enforceRateLimit(c.env.RATE_LIMITER, caller)
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const request = await readTranslationRequest(c.req.raw, { maxBytes: settings.MAX_ARTICLE_CHARS * 4 + BODY_OVERHEAD_BYTES })

  const text = normaliseText(request.text)
  if (text === '') throw new UnprocessableArticleError('The article is empty: there is no text left once white space is removed.')
  if (text.length > settings.MAX_ARTICLE_CHARS) {
    throw new PayloadTooLargeError(
      `The article has ${text.length} characters; this service accepts at most ${settings.MAX_ARTICLE_CHARS} (MAX_ARTICLE_CHARS). Split it, or raise the setting.`,
      { characters: settings.MAX_ARTICLE_CHARS },
    )
  }
  const paragraphs = splitParagraphs(text)
  if (paragraphs.length > settings.MAX_PARAGRAPHS) {
    throw new PayloadTooLargeError(
      `The article has ${paragraphs.length} paragraphs; this service accepts at most ${settings.MAX_PARAGRAPHS} (MAX_PARAGRAPHS).`,
      { paragraphs: settings.MAX_PARAGRAPHS },
    )
  }

  const language = guessLanguage(text)
  if (language.verdict === 'not-french') {
    throw new UnprocessableArticleError(`This does not look like French: it looks like ${language.looksLike}. passage translates French articles into English.`, {
      looks_like: language.looksLike,
    })
  }

  const model = createModel(settings)
  const prompts = await loadPrompts()
  const keyContext = { model: model.model, promptVersion: prompts.version }
  const id = await resultId(idSecret(settings), keyContext, request.glossary, request.summary, paragraphs)
  const cache = createCache(c.env, settings)

  const stored = await cache.getResult(id)
  if (stored) return respond(c, servedFromCache(stored), format, 'passage; hit')

  // Identical requests in flight at once (same id) share one set of model calls.
  const started = Date.now()
  const { value: result, joined } = await inFlight.run(id, async () => {
    let output: Awaited<ReturnType<typeof translateArticle>>
    try {
      output = await translateArticle(
        { model, cache, prompts, settings: pipelineSettings(settings) },
        { paragraphs, summary: request.summary, glossary: effectiveGlossary(prompts, request.glossary) },
      )
    } catch (error) {
      if (settings.REPLAY && error instanceof ModelFailedError) throw explainReplay(error)
      throw error
    }
    const created: TranslationResult = {
      id,
      model: model.model,
      source_language: 'fr',
      paragraphs: output.paragraphs,
      summary: output.summary,
      usage: output.usage,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }
    await cache.putResult(created)
    return created
  })
  setMetric(c, 'pipeline', Date.now() - started, 'cache lookups and model calls')
  if (joined) return respond(c, servedFromCache(result), format, 'passage; hit; detail="joined an identical request in flight"')
  const cached = result.usage.cached_paragraphs
  return respond(c, result, format, `passage; fwd=miss; stored; detail="${cached} of ${paragraphs.length} paragraphs from cache"`)
})

translations.get('/:id', async (c) => {
  const id = c.req.param('id')
  const format = chooseFormat(c.req.query('format') ?? null, c.req.header('accept') ?? null)
  const notFound = new NotFoundError(`No translation ${id} is stored here: ids come from POST /v1/translations, and results expire after CACHE_TTL_SECONDS.`)
  if (!isResultId(id)) throw notFound
  const settings = readSettings(c.env)
  const stored = await createCache(c.env, settings).getResult(id)
  if (!stored) throw notFound
  return respond(c, stored, format, 'passage; hit')
})

/** A result this request did not pay for: every paragraph a hit, no model usage. */
function servedFromCache(result: TranslationResult): TranslationResult {
  return {
    ...result,
    paragraphs: result.paragraphs.map((p) => ({ ...p, cache: 'hit' })),
    usage: { model_calls: 0, input_tokens: 0, output_tokens: 0, cached_paragraphs: result.paragraphs.length },
  }
}

function respond(c: Context<AppEnv>, result: TranslationResult, format: Format, cacheStatus: string): Response {
  c.header('Location', `/v1/translations/${result.id}`)
  c.header('Cache-Status', cacheStatus)
  c.header('Vary', 'Accept')
  if (format === 'md') return c.body(renderMarkdown(result), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
  return c.json(result)
}

/** In replay mode a model failure almost always means "no recording for this text". */
function explainReplay(error: ModelFailedError): ModelFailedError {
  const extensions = error.problem.extensions as ConstructorParameters<typeof ModelFailedError>[1]
  return new ModelFailedError(
    `This worker answers from recorded model answers (npm run dev / npm run demo without OPENAI_API_KEY), and there is no recording for this text. Set OPENAI_API_KEY (in .dev.vars or your shell; optionally OPENAI_BASE_URL and MODEL) and restart to translate any article. ${error.problem.detail}`,
    extensions,
  )
}
