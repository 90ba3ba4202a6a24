/**
 * A news page → its article: headline, standfirst, byline, date, site and body
 * paragraphs, read in one streaming pass of HTMLRewriter. What a reader skips is left
 * out: navigation, share buttons, figures and their captions, "Lire aussi" links,
 * newsletters, promotions, comments, "Les plus lus", ads. Metadata comes from JSON-LD
 * and OpenGraph when the page has them.
 *
 * One element handler sees every element and registers one end-tag callback for it:
 * HTMLRewriter keeps only the last `onEndTag` registered on an element, so an element
 * that plays several parts (a paragraph that is also a "Lire aussi" box, an `<article>`
 * that is also the article's body) must have all its bookkeeping undone in one place.
 */

import { articleBodyParagraphs } from './article-body'
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

// Elements whose text is never the article's, whatever their class.
const HIDDEN_TAGS = new Set([
  'head',
  'nav',
  'aside',
  'footer',
  'figure',
  'figcaption',
  'form',
  'button',
  'select',
  'textarea',
  'noscript',
  'template',
  'iframe',
  'object',
  'video',
  'audio',
  'canvas',
  'svg',
  'script',
  'style',
  'dialog',
])
const HIDDEN_ROLES = /^(?:navigation|complementary|contentinfo|banner|dialog|alertdialog|search)$/i

// Class or id words (anywhere in the class or id) of boxes a reader skips: sharing,
// captions and credits, links elsewhere, comments, cookie banners, ads.
const CLUTTER = new RegExp(
  [
    'share',
    'social',
    'related',
    'newsletter',
    'caption',
    'legend',
    'credit',
    'copyright',
    'advert',
    'banner',
    'comment',
    'reaction',
    'breadcrumb',
    'siblings',
    String.raw`read[\s_-]*also`,
    String.raw`lire[\s_-]*aussi`,
    String.raw`a[\s_-]lire`,
    String.raw`most[\s_-]*read`,
    String.raw`plus[\s_-]*lus`,
    'popular',
    'trending',
    'recommend',
    'outbrain',
    'taboola',
    'sponsor',
    'inread',
    'dfp',
    'cookie',
    'consent',
    'didomi',
    'gdpr',
    String.raw`(?:^|[\s_-])(?:ad|ads|pub|tags?)(?=$|[\s_-])`,
  ].join('|'),
  'i',
)
// Class or id words of selling boxes ("Offre spéciale", "Je m'abonne"). Unlike clutter, a
// box so named that holds three paragraphs of prose or more is the article (some sites
// name the body of a subscribers' article "premium").
const PROMO = /premium|promo|offre|offer|subscri|abonn|paywall/i
const BODY = new RegExp(
  [
    String.raw`article[\s_-]*body`,
    'article__content',
    'article-content',
    'article__body',
    String.raw`(?:^|[\s_])c-body`,
    String.raw`(?:story|post|entry|news)[\s_-]+(?:body|content|text)(?=$|[\s_-])`,
    'fig-body',
  ].join('|'),
  'i',
)
const STANDFIRST = /chapo|standfirst|article__desc|chapeau|lede|intro/i
const BYLINE = /author|byline|signature/i
const LOGO = /logo|brand|masthead|site[\s_-]*(?:title|name)/i

// Elements that flow inside a paragraph; any other element ends a run of loose text.
const INLINE = new Set(
  (
    'a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span strong sub sup ' +
    'time u var wbr'
  ).split(' '),
)
type Kind = 'p' | 'item' | 'h1' | 'heading'
const BLOCKS: Record<string, Kind> = { p: 'p', li: 'item', h1: 'h1', h2: 'heading', h3: 'heading', h4: 'heading' }

// Where a `<br>` was: two in a row part paragraphs, one is a space.
const BREAK = '\ue000'
const TWO_BREAKS = new RegExp(`${BREAK}\\s*${BREAK}`)

// Lines that point elsewhere or sell something, whatever their markup.
const NOT_PROSE = new RegExp(
  '^(?:(?:à |a )?lire aussi|lire la suite|(?:à )?voir aussi|(?:à )?(?:regarder|écouter)|abonnez-vous|' +
    String.raw`inscrivez-vous|partager|publicité|newsletter|suivez-nous|retrouvez|(?:vos )?réactions?\b|` +
    "les plus lus|offre spéciale|profitez|je m['’]abonne|s['’]abonner|se connecter|déjà abonné|recevez )",
  'i',
)

