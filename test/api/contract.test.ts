import { Validator } from '@cfworker/json-schema'
import { HTTPException } from 'hono/http-exception'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import paywalled from '../../fixtures/pages/lemonde-abonnes.html?raw'
import { problemOf, problemResponse } from '../../src/http/problem'
import app from '../../src/index'
import { PROBLEM_TYPES, type ProblemType } from '../../src/schemas/problem'
import { AUTH, fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { insufficientQuota, providerError, useFakeModel } from '../support/fake-model'
import { server } from '../support/model-server'
import { sseReader } from '../support/sse'

type Doc = {
  openapi: string
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
  components: { schemas: Record<string, Record<string, unknown>> }
}

async function contract(): Promise<Doc> {
  const res = await get('/openapi.json')
  expect(res.status).toBe(200)
  return (await res.json()) as Doc
}

/** Validates a real response against the operation's documented status and schema. */
async function expectConforms(doc: Doc, path: string, method: string, res: Response) {
  const operation = doc.paths[path]?.[method]
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined()
  expect(Object.keys(operation?.responses ?? {}), `${res.status} is documented for ${method} ${path}`).toContain(
    String(res.status),
  )
  const type = res.headers.get('content-type') ?? ''
  const name = type.startsWith('application/problem+json')
    ? 'Problem'
    : path === '/healthz'
      ? 'Health'
      : 'TranslationResult'
  if (type.startsWith('text/markdown')) return
  const result = new Validator(doc.components.schemas[name] as object, '2020-12', false).validate(await res.json())
  expect(result.errors, `${res.status} body matches ${name}`).toEqual([])
}

describe('the OpenAPI contract', () => {
  it('is OpenAPI 3.1 and documents every route the app serves', async () => {
    const doc = await contract()
    expect(doc.openapi).toBe('3.1.0')
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/*')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '') || '/'}`)
    expect(served).toEqual(
      expect.arrayContaining([
        'post /v1/translations',
        'get /v1/translations/{id}',
        'get /healthz',
        'get /openapi.json',
      ]),
    )
    for (const route of new Set(served)) {
      const [method, path] = route.split(' ') as [string, string]
      expect(doc.paths[path]?.[method], route).toBeDefined()
    }
  })

  it('describes the JSON request with the same schema the route validates with', async () => {
    const doc = await contract()
    const request = new Validator(doc.components.schemas.TranslationRequest as object, '2020-12', false)
    expect(request.validate({ text: 'Bonjour.', summary: 'short', glossary: { Pékin: 'Beijing' } }).valid).toBe(true)
    expect(request.validate({ text: 'Bonjour.', colour: 'blue' }).valid).toBe(false)
    expect(request.validate({ text: 'Bonjour.', summary: 'huge' }).valid).toBe(false)
    expect(request.validate({ summary: 'short' }).valid).toBe(false)
  })

  it('matches real successful responses', async () => {
    useFakeModel()
    const doc = await contract()
    const created = await postTranslation({ text: SEED_TEXT })
    const { id } = (await created.clone().json()) as { id: string }
    await expectConforms(doc, '/v1/translations', 'post', created)
    await expectConforms(doc, '/v1/translations/{id}', 'get', await get(`/v1/translations/${id}`))
    await expectConforms(doc, '/v1/translations/{id}', 'get', await get(`/v1/translations/${id}?format=md`))
    await expectConforms(doc, '/healthz', 'get', await get('/healthz'))
  })
})

const SITE = 'https://www.lemonde.fr/economie/article/2026/11/24'
const ENGLISH =
  'The president of the United States said on Tuesday that the talks with the leaders of the European Union ' +
  'had been productive, and that he would travel to Brussels in the spring to meet them again.'
const refuseEveryRequest = { RATE_LIMITER: { limit: async () => ({ success: false }) } }
const failingDatabase = {
  DB: {
    prepare: () => {
      throw new Error('D1 is down')
    },
  },
}
const post = (body: unknown, headers: Record<string, string> = {}) => postTranslation(body, { headers })
const postWith = (env: Record<string, unknown>, body: unknown = { text: SEED_TEXT }) =>
  fetchWithEnv(env, '/v1/translations', jsonPost(body))
/** Serves one page at `${SITE}/${name}`, and asks the worker to translate it. */
const postLinkTo = (name: string, answer: () => Response) => {
  server.use(http.get(`${SITE}/${name}`, answer))
  return post({ url: `${SITE}/${name}` })
}
const providerRefusal = (status: number, code: string | null) =>
  HttpResponse.json({ error: { message: 'refused', type: 'invalid_request_error', param: null, code } }, { status })
const hangEveryTranslation = () =>
  useFakeModel({
    override: async (call) => {
      if (call.kind === 'translation') await new Promise((resolve) => setTimeout(resolve, 3_000))
      return undefined
    },
  })

interface ProblemCase {
  how: string
  /** The documented operation that answers with it; none for a problem no route documents. */
  operation?: { path: string; method: 'get' | 'post' }
  produce: () => Promise<Response>
}
const POST = { path: '/v1/translations', method: 'post' } as const
const GET_RESULT = { path: '/v1/translations/{id}', method: 'get' } as const
const GET_USAGE = { path: '/v1/usage', method: 'get' } as const
const sending = (how: string, produce: () => Promise<Response>): ProblemCase => ({ how, operation: POST, produce })

/** Real ways to each problem the worker can send, as a client meets them: together they send every member. */
const PROBLEMS: Record<ProblemType, ProblemCase[]> = {
  'invalid-request': [
    sending('a schema violation', () => post({ text: 1, summary: 'huge', colour: 'blue' })),
    sending('malformed JSON', () => post('{"text": ', { 'Content-Type': 'application/json' })),
  ],
  'blocked-address': [sending('a link-local address', () => post({ url: 'http://169.254.169.254/latest/' }))],
  unauthorized: [sending('a wrong token', () => post({ text: SEED_TEXT }, { Authorization: 'Bearer nope' }))],
  'not-found': [
    {
      how: 'an unknown id',
      operation: GET_RESULT,
      produce: () => get('/v1/translations/tr_AAAAAAAAAAAAAAAAAAAAAAAAAA'),
    },
  ],
  'method-not-allowed': [
    { how: 'PUT on /v1/translations', produce: () => fetchWithEnv({}, '/v1/translations', { method: 'PUT' }) },
  ],
  'payload-too-large': [
    sending('over MAX_ARTICLE_CHARS', () => postWith({ MAX_ARTICLE_CHARS: '100' })),
    sending('over MAX_PARAGRAPHS', () => postWith({ MAX_PARAGRAPHS: '2' })),
    sending('a body over the byte limit', () =>
      fetchWithEnv({ MAX_ARTICLE_CHARS: '100' }, '/v1/translations', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', ...AUTH },
        body: 'a'.repeat(200_000),
      }),
    ),
  ],
  'unsupported-media-type': [sending('an image', () => post(SEED_TEXT, { 'Content-Type': 'image/png' }))],
  'unprocessable-article': [sending('English', () => post({ text: ENGLISH }))],
  'not-an-article': [
    sending('a page without a headline', () => post('<p>Bonjour</p>', { 'Content-Type': 'text/html; charset=utf-8' })),
  ],
  'paywalled-article': [
    sending('a paywall stub', () => postLinkTo('abonnes.html', () => HttpResponse.html(paywalled))),
  ],
  'rate-limited': [sending('a caller over budget', () => postWith(refuseEveryRequest))],
  'invalid-configuration': [sending('MODEL_CONCURRENCY 64', () => postWith({ MODEL_CONCURRENCY: '64' }))],
  'internal-error': [
    {
      how: 'D1 failing under GET /v1/usage',
      operation: GET_USAGE,
      produce: () => fetchWithEnv(failingDatabase, '/v1/usage', { headers: AUTH }),
    },
  ],
  'http-error': [
    {
      // Hono reports its own failures (a request body read twice) as HTTPException; no request
      // can cause one, so this is the answer the error handler builds from one.
      how: "Hono's HTTPException",
      produce: async () =>
        problemResponse(problemOf(new HTTPException(400, { message: 'Malformed request' }), 'req-1'), 'req-1'),
    },
  ],
  'model-failed': [
    sending('every call failing', () => {
      useFakeModel({ override: () => providerError(500) })
      return postWith({ MAX_RETRIES: '0' })
    }),
    sending('one batch failing, the summary written', () => {
      useFakeModel({
        override: (call) =>
          call.kind === 'translation' && call.texts.includes(SEED_PARAGRAPHS[5] as string)
            ? providerError(500)
            : undefined,
      })
      return postWith({ MAX_RETRIES: '0', BATCH_MAX_TOKENS: '100' })
    }),
  ],
  'model-refused-request': [
    sending('a 400 without a code', () => {
      useFakeModel({ override: () => providerError(400) })
      return post({ text: SEED_TEXT })
    }),
    sending('a 400 with a code', () => {
      useFakeModel({ override: () => providerRefusal(400, 'context_length_exceeded') })
      return post({ text: SEED_TEXT })
    }),
  ],
  'model-quota-exhausted': [
    sending("OpenAI's 429 insufficient_quota", () => {
      useFakeModel({ override: insufficientQuota })
      return post({ text: SEED_TEXT })
    }),
    sending("a gateway's 402 once the summary is written", () => {
      useFakeModel({
        override: (call) =>
          call.kind === 'translation' && call.texts.includes(SEED_PARAGRAPHS[5] as string)
            ? HttpResponse.json({ error: { message: 'Insufficient credits.', code: 402 } }, { status: 402 })
            : undefined,
      })
      return postWith({ BATCH_MAX_TOKENS: '100' })
    }),
  ],
  'page-fetch-failed': [
    sending('a 404 page', () =>
      postLinkTo('gone.html', () => HttpResponse.html('<h1>Page introuvable</h1>', { status: 404 })),
    ),
    sending('a PDF', () =>
      postLinkTo('file.pdf', () => new HttpResponse('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } })),
    ),
    sending('a page too large', () =>
      postLinkTo('huge.html', () => HttpResponse.html(`<p>${'x'.repeat(4 * 1024 * 1024)}</p>`)),
    ),
  ],
  'model-not-configured': [sending('no key', () => postWith({ OPENAI_API_KEY: undefined }))],
  'auth-not-configured': [sending('no API_TOKENS', () => postWith({ API_TOKENS: undefined }))],
  'id-secret-not-configured': [sending('no ID_SECRET', () => postWith({ ID_SECRET: undefined }))],
  'not-ready': [
    {
      how: 'no key',
      operation: { path: '/readyz', method: 'get' },
      produce: () => fetchWithEnv({ OPENAI_API_KEY: undefined }, '/readyz'),
    },
  ],
  'deadline-exceeded': [
    sending('every batch hanging', () => {
      hangEveryTranslation()
      return postWith({ REQUEST_DEADLINE_MS: '1000' })
    }),
  ],
}

describe('the Problem schema', () => {
  afterEach(() => vi.restoreAllMocks())
  // The members each problem type's cases sent, for the last test.
  const sent = new Map<string, Set<string>>()

  it('admits no member it does not declare', async () => {
    const problem = (await contract()).components.schemas.Problem as Record<string, unknown>
    expect(problem.additionalProperties).toBe(false)
    const validator = new Validator(problem as object, '2020-12', false)
    const body = { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'No.', request_id: 'r' }
    expect(validator.validate(body).valid).toBe(true)
    expect(validator.validate({ ...body, retry_after: 60 }).valid).toBe(false)
    expect(validator.validate({ ...body, type: '/problems/something-else' }).valid).toBe(false)
  })

  it('names every problem type the worker can send', async () => {
    const problem = (await contract()).components.schemas.Problem as { properties: { type: { enum: string[] } } }
    expect(problem.properties.type.enum.sort()).toEqual(
      Object.keys(PROBLEMS)
        .map((slug) => `/problems/${slug}`)
        .sort(),
    )
  })

  it.each(Object.entries(PROBLEMS))('describes the %s problem exactly as the worker sends it', async (slug, cases) => {
    // 5xx problems are logged for the operator: expected here, so kept out of the test output.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const doc = await contract()
    const members = new Set<string>()
    for (const c of cases) {
      const res = await c.produce()
      expect(res.headers.get('content-type'), c.how).toMatch(/^application\/problem\+json/)
      const body = (await res.clone().json()) as Record<string, unknown>
      expect(body.type, `${c.how}: ${JSON.stringify(body)}`).toBe(`/problems/${slug}`)
      expect(body.status, c.how).toBe(res.status)
      expect(res.status, c.how).toBe(PROBLEM_TYPES[slug as ProblemType].status ?? res.status)
      if (c.operation) await expectConforms(doc, c.operation.path, c.operation.method, res)
      else
        expect(new Validator(doc.components.schemas.Problem as object, '2020-12', false).validate(body).errors).toEqual(
          [],
        )
      if (res.status >= 500 && slug !== 'not-ready') expect(logged, c.how).toHaveBeenCalled()
      for (const [name, value] of Object.entries(body)) {
        members.add(name)
        if (name === 'limit') for (const part of Object.keys(value as object)) members.add(`limit.${part}`)
      }
    }
    sent.set(slug, members)
  })

  it('describes the problem that ends an event stream', async () => {
    hangEveryTranslation()
    const doc = await contract()
    const res = await fetchWithEnv(
      { REQUEST_DEADLINE_MS: '1000' },
      '/v1/translations?format=sse',
      jsonPost({ text: SEED_TEXT }),
    )
    const error = (await sseReader(res).rest()).at(-1)
    expect(error?.event).toBe('error')
    expect(error?.data).toMatchObject({ type: '/problems/deadline-exceeded', status: 504 })
    const validator = new Validator(doc.components.schemas.Problem as object, '2020-12', false)
    expect(validator.validate(error?.data).errors).toEqual([])
  })

  it('declares no member that no problem sends', async (context) => {
    // Meaningful after every type's cases ran (the whole file, not a filtered test).
    if (sent.size < Object.keys(PROBLEMS).length) context.skip()
    const problem = (await contract()).components.schemas.Problem as {
      properties: Record<string, { properties?: Record<string, unknown> }>
    }
    const limits = Object.keys(problem.properties.limit?.properties ?? {}).map((part) => `limit.${part}`)
    const declared = [...Object.keys(problem.properties), ...limits]
    const all = new Set([...sent.values()].flatMap((members) => [...members]))
    expect(declared.filter((name) => !all.has(name))).toEqual([])
  })
})
