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