// What a paywall leaves where the rest of the article would be: the page says the rest is hidden.
const PAYWALL_NOTICE = new RegExp(
  [
    String.raw`il vous reste \d+ ?% de cet article`,
    "(?:la suite|la lecture)(?: de cet article| de l['’]article| des articles)? est réservée? (?:aux|à nos) abonn",
  ].join('|'),
  'i',
)
// What a subscribers' article may show even to subscribers, or a teaser in its body: a sign, not proof. A label
// is a short line that is nothing but the label ("Article réservé aux abonnés", an "Abonnés" badge), or a short
// element marked as one by its class or attributes; a sentence of prose that mentions subscribers is article text.
const SUBSCRIBERS_LABEL = new RegExp(
  '^(?:(?:article|contenu|édition)s? )?(?:(?:réservée?s? )?(?:aux|à nos|pour les) )?' +
    String.raw`(?:abonn[\p{L}·]*|premium)(?: (?:uniquement|seulement))?[\s.!]*$`,
  'iu',
)
// "Pour lire la suite, abonnez-vous" (not "Pour lire la suite de sa carrière, il faut remonter…").
const SUBSCRIBERS_TEASER = /^pour (?:lire|découvrir) la suite\b.*(?:abonn|connect|inscri|offre|compte)/i
const LABEL_MARK = /premium|abonn|subscri|paywall/i
// A label is short: a paragraph longer than this is prose, whatever it says.
const LABEL_CHARS = { worded: 60, marked: 40, teaser: 150 }
// A line that only dates the article ("Publié le 29 novembre 2026 à 18h42 · Mis à jour le …").
const DATE_LINE = (() => {
  const day = '(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?'
  const months = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre'
  const date = String.raw`(?:${day}\d{1,2}(?:er)? (?:${months}) \d{4}|\d{1,2}/\d{1,2}/\d{2,4})`
  const time = String.raw`(?:,? à \d{1,2} ?h ?(?:\d{2})?|,? à \d{1,2}:\d{2})?`
  const stamp = `(?:publié|mis à jour|modifié|actualisé)(?: le)? ${date}${time}`
  return new RegExp(String.raw`^${stamp}(?:[\s,;|·•-]+${stamp})*\.?$`, 'i')
})()
// A link to the site's home page ("/" or the bare domain): an <h1> around one is the site's logo.
const HOME_LINK = /^(?:https?:\/\/[^/]+)?\/?(?:index\.html?)?$/i
// Below this much visible prose, a page marked for subscribers only is a teaser.
const TEASER = { paragraphs: 4, chars: 600 }

