import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { fetchWithEnv, jsonPost, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'

// The strict limiter allows 2 requests a minute per key (vitest.config.ts).
const strict = { RATE_LIMITER: (env as unknown as Record<string, unknown>).STRICT_RATE_LIMITER }
const TEAM = { API_TOKENS: 'alice:tok_alice_1, bob:tok_bob_1, alice:tok_alice_2, plain-old-token' }
const article = (n: number) => ({ text: SEED_PARAGRAPHS[n], summary: 'none' })
const postAs = (token: string, body: unknown, settings: Record<string, unknown> = TEAM) =>
  fetchWithEnv(settings, '/v1/translations', jsonPost(body, { Authorization: `Bearer ${token}` }))

afterEach(() => {
  vi.restoreAllMocks()
})

describe('named tokens', () => {
  it('let in every named token, and plain tokens beside them', async () => {
    useFakeModel()
    for (const token of ['tok_alice_1', 'tok_alice_2', 'tok_bob_1', 'plain-old-token']) {
      expect((await postAs(token, article(1))).status, token).toBe(200)
    }
  })

  it('never accept a name, or a whole name:token entry, as the token', async () => {
    useFakeModel()
    for (const token of ['alice', 'alice:tok_alice_1', 'bob:'])
      expect((await postAs(token, article(1))).status, token).toBe(401)
  })

  it('name the holder in the log, never the token', async () => {
    useFakeModel()
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    await postAs('tok_bob_1', article(2))
    await postAs('plain-old-token', article(2))
    const lines = log.mock.calls.map((args) => args.join(' '))
    expect(lines).toContainEqual(expect.stringMatching(/: translation requested by bob$/))
    expect(lines).toContainEqual(expect.stringMatching(/: translation requested by token-[0-9a-f]{8}$/))
    expect(lines.join('\n')).not.toMatch(/tok_bob_1|plain-old-token/)
  })

  it('refuse an entry with a name and no token as an invalid setting, without echoing the tokens', async () => {
    const res = await postAs('tok_alice_1', article(1), { API_TOKENS: 'alice:tok_alice_1,bob:' })
    expect(res.status).toBe(500)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ type: '/problems/invalid-configuration', setting: 'API_TOKENS' })
    expect(problem.detail).toMatch(/entry 2 \(bob\) has a name but no token/)
    expect(JSON.stringify(problem)).not.toContain('tok_alice_1')
  })
})

describe('rate limits per name', () => {
  it('give each person one budget, shared by all of their tokens', async () => {
    useFakeModel()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const limited = { ...TEAM, ...strict }
    expect((await postAs('tok_alice_1', article(1), limited)).status).toBe(200)
    expect((await postAs('tok_alice_2', article(2), limited)).status).toBe(200)
    expect((await postAs('tok_alice_1', article(3), limited)).status).toBe(429)
    expect((await postAs('tok_alice_2', article(4), limited)).status).toBe(429)
  })

  it('keep one person over budget from slowing another', async () => {
    useFakeModel()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const limited = { ...TEAM, ...strict }
    for (const n of [1, 2]) expect((await postAs('tok_alice_1', article(n), limited)).status).toBe(200)
    expect((await postAs('tok_alice_1', article(3), limited)).status).toBe(429)
    expect((await postAs('tok_bob_1', article(3), limited)).status).toBe(200)
  })

  it('log who went over budget, by name', async () => {
    useFakeModel()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const limited = { ...TEAM, ...strict }
    for (const n of [1, 2, 3]) await postAs('tok_bob_1', article(n), limited)
    expect(warn.mock.calls.map((args) => args.join(' '))).toContain('rate limit: bob is over budget')
  })
})

describe('cached answers and the rate limit', () => {
  it('serves a repeated article from the cache without spending the budget', async () => {
    const model = useFakeModel()
    const limited = { ...TEAM, ...strict }
    for (let i = 0; i < 6; i++) {
      const res = await postAs('tok_bob_1', article(5), limited)
      expect(res.status, `request ${i + 1}`).toBe(200)
      expect(res.headers.get('cache-status'), `request ${i + 1}`).toBe(
        i === 0 ? 'passage; fwd=miss; detail="0 of 1 paragraphs from cache"' : 'passage; hit',
      )
    }
    expect(model.translationCalls()).toHaveLength(1)
    // The one miss spent one of the two requests; a new article still gets through, then the limit holds.
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect((await postAs('tok_bob_1', article(6), limited)).status).toBe(200)
    expect((await postAs('tok_bob_1', article(7), limited)).status).toBe(429)
    expect((await postAs('tok_bob_1', article(5), limited)).status).toBe(200)
  })

  it('streams a stored result without spending the budget either', async () => {
    useFakeModel()
    const limited = { ...TEAM, ...strict }
    const sse = (n: number) =>
      fetchWithEnv(
        limited,
        '/v1/translations?format=sse',
        jsonPost(article(n), { Authorization: 'Bearer tok_alice_1' }),
      )
    expect((await postAs('tok_alice_1', article(8), limited)).status).toBe(200)
    for (let i = 0; i < 4; i++) {
      const res = await sse(8)
      expect(res.status).toBe(200)
      expect(await res.text()).toMatch(/event: done/)
    }
  })
})
