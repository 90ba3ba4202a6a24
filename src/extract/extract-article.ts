/**
 * A news page → its article: headline, standfirst, byline, date, site and body
 * paragraphs, read in one streaming pass of HTMLRewriter. What a reader skips is left
 * out: navigation, share buttons, figures and their captions, "Lire aussi" links,
 * newsletters, ads. Metadata comes from JSON-LD and OpenGraph when the page has them.
 */

import { decodeEntities } from './entities'
import { NotAnArticleError, PaywalledArticleError } from './errors'
import { bylineAuthors } from './byline'
import { readMetadata, type PageMetadata } from './metadata'

export interface ExtractedArticle {
  headline: string
  standfirst?: string
  byline?: string
  /** As the page states it (ISO 8601 on the sites we know). */
  published?: string
  site?: string
  /** The page's canonical address when it gives one. */
  canonicalUrl?: string
  paragraphs: string[]
}

// Containers whose text is never the article's. Counted open/closed as the page streams.
const SKIPPED = [
  'nav',
  'aside',
  'footer',
  'figure',
  'figcaption',
  'form',
  'button',
  'noscript',
  'template',
  'iframe',
  'svg',
  'script',
  'style',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[class*="share"]',
  '[class*="social"]',
  '[class*="related"]',
  '[class*="newsletter"]',
  '[class*="paywall"]',
  '[class*="caption"]',
  '[class*="advert"]',
  '[class~="ad"]',
  '[class~="pub"]',
  '[class*="banner"]',
  '[class*="comments"]',
  '[class*="breadcrumb"]',
  '[class*="siblings"]',
  '[class*="read-also"]',
  '[class*="lire-aussi"]',
  '[class*="dfp"]',
].join(', ')

const STANDFIRST =
  '[class*="chapo"], [class*="standfirst"], [class*="article__desc"], [class*="chapeau"], [class*="lede"]'
const BODY =
  '[itemprop="articleBody"], [class*="article__content"], [class*="article-body"], [class*="article__body"], ' +
  '[class*="c-body"]'
const BYLINE = '[rel="author"], [class*="author"], [class*="byline"], [class*="signature"]'

// Lines that point elsewhere or sell something, whatever their markup.
const NOT_PROSE = new RegExp(
  '^(?:(?:à |a )?lire aussi|lire la suite|(?:à )?voir aussi|(?:à )?(?:regarder|écouter)|abonnez-vous|' +
    String.raw`inscrivez-vous|partager|publicité|newsletter|suivez-nous|retrouvez|(?:vos )?réactions?\b)`,
  'i',
)

// What a paywall leaves where the rest of the article would be.
const PAYWALL = new RegExp(
  String.raw`il vous reste \d+ ?% de cet article à lire|la suite est réservée aux abonnés|` +
    String.raw`cet article est réservé aux abonnés|réservé à nos abonnés|pour lire la suite|déjà abonné \?`,
  'i',
)

interface Block {
  text: string
  kind: 'p' | 'h1' | 'heading'
  skipped: boolean
  inBody: boolean
  inArticle: boolean
  inMain: boolean
  standfirst: boolean
}

/**
 * Extracts the article from a page. `where` (the link, or "The HTML body") names the page
 * in the problems: {@link NotAnArticleError} for a page without one article,
 * {@link PaywalledArticleError} for a subscribers-only stub.
 */
