/** The article a translation request carries: read, extracted from a page if need be, and validated. */

import { createMiddleware } from 'hono/factory'
import type { ConfiguredEnv } from '../app-env'
import type { Settings } from '../config'
import { type Edition, editionOf, extractArticle, fetchPage, PAGE_FETCH_DEFAULTS } from '../extract'
import { validateArticle } from '../pipeline/validate-article'
import type { TranslationRequest } from '../schemas/request'
import { isLocalRequest } from './local'
import { type PageTranslationRequest, readTranslationRequest } from './read-body'

// Room for JSON framing and a glossary around an article at the character limit.
const BODY_OVERHEAD_BYTES = 64 * 1024

export interface Article {
  /** The request's options (summary, glossary, second opinion) as sent. */
  request: TranslationRequest | PageTranslationRequest
  /** The article's paragraphs, within MAX_ARTICLE_CHARS and MAX_PARAGRAPHS. */
  paragraphs: string[]
  /** For an article read from a page: its source and which paragraphs are headline and standfirst. */
  edition?: Edition
}

export interface ArticleVariables {
  /** The article to translate (set by `translationBody`). */
  article: Article
}

/** Reads the body (every bad input a problem), then the article's text, into `c.var.article`. */
export const translationBody = createMiddleware<ConfiguredEnv & { Variables: ArticleVariables }>(async (c, next) => {
  const { settings } = c.var
  const request = await readTranslationRequest(c.req.raw, {
    maxBytes: settings.MAX_ARTICLE_CHARS * 4 + BODY_OVERHEAD_BYTES,
    maxPageBytes: PAGE_FETCH_DEFAULTS.maxBytes,
  })
  const { text, edition } = await articleOf(request, settings, c.req.url)
  const limits = { maxChars: settings.MAX_ARTICLE_CHARS, maxParagraphs: settings.MAX_PARAGRAPHS }
  const paragraphs = validateArticle(text, limits, 'text' in request ? 'sent' : 'page')
  c.set('article', { request, paragraphs, ...(edition ? { edition } : {}) })
  await next()
})

/** The article's text: as sent, or extracted from the page sent or linked to. */
async function articleOf(
  request: TranslationRequest | PageTranslationRequest,
  settings: Settings,
  requestUrl: string,
): Promise<{ text: string; edition?: Edition }> {
  if ('text' in request) return { text: request.text }
  if ('html' in request) return editionOf(await extractArticle(request.html, 'The HTML body'))
  const page = await fetchPage(request.url, {
    fetch: (input, init) => fetch(input, init),
    ...PAGE_FETCH_DEFAULTS,
    allowLocal: settings.ALLOW_LOCAL_PAGES && isLocalRequest(requestUrl),
  })
  return editionOf(await extractArticle(page.html, page.url), page.url)
}
