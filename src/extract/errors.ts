/** What can go wrong between a link and an article, each with its problem type. */

import { ServiceError } from '../errors'
import type { ProblemExtensions } from '../schemas/problem'

/** What a failed fetch adds to its problem: which way it failed, and the figure that shows it. */
export type PageFetchDetails = Pick<ProblemExtensions, 'page_status' | 'content_type' | 'limit_bytes'> & {
  reason: 'status' | 'content-type' | 'too-large' | 'timeout' | 'redirects' | 'network'
}

/** The link cannot or may not be fetched: scheme, blocked address, redirect loop. */
export class BlockedAddressError extends ServiceError {
  constructor(url: string, reason: string) {
    super({
      type: 'blocked-address',
      title: 'This link cannot be fetched',
      status: 400,
      detail:
        `The worker does not fetch ${url}: ${reason}. ` +
        'Send a public http(s) link to the article, or the page itself as text/html.',
      extensions: { url },
    })
  }
}

/**
 * The site answered, but not with a page we can read: an error status, a non-HTML type,
 * too large, too slow.
 */
export class PageFetchError extends ServiceError {
  constructor(url: string, reason: string, extensions: PageFetchDetails) {
    super({
      type: 'page-fetch-failed',
      title: 'The page could not be fetched',
      status: 502,
      detail:
        `Fetching ${url} failed: ${reason}. If the page opens in your browser, ` +
        'paste its text (text/plain) or save it and send it as text/html.',
      extensions: { url, ...extensions },
    })
  }
}

/** The page was read, but it holds no article (a home page, a section front, a search). */
export class NotAnArticleError extends ServiceError {
  constructor(where: string, reason: string) {
    super({
      type: 'not-an-article',
      title: 'The page is not an article',
      status: 422,
      detail: `${where} does not look like a news article: ${reason}. Send a link to one article, or paste its text.`,
      extensions: where.startsWith('http') ? { url: where } : {},
    })
  }
}

/** The page shows subscribers the article, and everybody else its opening lines. */
export class PaywalledArticleError extends ServiceError {
  constructor(where: string, visibleParagraphs: number) {
    super({
      type: 'paywalled-article',
      title: 'The article is behind a paywall',
      status: 422,
      detail:
        `${where} shows only the opening of the article ` +
        `(${visibleParagraphs} ${visibleParagraphs === 1 ? 'paragraph' : 'paragraphs'}) to readers without a ` +
        "subscription. If you subscribe, paste the article's text instead: the worker translates what it is " +
        'given, and does not log in.',
      extensions: { ...(where.startsWith('http') ? { url: where } : {}), visible_paragraphs: visibleParagraphs },
    })
  }
}
