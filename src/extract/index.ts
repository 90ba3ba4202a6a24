/** From a link or a pasted page to the article's text: fetching, extraction, their problems. */

export { checkAddress } from './address'
export { BlockedAddressError, NotAnArticleError, PageFetchError, PaywalledArticleError } from './errors'
export { type ExtractedArticle, extractArticle } from './extract-article'
export { type FetchedPage, fetchPage, type FetchPageOptions, PAGE_FETCH_DEFAULTS } from './fetch-page'
export { type Edition, editionOf } from './edition'
export { charsetParameter, decodePage, isKnownCharset } from './page-charset'
