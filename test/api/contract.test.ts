import { Validator } from '@cfworker/json-schema'
import { describe, expect, it } from 'vitest'
import app from '../../src/index'
import { AUTH, fetchWithEnv, get, jsonPost, postTranslation, SEED_TEXT } from '../support/api'
import { providerError, useFakeModel } from '../support/fake-model'

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

  it('matches real problem responses', async () => {
    const doc = await contract()
    const post = (body: unknown, headers: Record<string, string> = {}) => postTranslation(body, { headers })
    await expectConforms(
      doc,
      '/v1/translations',
      'post',
      await post('{"text": ', { 'Content-Type': 'application/json' }),
    )
    await expectConforms(doc, '/v1/translations', 'post', await post({ text: 1, extra: true }))
    await expectConforms(
      doc,
      '/v1/translations',
      'post',
      await post({ text: SEED_TEXT }, { Authorization: 'Bearer nope' }),
    )
    await expectConforms(doc, '/v1/translations', 'post', await post(SEED_TEXT, { 'Content-Type': 'image/png' }))
    await expectConforms(doc, '/v1/translations', 'post', await post({ text: '   ' }))
    await expectConforms(
      doc,
      '/v1/translations',
      'post',
      await fetchWithEnv({ MAX_ARTICLE_CHARS: '100' }, '/v1/translations', jsonPost({ text: SEED_TEXT })),
    )
    await expectConforms(
      doc,
      '/v1/translations',
      'post',
      await fetchWithEnv({ OPENAI_API_KEY: undefined }, '/v1/translations', jsonPost({ text: SEED_TEXT })),
    )
    await expectConforms(
      doc,
      '/v1/translations/{id}',
      'get',
      await get('/v1/translations/tr_AAAAAAAAAAAAAAAAAAAAAAAAAA'),
    )

    useFakeModel({ override: () => providerError(400) })
    await expectConforms(doc, '/v1/translations', 'post', await post({ text: SEED_TEXT }, AUTH))
  })
})
