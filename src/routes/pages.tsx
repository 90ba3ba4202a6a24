/** GET / (the reading page) and its two static assets. */

import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { readSettings } from '../config'
import { readerCss, readerJs, renderReaderPage } from '../page'

export const pages = new Hono<AppEnv>()

pages.get('/', (c) => c.html(renderReaderPage({ replay: readSettings(c.env).REPLAY })))

pages.get('/assets/reader.js', (c) =>
  c.body(readerJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
)
pages.get('/assets/reader.css', (c) =>
  c.body(readerCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
)
