/** GET /healthz: liveness, and which version is answering. */

import { Hono } from 'hono'
import pkg from '../../package.json'
import type { AppEnv } from '../app-env'

export const health = new Hono<AppEnv>()

health.get('/', (c) => c.json({ ok: true, version: pkg.version }))
