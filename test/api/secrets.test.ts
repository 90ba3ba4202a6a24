import { env } from 'cloudflare:workers'
import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchWithEnv, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { chatCompletion, useFakeModel } from '../support/fake-model'

const KEY = 'sk-LEAKCANARY-0123456789abcdef'
const TOKEN = 'tok-LEAKCANARY-fedcba9876543210'
const SECRETS = { OPENAI_API_KEY: KEY, API_TOKENS: `${TOKEN},tok-second-LEAKCANARY` }
const CANARY = /LEAKCANARY/

describe('secrets never leave the worker', () => {
  const logged: string[] = []
  beforeEach(() => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(
          args
            .map((a) =>
              a instanceof Error
                ? `${a.name}: ${a.message}\n${a.stack}`
                : typeof a === 'string'
                  ? a
                  : JSON.stringify(a),
            )
            .join(' '),
        )
      })
    }
  })
  afterEach(() => {
    vi.restoreAllMocks()
    logged.length = 0
  })

  async function expectClean(res: Response, label: string) {
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')
    const body = await res.text()
    expect(headers, `${label}: headers`).not.toMatch(CANARY)
    expect(body, `${label}: body`).not.toMatch(CANARY)
  }

  const post = (body: BodyInit, headers: Record<string, string>, overrides: Record<string, unknown> = {}) =>
    fetchWithEnv({ ...SECRETS, ...overrides }, '/v1/translations', { method: 'POST', headers, body })
  const json = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }
  const article = JSON.stringify({ text: SEED_TEXT })

  it('in any response or log line, on every error path', async () => {
    // Providers that echo the request (with its Authorization header) back in errors.
    const seen: string[] = []
    useFakeModel({
      override: async (call) => {
        const authorization = call.headers.authorization ?? ''
        seen.push(authorization)
        const echo = {
          error: {
            message: `Incorrect API key provided: ${KEY}. Request: ${JSON.stringify(call.body).slice(0, 200)}`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            param: null,
          },
        }
        if (call.texts.includes(SEED_PARAGRAPHS[0] as string))
          return HttpResponse.json(echo, { status: 400, headers: { 'x-echo-authorization': authorization } })
        return undefined
      },
    })
    const cases: Array<[string, Promise<Response>]> = [
      ['provider 400 echoing the request', post(article, json)],
      ['malformed JSON', post('{"text": ', json)],
      ['schema violations', post(JSON.stringify({ text: 1, extra: KEY }), json)],
      ['missing token', post(article, { 'Content-Type': 'application/json' })],
      ['wrong token', post(article, { ...json, Authorization: 'Bearer wrong' })],
      ['too large', post(article, json, { MAX_ARTICLE_CHARS: '100' })],
      ['wrong type', post(article, { ...json, 'Content-Type': 'text/html' })],
      ['empty', post(JSON.stringify({ text: ' ' }), json)],
      ['invalid setting', post(article, json, { MODEL_CONCURRENCY: 'many' })],
      ['no tokens configured', post(article, json, { API_TOKENS: undefined })],
    ]
    for (const [label, response] of cases) await expectClean(await response, label)
    // The worker really held the key and sent it, so a leak would have shown.
    expect(seen).toContain(`Bearer ${KEY}`)

    for (const status of [401, 403, 429, 500, 503]) {
      useFakeModel({
        override: () =>
          HttpResponse.json(
            { error: { message: `Incorrect API key provided: ${KEY}`, type: 'error', code: null, param: null } },
            { status, headers: { 'retry-after-ms': '1', 'x-echo': KEY } },
          ),
      })
      await expectClean(
        await post(JSON.stringify({ text: SEED_PARAGRAPHS[5], summary: 'none' }), json, { MAX_RETRIES: '1' }),
        `provider ${status}`,
      )
    }
    useFakeModel({ override: () => HttpResponse.error() })
    await expectClean(
      await post(JSON.stringify({ text: SEED_PARAGRAPHS[6], summary: 'none' }), json, { MAX_RETRIES: '1' }),
      'connection reset',
    )

    useFakeModel()
    await expectClean(await post(article, json), 'success')

    expect(logged.length).toBeGreaterThan(0)
    for (const line of logged) expect(line).not.toMatch(CANARY)
  })

  it('in any response, stream or log line, when a 200 answer puts the key where our text would go', async () => {
    const en = 'Vladimir Putin will visit China.'
    const answers: Array<[string, (ids: string[]) => Response]> = [
      [
        'the key as a paragraph id',
        (ids) =>
          HttpResponse.json(
            chatCompletion(
              JSON.stringify({ translations: ids.map((id, i) => ({ id: i === 0 ? `Bearer ${KEY}` : id, en })) }),
            ),
          ),
      ],
      [
        'the key as a field name',
        (ids) =>
          HttpResponse.json(
            chatCompletion(JSON.stringify({ translations: ids.map((id) => ({ id, en, [KEY]: true })) })),
          ),
      ],
      [
        'the key as an extra top-level field',
        (ids) =>
          HttpResponse.json(
            chatCompletion(JSON.stringify({ translations: ids.map((id) => ({ id, en })), [`Bearer ${KEY}`]: 1 })),
          ),
      ],
      ['invalid JSON quoting the key', () => HttpResponse.json(chatCompletion(`Bearer ${KEY} {"translations": [`))],
      [
        'a body that is not JSON at all',
        () =>
          new HttpResponse(`upstream said: Authorization: Bearer ${KEY}`, {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      ],
      ['a JSON body of another shape', () => HttpResponse.json({ [KEY]: { echo: `Bearer ${KEY}` } })],
    ]
    for (const [label, answer] of answers) {
      const model = useFakeModel({ override: (call) => (call.kind === 'translation' ? answer(call.ids) : undefined) })
      const body = JSON.stringify({ text: SEED_PARAGRAPHS[4], summary: 'none' })
      const res = await post(body, json, { MAX_RETRIES: '1' })
      expect(res.status, label).toBeGreaterThanOrEqual(500)
      await expectClean(res, label)
      await expectClean(
        await post(body, { ...json, Accept: 'text/event-stream' }, { MAX_RETRIES: '1' }),
        `${label} (stream)`,
      )
      expect(model.calls.length + model.refused.length, label).toBeGreaterThan(0)
    }
    expect(logged.length).toBeGreaterThan(0)
    for (const line of logged) expect(line).not.toMatch(CANARY)
  })

  it('is checked with secrets the worker really uses, unlike the test environment’s own', async () => {
    const model = useFakeModel()
    expect((await post(JSON.stringify({ text: SEED_PARAGRAPHS[3], summary: 'none' }), json)).status).toBe(200)
    expect(model.calls.map((c) => c.headers.authorization)).toContain(`Bearer ${KEY}`)
    expect((env as unknown as Record<string, string>).OPENAI_API_KEY).not.toMatch(CANARY)
  })
})
