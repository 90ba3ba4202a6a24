/**
 * The reading page: its HTML (GET /, and a stored result as text/html), its script and its
 * stylesheet, both served as they are (wrangler.toml's Text rules bundle them as strings).
 */

export { default as readerJs } from './reader.client.js'
export { default as readerCss } from './reader.css'
export { renderReaderPage, renderResultPage } from './render-page'
