import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { AUTH, fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'

const ARTICLE = { text: SEED_PARAGRAPHS[5], summary: 'none' }
const post = (headers: Record<string, string>) => postTranslation(ARTICLE, { headers })

describe('who may translate', () => {
  it('answers 401 with WWW-Authenticate when the token is missing, without calling the model', async () => {
    const model = useFakeModel()
    const res = await fetchWithEnv({}, '/v1/translations', jsonPost(ARTICLE, {}))
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="passage"')
    expect(await res.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 })
    expect(model.calls).toHaveLength(0)
  })

  it('answers 401 to a wrong token, a near miss, or another scheme', async () => {
    useFakeModel()
    for (const authorization of [
      'Bearer test-token-3',
      'Bearer test-token-1x',
      'Bearer test-token-',
      'Basic dGVzdDp0ZXN0',
      'test-token-1',
    ]) {
      const res = await post({ Authorization: authorization })
      expect(res.status, authorization).toBe(401)
    }
    expect((await post({ Authorization: 'Bearer test-token-3' })).headers.get('www-authenticate')).toMatch(
      /error="invalid_token"/,
    )
  })

  it('lets in every configured token', async () => {
    useFakeModel()
    expect((await post({ Authorization: 'Bearer test-token-1' })).status).toBe(200)
    expect((await post({ Authorization: 'bearer test-token-2' })).status).toBe(200)
  })

  it('is closed when no tokens are configured, saying how to set them', async () => {
    const res = await fetchWithEnv({ API_TOKENS: undefined }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(503)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ type: '/problems/auth-not-configured', setting: 'API_TOKENS' })
    expect(problem.detail).toMatch(/wrangler secret put API_TOKENS/)
  })

  it('opens with AUTH_DISABLED only for requests to localhost', async () => {
    useFakeModel()
    const open = { API_TOKENS: undefined, AUTH_DISABLED: 'true' }
    expect((await fetchWithEnv(open, '/v1/translations', jsonPost(ARTICLE, {}), 'http://localhost:8787')).status).toBe(
      200,
    )
    expect((await fetchWithEnv(open, '/v1/translations', jsonPost(ARTICLE, {}), 'http://127.0.0.1:8787')).status).toBe(
      200,
    )
    expect(
      (await fetchWithEnv(open, '/v1/translations', jsonPost(ARTICLE, {}), 'https://passage.example.com')).status,
    ).toBe(503)
  })

  it('needs no token to read a stored result, the health check, or the contract', async () => {
    useFakeModel()
    const created = (await (await post(AUTH)).json()) as { id: string }
    expect((await get(`/v1/translations/${created.id}`)).status).toBe(200)
    expect((await get('/healthz')).status).toBe(200)
  })
})

describe('result ids', () => {
  it('are keyed with the server secret: the same article under another secret gets another id', async () => {
    useFakeModel()
    const idUnder = async (secret: string, article: Record<string, unknown> = ARTICLE) =>
      (
        (await (await fetchWithEnv({ ID_SECRET: secret }, '/v1/translations', jsonPost(article))).json()) as {
          id: string
        }
      ).id
    const first = await idUnder('secret-one')
    expect(first).toMatch(/^tr_[A-Za-z0-9_-]{26}$/)
    expect(await idUnder('secret-one')).toBe(first)
    const other = await idUnder('secret-two')
    expect(other).toMatch(/^tr_[A-Za-z0-9_-]{26}$/)
    expect(other).not.toBe(first)
    // Nothing of the text shows through: one character more gives an unrelated id.
    const edited = await idUnder('secret-one', { ...ARTICLE, text: `${ARTICLE.text} !` })
    const shared = [...edited.slice(3)].filter((c, i) => first[i + 3] === c).length
    expect(shared).toBeLessThan(8)
  })
})

describe('rate limiting', () => {
  const strict = { RATE_LIMITER: (env as unknown as Record<string, unknown>).STRICT_RATE_LIMITER }

  it('answers 429 with Retry-After once a token has used its budget, without calling the model', async () => {
    const model = useFakeModel()
    // Three different articles: a repeated one is served from the cache and not counted.
    const send = (n: number) =>
      fetchWithEnv(
        strict,
        '/v1/translations',
        jsonPost({ ...ARTICLE, text: SEED_PARAGRAPHS[n] }, { Authorization: 'Bearer test-token-2' }),
      )
    expect((await send(1)).status).toBe(200)
    expect((await send(2)).status).toBe(200)
    const calls = model.calls.length
    const limited = await send(3)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 })
    expect(model.calls.length).toBe(calls)
  })

  it('counts each token separately, and each address when auth is disabled', async () => {
    useFakeModel()
    const open = { ...strict, API_TOKENS: undefined, AUTH_DISABLED: 'true' }
    const from = (ip: string, n: number) =>
      fetchWithEnv(
        open,
        '/v1/translations',
        jsonPost({ ...ARTICLE, text: SEED_PARAGRAPHS[n] }, { 'CF-Connecting-IP': ip }),
        'http://localhost:8787',
      )
    expect((await from('192.0.2.10', 1)).status).toBe(200)
    expect((await from('192.0.2.10', 2)).status).toBe(200)
    expect((await from('192.0.2.10', 3)).status).toBe(429)
    expect((await from('192.0.2.11', 4)).status).toBe(200)
  })
})

describe('headers', () => {
  it('sends secure headers and a strict CSP everywhere', async () => {
    const res = await get('/healthz')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/)
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    )
  })

  it('forbids framing in both headers alike, on the reading page and on the API', async () => {
    for (const path of ['/', '/healthz']) {
      const res = await get(path)
      expect(res.headers.get('x-frame-options'), path).toBe('DENY')
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
    }
  })

  it('allows no cross-origin access by default', async () => {
    const res = await get('/healthz', { Origin: 'https://elsewhere.example' })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetchWithEnv({}, '/v1/translations', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('allows the origins listed in CORS_ORIGINS, and only those', async () => {
    const settings = { CORS_ORIGINS: 'https://reader.example, https://news.example' }
    const preflight = await fetchWithEnv(settings, '/v1/translations', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://news.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://news.example')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/i)
    const other = await fetchWithEnv(settings, '/healthz', { headers: { Origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    const simple = await fetchWithEnv(settings, '/healthz', { headers: { Origin: 'https://reader.example' } })
    expect(simple.headers.get('access-control-allow-origin')).toBe('https://reader.example')
    expect(simple.headers.get('access-control-expose-headers')).toMatch(/Location/)
  })

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    expect((await get('/healthz', { 'X-Request-Id': 'client-abc-123' })).headers.get('x-request-id')).toBe(
      'client-abc-123',
    )
    expect(
      (await get('/healthz', { 'X-Request-Id': 'bad id with spaces <script>' })).headers.get('x-request-id'),
    ).not.toMatch(/script/)
  })
})