export async function extractArticle(html: string, where: string): Promise<ExtractedArticle> {
  const depth = { skipped: 0, body: 0, article: 0, main: 0, standfirst: 0, time: 0 }
  const blocks: Block[] = []
  // Each byline element's whole text (to leave it out of the body) and its text outside <time> (its authors).
  const bylines: Array<{ whole: string; names: string }> = []
  const times: string[] = []
  let articles = 0
  let paywallMarkup = false
  let current: Block | undefined
  let byline: { whole: string; names: string } | undefined

  const count = (key: keyof typeof depth) => ({
    element(el: Element) {
      if (key === 'skipped' && /paywall/i.test(el.getAttribute('class') ?? '')) paywallMarkup = true
      if (key === 'article' && depth.article === 0) articles++
      depth[key]++
      try {
        el.onEndTag(() => {
          depth[key]--
        })
      } catch {
        depth[key]-- // a void element: it holds nothing
      }
    },
  })
  const block = (kind: Block['kind']) => ({
    element(el: Element) {
      current = {
        text: '',
        kind,
        skipped: depth.skipped > 0,
        inBody: depth.body > 0,
        inArticle: depth.article > 0,
        inMain: depth.main > 0,
        standfirst:
          depth.standfirst > 0 || /chapo|standfirst|article__desc|chapeau|lede/i.test(el.getAttribute('class') ?? ''),
      }
      blocks.push(current)
      const mine = current
      try {
        el.onEndTag(() => {
          if (current === mine) current = undefined
        })
      } catch {
        // unclosed: the next block starts a new one
      }
    },
    text(chunk: Text) {
      if (current) current.text += chunk.text
    },
  })

  const metadata: PageMetadata = await readMetadata(
    new HTMLRewriter()
      .on(SKIPPED, count('skipped'))
      .on(BODY, count('body'))
      .on('article', count('article'))
      .on('main, [role="main"]', count('main'))
      .on(`div${STANDFIRST.split(', ').join(', div')}`, count('standfirst'))
      .on('p', block('p'))
      .on('h1', block('h1'))
      .on('h2, h3', block('heading'))
      .on('br', {
        element() {
          if (current) current.text += ' '
          if (byline) {
            byline.whole += ' '
            byline.names += ' '
          }
        },
      })
      .on('time', count('time'))
      .on('time[datetime]', {
        element(el) {
          if (depth.skipped === 0) times.push(el.getAttribute('datetime') ?? '')
        },
      })
      .on(BYLINE, {
        element(el) {
          if (depth.skipped > 0) return
          byline = { whole: '', names: '' }
          const mine = byline
          bylines.push({ whole: '', names: '' })
          const at = bylines.length - 1
          try {
            el.onEndTag(() => {
              bylines[at] = { ...mine }
              if (byline === mine) byline = undefined
            })
          } catch {
            byline = undefined
          }
        },
        text(chunk) {
          if (!byline) return
          byline.whole += chunk.text
          if (depth.time === 0) byline.names += chunk.text
        },
      }),
    html,
  )

  const clean = (b: Block) => ({ ...b, text: tidy(b.text) })
  const all = blocks.map(clean).filter((b) => b.text !== '')
  const paywalled = paywallMarkup || all.some((b) => PAYWALL.test(b.text)) || metadata.paywallText

  const headline = all.find((b) => b.kind === 'h1' && !b.skipped)?.text ?? metadata.headline
  const visible = all.filter((b) => !b.skipped && b.kind !== 'h1' && !NOT_PROSE.test(b.text) && !PAYWALL.test(b.text))
  const scope =
    [(b: Block) => b.inBody, (b: Block) => b.inArticle, (b: Block) => b.inMain, () => true]
      .map((inScope) => visible.filter(inScope))
      .find((list) => list.some((b) => b.kind === 'p' && !b.standfirst)) ?? []
  const standfirstBlock = visible.find((b) => b.standfirst)
  const standfirst = standfirstBlock?.text ?? metadata.description
  const body = scope
    .filter((b) => !b.standfirst && b.text !== standfirst && b.text !== headline && !looksLikeByline(b.text, bylines))
    .map((b) => b.text)
  const prose = body.filter((text) => text.length >= 40)

  if (paywalled) throw new PaywalledArticleError(where, prose.length)
  if (!headline) throw new NotAnArticleError(where, 'it has no headline (no <h1>, og:title or JSON-LD headline)')
  if (articles > 2 && !metadata.isArticle)
    throw new NotAnArticleError(where, `it lists ${articles} articles rather than holding one`)
  const chars = prose.reduce((n, p) => n + p.length, 0)
  if (prose.length < 2 || chars < 300) {
    throw new NotAnArticleError(
      where,
      `it holds ${prose.length} ${prose.length === 1 ? 'paragraph' : 'paragraphs'} of prose (${chars} ` +
        `characters), ` +
        `too little for an article`,
    )
  }

  const author =
    (metadata.byline !== undefined ? bylineAuthors(metadata.byline) : undefined) ??
    bylines.map((b) => bylineAuthors(tidy(b.names))).find((b) => b !== undefined && b.length < 120)
  return {
    headline,
    ...(standfirst && standfirst !== headline ? { standfirst } : {}),
    ...(author ? { byline: author } : {}),
    ...((metadata.published ?? times[0]) ? { published: metadata.published ?? times[0] } : {}),
    ...(metadata.site ? { site: metadata.site } : {}),
    ...(metadata.canonicalUrl ? { canonicalUrl: metadata.canonicalUrl } : {}),
    paragraphs: body,
  }
}

/** Entities decoded, soft hyphens dropped, white space (non-breaking included) collapsed to single spaces. */
export function tidy(raw: string): string {
  return decodeEntities(raw)
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
}

function looksLikeByline(text: string, bylines: Array<{ whole: string }>): boolean {
  return /^par\s+\S+(\s+\S+){0,4}$/i.test(text) || bylines.some((b) => tidy(b.whole) === text)
}
