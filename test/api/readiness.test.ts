import { describe, expect, it } from 'vitest'
import { fetchWithEnv } from '../support/api'

async function readyz(overrides: Record<string, unknown>, base?: string) {
  const res = await fetchWithEnv(overrides, '/readyz', {}, base)
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  }
}

describe('GET /readyz', () => {
  it('says ready, with the model and the profile its requests use', async () => {
    const { status, body } = await readyz({ MODEL: 'gpt-5.4-mini', OPENAI_BASE_URL: 'https://api.openai.com/v1' })
    expect(status).toBe(200)
    expect(body).toMatchObject({
      ready: true,
      model: 'gpt-5.4-mini',
      profile: { name: 'openai-gpt-5.x', provider: 'openai' },
      warnings: [],
    })
  })

  it('lists every missing setting, with how to set it', async () => {
    const { status, type, body } = await readyz({
      OPENAI_API_KEY: undefined,
      API_TOKENS: undefined,
      ID_SECRET: undefined,
    })
    expect(status).toBe(503)
    expect(type).toMatch(/^application\/problem\+json/)
    expect(body).toMatchObject({ type: '/problems/not-ready', status: 503 })
    const reasons = body.reasons as Array<{ setting: string; message: string }>
    expect(reasons.map((r) => r.setting).sort()).toEqual(['API_TOKENS', 'ID_SECRET', 'OPENAI_API_KEY'])
    expect(reasons.find((r) => r.setting === 'API_TOKENS')?.message).toMatch(/wrangler secret put API_TOKENS/)
    expect(reasons.find((r) => r.setting === 'ID_SECRET')?.message).toMatch(/wrangler secret put ID_SECRET/)
  })

  it('names an invalid setting', async () => {
    const { status, body } = await readyz({ MODEL_PROFILE: 'gpt-9' })
    expect(status).toBe(503)
    expect(body.reasons).toEqual([
      expect.objectContaining({ setting: 'MODEL_PROFILE', message: expect.stringMatching(/openai-gpt-5\.x/) }),
    ])
  })

  it('is ready for Workers AI with the AI binding and no key', async () => {
    const ai = { run: async () => ({ response: '{}' }) }
    const { status, body } = await readyz({
      AI: ai,
      MODEL: '@cf/meta/llama-3.3-70b-instruct-fp8-fast',
      OPENAI_API_KEY: undefined,
    })
    expect(status).toBe(200)
    expect(body).toMatchObject({ profile: { name: 'workers-ai', provider: 'workers-ai' } })
  })

  it('lets local development go without ID_SECRET, with a warning', async () => {
    const { status, body } = await readyz({ ID_SECRET: undefined }, 'http://localhost:8787')
    expect(status).toBe(200)
    expect(body.warnings).toEqual([expect.objectContaining({ setting: 'ID_SECRET' })])
  })

  it('honours AUTH_DISABLED only when asked on localhost', async () => {
    const open = { API_TOKENS: undefined, AUTH_DISABLED: 'true' }
    expect((await readyz(open, 'http://localhost:8787')).status).toBe(200)
    expect((await readyz(open)).status).toBe(503)
  })
})

describe('a deployment with an invalid setting', () => {
  const broken = { MODEL_CONCURRENCY: '64', CORS_ORIGINS: 'https://reader.example' }
  const send = (path: string, init: RequestInit = {}) => fetchWithEnv(broken, path, init)
  const AUTH = { Authorization: 'Bearer test-token-1' }

  it('still answers what needs no settings: liveness, readiness, assets and the API description', async () => {
    expect((await send('/healthz')).status).toBe(200)
    expect((await send('/assets/reader.js')).status).toBe(200)
    expect((await send('/openapi.json')).status).toBe(200)
    const ready = await send('/readyz')
    expect(ready.status).toBe(503)
    expect(((await ready.json()) as { reasons: unknown }).reasons).toEqual([
      expect.objectContaining({ setting: 'MODEL_CONCURRENCY', message: expect.stringMatching(/at most 32/) }),
    ])
  })

  it('answers every route that needs settings with the 500 problem naming the setting', async () => {
    const requests: Array<[string, RequestInit]> = [
      ['/', {}],
      ['/v1/usage', { headers: AUTH }],
      ['/v1/translations/tr_AAAAAAAAAAAAAAAAAAAAAAAAAA', { headers: AUTH }],
      ['/v1/translations', { method: 'POST', headers: { ...AUTH, 'Content-Type': 'text/plain' }, body: 'Bonjour.' }],
    ]
    for (const [path, init] of requests) {
      const res = await send(path, init)
      expect(res.status, path).toBe(500)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/)
      expect(await res.json(), path).toMatchObject({
        type: '/problems/invalid-configuration',
        setting: 'MODEL_CONCURRENCY',
      })
    }
  })

  it('allows no cross-origin access, not even to an origin its CORS_ORIGINS lists', async () => {
    const preflight = await send('/v1/translations', {
      method: 'OPTIONS',
      headers: { Origin: 'https://reader.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const simple = await send('/healthz', { headers: { Origin: 'https://reader.example' } })
    expect(simple.headers.get('access-control-allow-origin')).toBeNull()
  })
})
