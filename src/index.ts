/** passage: the worker's wiring. Middleware, routes, and the one place errors become HTTP. */

import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { timing } from 'hono/timing'
import type { AppEnv } from './app-env'
import { readSettings } from './config'
import { NotFoundError, ServiceError } from './errors'
import { problemResponse } from './http/problem'
import { openApiDocument } from './openapi'
import { health } from './routes/health'
import { translations } from './routes/translations'

const app = new Hono<AppEnv>()

app.use(requestId())
app.use(timing({ totalDescription: 'total' }))
// API responses are data: nothing in them may load, run or be framed.
app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }))
app.use(
  cors({
    // Closed unless CORS_ORIGINS lists the origin (or is `*`).
    origin: (origin, c: Context<AppEnv>) => {
      const allowed = readSettings(c.env).CORS_ORIGINS
      if (allowed.includes('*')) return '*'
      return allowed.includes(origin) ? origin : null
    },
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-Id'],
    exposeHeaders: ['Location', 'Cache-Status', 'X-Request-Id', 'Server-Timing', 'Retry-After'],
    maxAge: 600,
  }),
)

app.route('/healthz', health)
app.get('/openapi.json', (c) => c.json(openApiDocument()))
app.route('/v1/translations', translations)

app.notFound((c) => {
  throw new NotFoundError(`There is no route ${c.req.method} ${new URL(c.req.url).pathname}. See the README for the API.`)
})

app.onError((error, c) => {
  const id = c.get('requestId') ?? crypto.randomUUID()
  if (error instanceof ServiceError) {
    if (error.problem.status >= 500) console.error(`${id}: ${error.problem.type}: ${error.problem.detail}`)
    return problemResponse(error.problem, id, { 'X-Request-Id': id })
  }
  if (error instanceof HTTPException) {
    return problemResponse({ type: 'http-error', title: error.message || 'HTTP error', status: error.status, detail: error.message }, id, { 'X-Request-Id': id })
  }
  // Anything else is a bug: log it for the operator, tell the client only that it happened.
  console.error(`${id}: unexpected error`, error)
  return problemResponse(
    { type: 'internal-error', title: 'Internal error', status: 500, detail: `Something went wrong on our side. Quote request id ${id} when reporting it.` },
    id,
    { 'X-Request-Id': id },
  )
})

export default app
