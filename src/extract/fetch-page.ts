/**
 * Fetching a page for its article: http(s) to public hosts only, redirects followed by
 * hand and each target re-checked, one timeout over the whole exchange, a size cap
 * enforced while reading, HTML only, decoded as a browser would (see page-charset.ts).
 */

import { readCapped } from './read-capped'
import { checkAddress } from './address'
import { charsetParameter, decodePage } from './page-charset'
import { BlockedAddressError, PageFetchError } from './errors'

export interface FetchPageOptions {
  fetch: typeof fetch
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  /** Let loopback and private addresses through (local development only). */
  allowLocal: boolean
}

export interface FetchedPage {
  /** Where the page was finally read from, after redirects. */
  url: string
  html: string
}

export const PAGE_FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 3 * 1024 * 1024, maxRedirects: 5 } as const

const USER_AGENT = 'passage/0.1 (French-English translation service; fetches one page when a user pastes its ' + 'link)'
const HTML_TYPES = ['text/html', 'application/xhtml+xml']

export async function fetchPage(link: string, options: FetchPageOptions): Promise<FetchedPage> {
  let url = parseLink(link)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  try {
    for (let hop = 0; ; hop++) {
      const verdict = checkAddress(url, { allowLocal: options.allowLocal })
      if (!verdict.ok)
        throw new BlockedAddressError(
          url.href,
          hop === 0 ? verdict.reason : `a redirect led there, and ${verdict.reason}`,
        )
      const response = await options
        .fetch(url.href, {
          redirect: 'manual',
          signal: controller.signal,
          headers: {
            'User-Agent': USER_AGENT,
            Accept: 'text/html,application/xhtml+xml;q=0.9',
            'Accept-Language': 'fr,en;q=0.5',
          },
        })
        .catch(() => {
          throw controller.signal.aborted
            ? new PageFetchError(url.href, `the site did not answer within ${options.timeoutMs / 1000} seconds`, {
                reason: 'timeout',
              })
            : new PageFetchError(
                url.href,
                // The runtime's own message ("internal error; reference = …") means nothing to a caller.
                'the connection failed (the site refused or dropped it, or its name does not resolve)',
                { reason: 'network' },
              )
        })
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel()
        if (hop >= options.maxRedirects)
          throw new PageFetchError(url.href, `more than ${options.maxRedirects} redirects`, { reason: 'redirects' })
        url = new URL(response.headers.get('location') ?? '', url)
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new PageFetchError(
          url.href,
          `the site answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
          { reason: 'status', page_status: response.status },
        )
      }
      const contentType = response.headers.get('content-type') ?? ''
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
      if (!HTML_TYPES.includes(mediaType)) {
        await response.body?.cancel()
        throw new PageFetchError(url.href, `it is ${mediaType || 'of no declared type'}, not an HTML page`, {
          reason: 'content-type',
          content_type: mediaType,
        })
      }
      const bytes = await readPage(response, options.maxBytes, url.href, controller.signal, options.timeoutMs)
      return { url: url.href, html: decodePage(bytes, charsetParameter(contentType)) }
    }
  } finally {
    clearTimeout(timer)
  }
}

function parseLink(link: string): URL {
  try {
    return new URL(link.trim())
  } catch {
    throw new BlockedAddressError(link, 'it is not an absolute link (it should start with https://)')
  }
}

async function readPage(
  response: Response,
  maxBytes: number,
  url: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new PageFetchError(url, `the page is larger than ${Math.round(maxBytes / 1024)} KiB`, {
      reason: 'too-large',
      limit_bytes: maxBytes,
    })
  try {
    return await readCapped(response.body, response.headers.get('content-length'), maxBytes, tooLarge)
  } catch (error) {
    if (signal.aborted)
      throw new PageFetchError(url, `the page did not arrive within ${timeoutMs / 1000} seconds`, { reason: 'timeout' })
    throw error
  }
}
