/**
 * What a page says about itself: OpenGraph and article meta tags, the canonical link,
 * `<title>`, and JSON-LD (a NewsArticle, alone, in a list or in an `@graph`).
 */

import { decodeEntities } from './entities'

export interface PageMetadata {
  headline?: string
  /** Where the headline came from: a page's `<title>` names the site too, and is taken last. */
  headlineFrom?: 'json-ld' | 'og' | 'title'
  /** The site's name that ended the `<title>` (" - Le Parisien"), left out of the headline. */
  titleSite?: string
  description?: string
  byline?: string
  published?: string
  site?: string
  canonicalUrl?: string
  /** The page declares itself an article (og:type article or a JSON-LD *Article). */
  isArticle: boolean
  /** JSON-LD says the article, or a part of it, is not free to read (`isAccessibleForFree: false`). */
  notFree: boolean
  /** The article's whole text, when its JSON-LD gives it (`articleBody`). */
  articleBody?: string
}

const ARTICLE_TYPES = new RegExp(
  '^(?:News|Reportage|Analysis|Opinion|Review|Background|Report|Satirical|Scholarly|Tech|' +
    'Social)?Article$|^(?:Blog|Live)?(?:Posting|BlogPosting)$',
)

/** Adds the metadata handlers to `rewriter`, streams `html` through it, and reads what they saw. */
export async function readMetadata(rewriter: HTMLRewriter, html: string): Promise<PageMetadata> {
  const meta = new Map<string, string>()
  const jsonLd: string[] = []
  let title = ''
  let canonical: string | undefined
  let script: string | undefined

  const transformed = rewriter
    .on('meta[content]', {
      element(el) {
        const key = (
          el.getAttribute('property') ??
          el.getAttribute('name') ??
          el.getAttribute('itemprop') ??
          ''
        ).toLowerCase()
        if (key !== '' && !meta.has(key)) meta.set(key, decodeEntities(el.getAttribute('content') ?? '').trim())
      },
    })
    .on('link[rel="canonical"]', {
      element(el) {
        canonical ??= el.getAttribute('href') ?? undefined
      },
    })
    .on('head > title', {
      text(chunk) {
        title += chunk.text
      },
    })
    .on('script[type="application/ld+json"]', {
      element() {
        script = ''
      },
      text(chunk) {
        script = (script ?? '') + chunk.text
        if (chunk.lastInTextNode) {
          jsonLd.push(script)
          script = undefined
        }
      },
    })
    .transform(new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }))
  await transformed.arrayBuffer()

  const article = jsonLd.flatMap(parseJsonLd).find((node) => typeOf(node).some((t) => ARTICLE_TYPES.test(t)))
  const ogType = meta.get('og:type')
  const site = meta.get('og:site_name') ?? text(record(article?.publisher)?.name)
  const fromTitle =
    title.trim() !== '' ? splitTitle(decodeEntities(title).replace(/\s+/g, ' ').trim(), site) : undefined
  const ldHeadline = text(article?.headline)
  const ogHeadline = meta.get('og:title') || undefined
  const headline = ldHeadline ?? ogHeadline ?? fromTitle?.headline
  const headlineFrom = ldHeadline ? 'json-ld' : ogHeadline ? 'og' : fromTitle ? 'title' : undefined
  return {
    ...defined('headline', headline),
    ...(headlineFrom ? { headlineFrom } : {}),
    ...defined('titleSite', fromTitle?.site),
    ...defined('description', text(article?.description) ?? meta.get('og:description') ?? meta.get('description')),
    ...defined('byline', authors(article?.author) ?? meta.get('author') ?? meta.get('article:author')),
    ...defined('published', text(article?.datePublished) ?? meta.get('article:published_time') ?? meta.get('date')),
    ...defined('site', site),
    ...defined('canonicalUrl', canonical ?? meta.get('og:url')),
    ...defined('articleBody', typeof article?.articleBody === 'string' ? article.articleBody : undefined),
    isArticle: article !== undefined || ogType === 'article',
    notFree: article !== undefined && [article, ...parts(article.hasPart)].some((n) => notFree(n.isAccessibleForFree)),
  }
}

// The site's name after the last " - ", " | ", " – " or " — " of a <title>: the site given by the page, or a short
// name of capitalised words ("Le Parisien", "Le Monde.fr", "20 Minutes"), not the end of a headline ("Kiev bombardée").
const TITLE_SITE = /^(.+)\s[-|–—]\s(.+)$/
const SITE_NAME =
  /^(?:[\p{Lu}\d][\p{L}\d'’.-]*|[\p{L}\d-]+\.(?:fr|com|net|info|org))(?: [\p{Lu}\d][\p{L}\d'’.-]*){0,3}$/u

/** A `<title>` as the article's headline and the site's name that ends it, if it ends with one. */
export function splitTitle(title: string, site?: string): { headline: string; site?: string } {
  const parts = TITLE_SITE.exec(title)
  const [, headline, suffix] = parts ?? []
  if (headline === undefined || suffix === undefined) return { headline: title }
  const named = site !== undefined && suffix.toLowerCase() === site.trim().toLowerCase()
  return named || (suffix.length <= 40 && SITE_NAME.test(suffix)) ? { headline, site: suffix } : { headline: title }
}

type Node = Record<string, unknown>

function parseJsonLd(source: string): Node[] {
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch {
    return []
  }
  const nodes: Node[] = []
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit)
    else if (record(v)) {
      nodes.push(v as Node)
      if (Array.isArray((v as Node)['@graph'])) visit((v as Node)['@graph'])
    }
  }
  visit(value)
  return nodes
}

function typeOf(node: Node): string[] {
  const t = node['@type']
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : []
}

function record(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? decodeEntities(v).trim() : undefined
}

function authors(v: unknown): string | undefined {
  const list = (Array.isArray(v) ? v : [v])
    .map((a) => text(a) ?? text(record(a)?.name))
    .filter((a): a is string => a !== undefined)
  return list.length > 0 ? list.join(', ') : undefined
}

function parts(v: unknown): Node[] {
  return (Array.isArray(v) ? v : [v]).map(record).filter((n): n is Node => n !== undefined)
}

/** `false`, or the string "False" some sites write. */
function notFree(v: unknown): boolean {
  return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false')
}

function defined<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: string }
}
