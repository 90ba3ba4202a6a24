/** GET /v1/usage: what the calling token used, by UTC day, for the last 30 days. */

import { Hono } from 'hono'
import type { ConfiguredEnv } from '../app-env'
import { authenticated } from '../http/auth'
import { configured } from '../http/settings'
import { UsageReport } from '../schemas/usage'
import { usageReport } from '../usage/tally'

export const usage = new Hono<ConfiguredEnv>()

usage.get('/', configured, authenticated, async (c) => {
  const { caller, services } = c.var
  const now = Date.now()
  const rows = await services.usage.read(caller.id, now)
  c.header('Cache-Control', 'private, no-store')
  return c.json(UsageReport.parse(usageReport(caller.name, rows, now)))
})
