/** GET /healthz (liveness, and which version is answering) and GET /readyz (configuration). */

import { Hono } from 'hono'
import pkg from '../../package.json'
import type { AppEnv } from '../app-env'
import { problemResponse } from '../http/problem'
import { checkReadiness } from '../readiness'

export const health = new Hono<AppEnv>()

health.get('/healthz', (c) => c.json({ ok: true, version: pkg.version }))

// Whether this deployment could translate: every setting valid, a model it can call, a way
// in for clients, its storage bound. No model is called: this costs nothing.
health.get('/readyz', (c) => {
  const readiness = checkReadiness(c.env, c.var.configuration, new URL(c.req.url).hostname)
  if (readiness.ready) return c.json(readiness)
  const id = c.get('requestId')
  return problemResponse(
    {
      type: 'not-ready',
      title: 'The service is not ready',
      status: 503,
      detail: `Not ready: ${readiness.reasons.map((r) => `${r.setting}: ${r.message}`).join(' ')}`,
      extensions: { reasons: readiness.reasons, warnings: readiness.warnings },
    },
    id,
    { 'X-Request-Id': id },
  )
})
