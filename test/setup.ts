import { applyD1Migrations, type D1Migration, reset } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { drainWrites } from './support/storage'
import { assertNoUnhandledRequests, listen, server } from './support/model-server'

// Read from migrations/ by vitest.config.ts.
const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS

beforeAll(async () => {
  listen()
  await applyD1Migrations(env.DB, migrations)
})
afterEach(async () => {
  server.resetHandlers()
  await drainWrites()
  await reset()
  // reset() empties storage, the migrations' tables included.
  await applyD1Migrations(env.DB, migrations)
  assertNoUnhandledRequests()
})
afterAll(() => server.close())
