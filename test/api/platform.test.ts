import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { AUTH, fetchWithEnv, jsonPost, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { useFakeModel } from '../support/fake-model'

// The strict limiter allows 2 requests a minute per key (vitest.config.ts).
const strict = { RATE_LIMITER: (env as unknown as Record<string, unknown>).STRICT_RATE_LIMITER }
const ARTICLE = { text: SEED_PARAGRAPHS[3], summary: 'none' }

describe('guarding a deployment', () => {
  it('rate-limits failed authentication per address, before any token is guessed right', async () => {
    const wrong = (ip: string) =>
      fetchWithEnv(
        strict,
        '/v1/translations',
        jsonPost(ARTICLE, { Authorization: 'Bearer guess', 'cf-connecting-ip': ip }),
      )
    expect((await wrong('203.0.113.7')).status).toBe(401)
    expect((await wrong('203.0.113.7')).status).toBe(401)
    const limited = await wrong('203.0.113.7')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    // It says what it counted: refused tokens, not translations.
    const problem = (await limited.json()) as { detail: string }
    expect(problem.detail).toMatch(/too many requests with a missing or refused token/)
    expect(problem.detail).not.toMatch(/translation requests/)
    // Another address is not affected.
    expect((await wrong('198.51.100.2')).status).toBe(401)
  })

  it('refuses to derive ids without ID_SECRET on a deployment, saying how to set it', async () => {
    const model = useFakeModel()
    const res = await fetchWithEnv({ ID_SECRET: undefined }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(503)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ type: '/problems/id-secret-not-configured', setting: 'ID_SECRET' })
    expect(problem.detail).toMatch(/wrangler secret put ID_SECRET/)
    expect(model.calls).toHaveLength(0)
  })

  it('allows local development without ID_SECRET', async () => {
    useFakeModel()
    const res = await fetchWithEnv(
      { ID_SECRET: undefined },
      '/v1/translations',
      jsonPost(ARTICLE),
      'http://localhost:8787',
    )
    expect(res.status).toBe(200)
  })

  it('keeps results out of shared caches: a result address is a capability', async () => {
    useFakeModel()
    const posted = await fetchWithEnv({}, '/v1/translations', jsonPost(ARTICLE))
    expect(posted.headers.get('cache-control')).toBe('private, no-store')
    const location = posted.headers.get('location') as string
    for (const format of ['json', 'md', 'html', 'sse']) {
      const stored = await fetchWithEnv({}, `${location}?format=${format}`, { headers: AUTH })
      expect(stored.status, format).toBe(200)
      expect(stored.headers.get('cache-control'), format).toBe('private, no-store')
    }
  })
})

describe('settings renamed', () => {
  const TOKENS = { API_TOKENS: 'old:tok-old,new:tok-new,small:tok-small,both:tok-both' }
  // Each caller has its own cache scope, so each request below translates the seed article afresh.
  const translationCalls = async (caller: string, settings: Record<string, string>) => {
    const model = useFakeModel()
    const body = jsonPost({ text: SEED_TEXT, summary: 'none' }, { Authorization: `Bearer tok-${caller}` })
    const res = await fetchWithEnv({ ...TOKENS, BATCH_MAX_TOKENS: '8000', ...settings }, '/v1/translations', body)
    expect(res.status).toBe(200)
    return model.translationCalls().length
  }

  it('still honours BATCH_TOKEN_BUDGET, the old name of MIN_BATCH_TOKENS, and warns once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const byOldName = await translationCalls('old', { BATCH_TOKEN_BUDGET: '8000' })
    expect(byOldName).toBe(await translationCalls('new', { MIN_BATCH_TOKENS: '8000' }))
    expect(byOldName).toBeLessThan(await translationCalls('small', { BATCH_TOKEN_BUDGET: '50' }))
    const renames = warn.mock.calls.map((args) => String(args[0])).filter((line) => line.startsWith('settings:'))
    expect(renames).toEqual([
      'settings: BATCH_TOKEN_BUDGET is the old name of MIN_BATCH_TOKENS; rename it (same meaning, same default)',
    ])
  })

  it('names the old name when its value is invalid', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const res = await fetchWithEnv({ BATCH_TOKEN_BUDGET: '10' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    expect(res.status).toBe(500)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ type: '/problems/invalid-configuration', setting: 'BATCH_TOKEN_BUDGET' })
    expect(problem.detail).toMatch(/MIN_BATCH_TOKENS must be at least 50/)
  })

  it('lets the new name win when both are set', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const byNewName = await translationCalls('new', { MIN_BATCH_TOKENS: '8000' })
    expect(await translationCalls('both', { BATCH_TOKEN_BUDGET: '10', MIN_BATCH_TOKENS: '8000' })).toBe(byNewName)
  })
})
