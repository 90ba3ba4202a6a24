/** GET / (the reading page) and its two static assets. */

import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { configured } from '../http/settings'
import { readerCss, readerJs, renderReaderPage } from '../page'

export const pages = new Hono<AppEnv>()

// Behind `configured`: a misconfigured deployment says so at once, not on the first translation.
pages.get('/', configured, (c) => c.html(renderReaderPage()))

pages.get('/assets/reader.js', (c) =>
  c.body(readerJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
)
pages.get('/assets/reader.css', (c) =>
  c.body(readerCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
)
