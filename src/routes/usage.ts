/** GET /v1/usage: what the calling token used, by UTC day, for the last 30 days. */

import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { readSettings } from '../config'
import { UnauthorizedError } from '../errors'
import { authenticate } from '../http/auth'
import { limitFailedAuthentication } from '../http/rate-limit'
import { UsageReport } from '../schemas/usage'
import { usageReport } from '../usage/tally'
import { d1UsageStore } from '../usage/usage-store'

export const usage = new Hono<AppEnv>()

usage.get('/', async (c) => {
  const settings = readSettings(c.env)
  const caller = await authenticate(c.req.raw, settings).catch(async (error: unknown) => {
    if (error instanceof UnauthorizedError)
      await limitFailedAuthentication(c.env.RATE_LIMITER, c.req.header('cf-connecting-ip') ?? 'unknown')
    throw error
  })
  const now = Date.now()
  const rows = await d1UsageStore(c.env.DB, () => now).read(caller.id)
  c.header('Cache-Control', 'private, no-store')
  return c.json(UsageReport.parse(usageReport(caller.name, rows, now)))
})