// Loose text (not in a paragraph) is prose when it ends a sentence.
const SENTENCE_END = /[.!?…»”")]$/

interface Open {
  hidden: number
  body: number
  article: number
  main: number
  standfirst: number
  time: number
  link: number
  siteHeader: number
}

interface Box {
  promo: boolean
  holdsArticle: boolean
  prose: number
}

interface Block {
  raw: string
  linked: string
  kind: Kind
  loose: boolean
  hidden: boolean
  boxes: Box[]
  inBody: boolean
  inArticle: boolean
  inMain: boolean
  standfirst: boolean
  siteHeader: boolean
  logo: boolean
  /** It holds a link to the site's home page. */
  homeLink: boolean
  /** Its class or attributes, or those of an element inside it, name it a subscribers' mark. */
  marked: boolean
  // Where the block opened: text in a hidden part or link opened inside it is counted as such.
  at: { hidden: number; boxes: number; link: number }
}

interface Frame {
  counted: Array<keyof Open>
  box?: Box
  block?: Block
  byline?: Byline
  breaks: boolean
  /** The element is named a subscribers' mark. */
  mark: boolean
}

interface Byline {
  whole: string
  names: string
}

interface Piece {
  text: string
  block: Block
  skipped: boolean
  linkOnly: boolean
}

/**
 * Extracts the article from a page. `where` (the link, or "The HTML body") names the page
 * in the problems: {@link NotAnArticleError} for a page without one article,
 * {@link PaywalledArticleError} for a subscribers-only stub.
 */
export async function extractArticle(html: string, where: string): Promise<ExtractedArticle> {
  const open: Open = { hidden: 0, body: 0, article: 0, main: 0, standfirst: 0, time: 0, link: 0, siteHeader: 0 }
  const stack: Frame[] = []
  const boxes: Box[] = []
  const openBlocks: Block[] = []
  const openBylines: Byline[] = []
  const blocks: Block[] = []
  // Each byline element's whole text (to leave it out of the body) and its text outside <time> (its authors).
  const bylines: Byline[] = []
  const times: string[] = []
  let articles = 0
  let paywallMarkup = false
  let pageText = ''
  let loose: Block | undefined

  const skippedNow = () => open.hidden > 0 || boxes.length > 0
  const newBlock = (kind: Kind, cls: string, isLoose: boolean): Block => {
    const block: Block = {
      raw: '',
      linked: '',
      kind,
      loose: isLoose,
      hidden: open.hidden > 0,
      boxes: [...boxes],
      inBody: open.body > 0,
      inArticle: open.article > 0,
      inMain: open.main > 0,
      standfirst: open.standfirst > 0 || STANDFIRST.test(cls),
      siteHeader: open.siteHeader > 0,
      logo: LOGO.test(cls),
      homeLink: false,
      marked: false,
      at: { hidden: open.hidden, boxes: boxes.length, link: open.link },
    }
    blocks.push(block)
    return block
  }

  const close = (frame: Frame) => {
    const at = stack.lastIndexOf(frame)
    if (at < 0) return
    // Elements left open inside this one (HTMLRewriter closes them first; this is a safeguard) close with it.
    for (const done of stack.splice(at).reverse()) {
      for (const key of done.counted) open[key]--
      if (done.box) boxes.splice(boxes.lastIndexOf(done.box), 1)
      if (done.block) openBlocks.splice(openBlocks.lastIndexOf(done.block), 1)
      if (done.byline) openBylines.splice(openBylines.lastIndexOf(done.byline), 1)
      if (done.breaks) loose = undefined
    }
  }

  const opened = (el: Element): Frame => {
    const tag = el.tagName.toLowerCase()
    const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    const role = el.getAttribute('role') ?? ''
    const frame: Frame = { counted: [], breaks: !INLINE.has(tag), mark: isMark(el, cls) }
    const count = (key: keyof Open) => {
      open[key]++
      frame.counted.push(key)
    }
    if (frame.breaks) loose = undefined

    const isArticle = tag === 'article'
    const isBody = el.getAttribute('itemprop') === 'articleBody' || BODY.test(cls)
    const isMain = tag === 'main' || role === 'main'
    const isPage = tag === 'html' || tag === 'body'
    // A box named like clutter that turns out to hold the article is not clutter.
    if (isArticle || isBody || isMain) for (const box of boxes) box.holdsArticle = true

    if (
      HIDDEN_TAGS.has(tag) ||
      el.hasAttribute('hidden') ||
      el.getAttribute('aria-hidden') === 'true' ||
      HIDDEN_ROLES.test(role)
    )
      count('hidden')
    if (isArticle) {
      if (open.article === 0 && !skippedNow()) articles++
      count('article')
    }
    if (isBody) count('body')
    // A word in a link or a span inside a paragraph ("tag", "credit") does not cut the paragraph.
    const inParagraph = INLINE.has(tag) && openBlocks.length > 0
    if (isMain) count('main')
    if (tag === 'header' && open.article === 0 && open.main === 0 && open.body === 0) count('siteHeader')
    if (/paywall/i.test(cls)) paywallMarkup = true
    if (!isArticle && !isBody && !isMain && !isPage && !inParagraph) {
      const promo = PROMO.test(cls)
      if (promo || CLUTTER.test(cls)) {
        frame.box = { promo: promo && !CLUTTER.test(cls), holdsArticle: false, prose: 0 }
        boxes.push(frame.box)
      }
    }
    if ((tag === 'div' || tag === 'section') && !isBody && STANDFIRST.test(cls)) count('standfirst')
    if (tag === 'time') {
      count('time')
      const datetime = el.getAttribute('datetime')
      if (datetime !== null && open.hidden === 0 && boxes.length === 0) times.push(datetime)
    }
    if (tag === 'a') count('link')
    const inBlock = openBlocks.at(-1)
    if (inBlock && tag === 'a' && HOME_LINK.test((el.getAttribute('href') ?? '').trim())) inBlock.homeLink = true
    if (inBlock && frame.mark) inBlock.marked = true
    if ((el.getAttribute('rel') === 'author' || BYLINE.test(el.getAttribute('class') ?? '')) && !skippedNow()) {
      frame.byline = { whole: '', names: '' }
      bylines.push(frame.byline)
      openBylines.push(frame.byline)
    }
    const kind = BLOCKS[tag]
    if (kind !== undefined) {
      frame.block = newBlock(kind, cls, false)
      frame.block.marked = frame.mark
      openBlocks.push(frame.block)
    }
    stack.push(frame)
    return frame
  }
  const lineBreak = () => {
    const block = openBlocks.at(-1) ?? loose
    if (block && open.hidden === block.at.hidden) block.raw += BREAK
    for (const byline of openBylines) {
      byline.whole += ' '
      byline.names += ' '
    }
  }

  const text = (chunk: string) => {
    if (open.hidden === 0) pageText += chunk
    // Text outside any paragraph, in the article or its page's main part, is a run of loose text.
    if (!openBlocks.length && !loose && open.hidden === 0 && open.body + open.article + open.main > 0)
      if (chunk.trim() !== '') {
        loose = newBlock('p', '', true)
        // Loose text is marked by the element that holds it (`<div class="badge-abonne">Abonnés</div>`).
        for (const frame of stack.toReversed()) {
          if (frame.mark) loose.marked = true
          if (frame.breaks) break
        }
      }
    const block = openBlocks.at(-1) ?? loose
    if (block && open.hidden === block.at.hidden && boxes.length === block.at.boxes) {
      block.raw += chunk
      if (open.link > block.at.link) block.linked += chunk
    }
    for (const byline of openBylines) {
      byline.whole += chunk
      if (open.time === 0) byline.names += chunk
    }
  }

  const metadata: PageMetadata = await readMetadata(
    new HTMLRewriter()
      .on('*', {
        element(el) {
          if (el.tagName.toLowerCase() === 'br') return lineBreak()
          const frame = opened(el)
          try {
            el.onEndTag(() => close(frame))
          } catch {
            close(frame) // a void element: it holds nothing
          }
        },
      })
      .onDocument({
        text(chunk) {
          text(chunk.text)
        },
      }),
    html,
  )

  const pieces = blocks.flatMap((block) => piecesOf(block))
  // A selling box that holds several paragraphs of prose is the article, not a box.
  for (const piece of pieces) if (piece.text.length >= 40) for (const box of piece.block.boxes) box.prose++
  const skipped = (block: Block) =>
    block.hidden || block.boxes.some((box) => !box.holdsArticle && !(box.promo && box.prose >= 3))
  const all = pieces.map((piece) => ({ ...piece, skipped: skipped(piece.block) }))

  // The site's header may hold its name in an <h1>, or the article's headline on a page with no other place for
  // it: the header's <h1> is the headline when it is not the site's name (nor a link to the home page), and wins
  // over the page's <title>, though not over a headline the JSON-LD or OpenGraph give.
  const h1s = all.filter((p) => p.block.kind === 'h1' && !p.skipped && !p.block.logo)
  const siteNames = [metadata.site, metadata.titleSite].filter((n) => n !== undefined).map((n) => n.toLowerCase())
  const headerHeadline = h1s.find(
    (p) => p.block.siteHeader && !p.block.homeLink && !siteNames.includes(p.text.toLowerCase()),
  )
  const headline =
    (
      h1s.find((p) => p.text === metadata.headline) ??
      h1s.find((p) => p.block.inArticle || p.block.inMain || p.block.inBody) ??
      h1s.find((p) => !p.block.siteHeader)
    )?.text ??
    (metadata.headlineFrom === 'title' ? undefined : metadata.headline) ??
    headerHeadline?.text ??
    metadata.headline ??
    h1s[0]?.text
  const visible = all.filter((p) => !p.skipped && p.block.kind !== 'h1' && !p.linkOnly && !NOT_PROSE.test(p.text))
  const scope =
    [(p: Piece) => p.block.inBody, (p: Piece) => p.block.inArticle, (p: Piece) => p.block.inMain, () => true]
      .map((inScope) => visible.filter(inScope))
      .find((list) => list.some((p) => p.block.kind !== 'heading' && !p.block.standfirst)) ?? []
  const standfirst = visible.find((p) => p.block.standfirst)?.text ?? metadata.description
  const kept = scope.filter(
    (p) =>
      !p.block.standfirst &&
      p.text !== standfirst &&
      p.text !== headline &&
      !looksLikeByline(p.text, bylines) &&
      !PAYWALL_NOTICE.test(p.text) &&
      !isSubscribersLabel(p) &&
      !DATE_LINE.test(p.text),
  )
  // A subhead with nothing after it ("Sur le même sujet") heads something that was left out.
  const lastText = kept.findLastIndex((p) => p.block.kind !== 'heading')
  let body = kept.slice(0, lastText + 1).map((p) => p.text)
  let prose = body.filter((text) => text.length >= 40)

  // A label counts in a box (a badge named "premium") but not in the site's header, outside the article.
  const labelled =
    all.some((p) => !p.block.hidden && !p.block.siteHeader && !p.linkOnly && isSubscribersLabel(p)) ||
    paywallMarkup ||
    metadata.notFree
  const teaser = prose.length < TEASER.paragraphs || sum(prose) < TEASER.chars
  if (PAYWALL_NOTICE.test(pageText) || (labelled && teaser)) throw new PaywalledArticleError(where, prose.length)
  if (!headline) throw new NotAnArticleError(where, 'it has no headline (no <h1>, og:title or JSON-LD headline)')
  if (articles > 2 && !metadata.isArticle)
    throw new NotAnArticleError(where, `it lists ${articles} articles rather than holding one`)

  // A page drawn by script may hold its text only in its JSON-LD.
  const enough = (texts: string[]) =>
    (texts.length >= 2 && sum(texts) >= 300) || (metadata.isArticle && texts.some((t) => t.length >= 100))
  if (!enough(prose) && metadata.articleBody !== undefined) {
    const fromLd = articleBodyParagraphs(metadata.articleBody)
      .map(tidy)
      .filter((t) => t !== '' && t !== headline)
    if (enough(fromLd.filter((t) => t.length >= 40))) {
      body = fromLd
      prose = body.filter((t) => t.length >= 40)
    }
  }
  if (!enough(prose)) {
    const chars = sum(prose)
    throw new NotAnArticleError(
      where,
      `it holds ${prose.length} ${prose.length === 1 ? 'paragraph' : 'paragraphs'} of prose (${chars} ` +
        'characters), too little for an article',
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

/**
 * A block's paragraphs: one, or several where two `<br>` in a row part them. Loose text
 * (outside any paragraph) counts only where it ends a sentence: a date or a list of tags
 * left in a `<div>` is not prose. Short loose text in an element marked as a subscribers'
 * badge is kept to be read as the label it is (and left out of the body).
 */
function piecesOf(block: Block): Piece[] {
  const parts = block.raw.split(TWO_BREAKS).map((part) => tidy(part.replaceAll(BREAK, ' ')))
  const bare = (text: string) => tidy(text).replace(/\s/g, '')
  const linkOnly = parts.length === 1 && bare(block.linked) !== '' && bare(block.linked) === bare(parts[0] ?? '')
  return parts
    .filter(
      (text) =>
        text !== '' &&
        (!block.loose ||
          (text.length >= 40 && SENTENCE_END.test(text)) ||
          (block.marked && text.length <= LABEL_CHARS.marked && !SENTENCE_END.test(text))),
    )
    .map((text) => ({ text, block, skipped: false, linkOnly }))
}

function sum(texts: string[]): number {
  return texts.reduce((n, t) => n + t.length, 0)
}

/** Entities decoded, soft hyphens dropped, white space (non-breaking included) collapsed to single spaces. */
export function tidy(raw: string): string {
  return decodeEntities(raw)
    .replace(/\u00ad/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
}

function looksLikeByline(text: string, bylines: Byline[]): boolean {
  return /^par\s+\S+(\s+\S+){0,4}$/i.test(text) || bylines.some((b) => tidy(b.whole) === text)
}

/** A short line that is only a subscribers' label or teaser, or a short element marked as one. */
function isSubscribersLabel(piece: Piece): boolean {
  const { text } = piece
  return (
    (text.length <= LABEL_CHARS.worded && SUBSCRIBERS_LABEL.test(text)) ||
    (text.length <= LABEL_CHARS.teaser && SUBSCRIBERS_TEASER.test(text)) ||
    (piece.block.marked && text.length <= LABEL_CHARS.marked && !SENTENCE_END.test(text))
  )
}

/** The element's class, id or an attribute's name marks it for subscribers (`class="badge-abonne"`, `data-premium`). */
function isMark(el: Element, cls: string): boolean {
  if (LABEL_MARK.test(cls)) return true
  for (const [name] of el.attributes) if (LABEL_MARK.test(name ?? '')) return true
  return false
}
