/**
 * passage: the worker's wiring. Middleware, routes, and `onError`, where every error a
 * route throws becomes problem+json (a streamed answer reports its error as an event).
 */

import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { timing } from 'hono/timing'
import type { AppEnv } from './app-env'
import { clipped, MethodNotAllowedError, NotFoundError } from './errors'
import { allowedMethods } from './http/allowed-methods'
import { problemOf, problemResponse } from './http/problem'
import { withSettings } from './http/settings'
import { openApiDocument } from './openapi'
import { health } from './routes/health'
import { pages } from './routes/pages'
import { translations } from './routes/translations'
import { usage } from './routes/usage'

// A path with a trailing slash is the same route (`/v1/translations/`), as clients and proxies add one.
const app = new Hono<AppEnv>({ strict: false })

app.use(requestId())
app.use(timing({ totalDescription: 'total' }))
app.use(withSettings)
// One strict policy for every response: the reading page may load only its own script,
// stylesheet and API; nothing may be framed, inlined or posted elsewhere.
app.use(
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    // The older header says the same as frame-ancestors 'none' (Hono's default is SAMEORIGIN).
    xFrameOptions: 'DENY',
  }),
)
app.use(
  cors({
    // Closed unless CORS_ORIGINS lists the origin (or is `*`).
    origin: (origin, c) => {
      // A misconfigured deployment allows no origin; the route says what is wrong.
      const configuration = c.get('configuration')
      const allowed = 'settings' in configuration ? configuration.settings.CORS_ORIGINS : []
      if (allowed.includes('*')) return '*'
      return allowed.includes(origin) ? origin : null
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id'],
    exposeHeaders: ['Location', 'Cache-Status', 'X-Request-Id', 'Server-Timing', 'Retry-After'],
    maxAge: 600,
  }),
)

app.route('/', pages)
app.route('/', health)
app.get('/openapi.json', (c) => c.json(openApiDocument()))
app.route('/v1/translations', translations)
app.route('/v1/usage', usage)

// After every route: a path some route takes, asked with another method, is a 405.
const methodsOf = allowedMethods(app.routes)

app.notFound((c) => {
  const path = new URL(c.req.url).pathname
  const allowed = methodsOf(path)
  if (allowed) throw new MethodNotAllowedError(c.req.method, path, allowed)
  throw new NotFoundError(`There is no route ${c.req.method} ${clipped(path)}. See the README for the API.`)
})

app.onError((error, c) => {
  const id = c.get('requestId') ?? crypto.randomUUID()
  return problemResponse(problemOf(error, id), id, { 'X-Request-Id': id })
})

export default app
