/**
 * The reading page: its HTML (GET /, and a stored result as text/html), its script and its
 * stylesheet (wrangler.toml's Text rules bundle both as strings; the script is served after
 * the wording functions it shares with the server's HTML).
 */

import clientScript from './reader.client.js'
import { SHARED_SCRIPT } from './text'

/** The page's script: the shared wording functions, then the script itself. */
export const readerJs = `${SHARED_SCRIPT}\n${clientScript}`
export { default as readerCss } from './reader.css'
export { renderReaderPage, renderResultPage } from './render-page'
