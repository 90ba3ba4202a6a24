import { reset } from 'cloudflare:test'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { assertNoUnhandledRequests, listen, server } from './support/model-server'

beforeAll(() => listen())
afterEach(async () => {
  server.resetHandlers()
  await reset()
  assertNoUnhandledRequests()
})
afterAll(() => server.close())
