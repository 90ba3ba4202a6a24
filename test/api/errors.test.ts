import { describe, expect, it } from 'vitest'
import {
  AUTH,
  expectProblem,
  fetchWithEnv,
  get,
  jsonPost,
  postTranslation,
  SEED_PARAGRAPHS,
  SEED_TEXT,
} from '../support/api'
import { providerError, useFakeModel } from '../support/fake-model'

describe('bad requests', () => {
  it('answers malformed JSON with a 400 problem', async () => {
    const res = await postTranslation('{"text": "Bonjour', { headers: { 'Content-Type': 'application/json' } })
    const problem = await expectProblem(res, 400, 'invalid-request')
    expect(problem.detail).toMatch(/not valid JSON/)
  })

  it('lists every schema violation with its path', async () => {
    const res = await postTranslation({ text: 42, summary: 'huge', glossary: { Pékin: '' }, colour: 'blue' })
    const problem = await expectProblem(res, 400, 'invalid-request')
    const paths = (problem.errors as Array<{ path: string; message: string }>).map((e) => e.path).sort()
    expect(paths).toEqual(['(root)', 'glossary.Pékin', 'summary', 'text'])
  })

  it('rejects a glossary of more than 100 entries', async () => {
    const glossary = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`terme${i}`, `term${i}`]))
    const problem = await expectProblem(await postTranslation({ text: SEED_TEXT, glossary }), 400, 'invalid-request')
    expect(JSON.stringify(problem.errors)).toMatch(/at most 100/)
  })

  it('rejects a malformed glossary query parameter and an unknown format', async () => {
    await expectProblem(await postTranslation(SEED_TEXT, { query: '?glossary=Pékin' }), 400, 'invalid-request')
    await expectProblem(await postTranslation(SEED_TEXT, { query: '?format=pdf' }), 400, 'invalid-request')
  })

  it('rejects bytes that are not UTF-8', async () => {
    const res = await fetchWithEnv({}, '/v1/translations', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...AUTH },
      body: new Uint8Array([0x4c, 0x65, 0x20, 0xff, 0xfe, 0x20, 0x74]),
    })
    await expectProblem(res, 400, 'invalid-request')
  })

  it('answers other content types with 415', async () => {
    await expectProblem(
      await postTranslation(SEED_TEXT, { headers: { 'Content-Type': 'application/xml' } }),
      415,
      'unsupported-media-type',
    )
    await expectProblem(
      await postTranslation(SEED_TEXT, { headers: { 'Content-Type': 'text/plain; charset=iso-8859-1' } }),
      415,
      'unsupported-media-type',
    )
  })

  it('answers an article over MAX_ARTICLE_CHARS with 413', async () => {
    const res = await fetchWithEnv({ MAX_ARTICLE_CHARS: '500' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 413, 'payload-too-large')
    expect(problem.detail).toMatch(/MAX_ARTICLE_CHARS/)
  })

  it('answers a body over the byte limit with 413 before reading it whole', async () => {
    const res = await fetchWithEnv({ MAX_ARTICLE_CHARS: '100' }, '/v1/translations', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...AUTH },
      body: 'a'.repeat(200_000),
    })
    await expectProblem(res, 413, 'payload-too-large')
  })

  it('answers an article that is empty once white space is removed with 422', async () => {
    await expectProblem(await postTranslation({ text: ' \n\u00A0\u202F\u200B\r\n\t ' }), 422, 'unprocessable-article')
  })

  it('answers an English article with 422 and says what it looks like', async () => {
    const english =
      'The president of the United States said on Tuesday that the talks with the leaders of the European Union ' +
      'had been productive, and that he would travel to Brussels in the spring to meet them again. ' +
      'It was not clear which of the proposals they would discuss.'
    const problem = await expectProblem(await postTranslation({ text: english }), 422, 'unprocessable-article')
    expect(problem.looks_like).toBe('English')
  })

  it('answers 404 for an unknown route and an unknown id', async () => {
    await expectProblem(await get('/v2/nothing'), 404, 'not-found')
    await expectProblem(await get('/v1/translations/tr_AAAAAAAAAAAAAAAAAAAAAAAAAA'), 404, 'not-found')
    await expectProblem(await get('/v1/translations/..%2F..%2Fetc'), 404, 'not-found')
  })
})

describe('failures of the model or the deployment', () => {
  it('answers 502 naming the paragraphs that kept failing, and caches the rest', async () => {
    const failing = new Set<number>()
    const model = useFakeModel({
      override: (call) => {
        if (call.kind !== 'translation' || !call.texts.includes(SEED_PARAGRAPHS[5] as string)) return undefined
        for (const id of call.ids) failing.add(Number(id.slice(1).split('.')[0]))
        return providerError(500)
      },
    })
    const settings = { BATCH_MAX_TOKENS: '100', MAX_RETRIES: '1' }
    const res = await fetchWithEnv(settings, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 502, 'model-failed')
    expect(failing.has(5)).toBe(true)
    expect(failing.size).toBeLessThan(12)
    expect(problem.failed_paragraphs).toEqual([...failing].sort((a, b) => a - b))
    expect(problem.summary_failed).toBe(false)

    // Sent again, only the failed paragraphs go back to the model, and not the summary.
    model.calls.length = 0
    const again = await fetchWithEnv(settings, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    expect(again.status).toBe(502)
    const asked = new Set(model.translationCalls().flatMap((c) => c.texts))
    expect(asked).toEqual(new Set([...failing].map((i) => SEED_PARAGRAPHS[i])))
    expect(model.summaryCalls()).toHaveLength(0)
  })

  it('answers 503 saying how to set the key when no OPENAI_API_KEY is configured', async () => {
    const res = await fetchWithEnv({ OPENAI_API_KEY: undefined }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 503, 'model-not-configured')
    expect(problem.setting).toBe('OPENAI_API_KEY')
    expect(problem.detail).toMatch(/wrangler secret put OPENAI_API_KEY/)
  })

  it('answers 503 when the provider refuses the key, without retrying', async () => {
    const model = useFakeModel({ override: () => providerError(401, {}, 'Incorrect API key provided: sk-test-key') })
    const res = await postTranslation({ text: SEED_TEXT })
    const problem = await expectProblem(res, 503, 'model-not-configured')
    expect(JSON.stringify(problem)).not.toContain('sk-test-key')
    // One call per batch and one for the summary: none repeated.
    expect(new Set(model.calls.map((c) => JSON.stringify(c.texts))).size).toBe(model.calls.length)
  })

  it('answers 504 when the deadline passes, keeping what was translated', async () => {
    const hung = new Set<string>()
    useFakeModel({
      override: async (call) => {
        if (call.kind === 'translation' && call.texts.includes(SEED_PARAGRAPHS[10] as string)) {
          for (const id of call.ids) hung.add(id.replace(/\..*$/, ''))
          await new Promise((r) => setTimeout(r, 3_000))
        }
        return undefined
      },
    })
    const started = Date.now()
    const res = await fetchWithEnv(
      { REQUEST_DEADLINE_MS: '1000', MIN_BATCH_TOKENS: '100', BATCH_MAX_TOKENS: '100' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(Date.now() - started).toBeLessThan(2_500)
    const problem = await expectProblem(res, 504, 'deadline-exceeded')
    expect(problem.paragraph_count).toBe(12)
    expect(hung.size).toBeGreaterThan(0)
    expect(problem.translated_paragraphs).toBe(12 - hung.size)

    // What was translated before the deadline is cached: only the hung batch goes back.
    const model = useFakeModel()
    const again = await fetchWithEnv(
      { MIN_BATCH_TOKENS: '100', BATCH_MAX_TOKENS: '100' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(again.status).toBe(200)
    expect(new Set(model.translationCalls().flatMap((c) => c.ids.map((id) => id.replace(/\..*$/, ''))))).toEqual(hung)
  })

  it('answers 500 naming a setting with an invalid value', async () => {
    const res = await fetchWithEnv({ MODEL_CONCURRENCY: '64' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 500, 'invalid-configuration')
    expect(problem.setting).toBe('MODEL_CONCURRENCY')
    expect(problem.detail).toMatch(/at most 32/)
  })
})

describe('health', () => {
  it('answers ok with the version', async () => {
    const res = await get('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })
})

describe('a model the provider does not know', () => {
  it('answers 503 naming MODEL when the endpoint answers 404, without retrying', async () => {
    // The fake model answers an unknown model as OpenAI does: 404, code model_not_found.
    const model = useFakeModel()
    const res = await fetchWithEnv({ MODEL: 'gpt-nope' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 503, 'model-not-configured')
    expect(problem.setting).toBe('MODEL')
    expect(problem.detail).toMatch(/HTTP 404 for the model "gpt-nope"/)
    expect(model.refused.length).toBeGreaterThan(0)
    expect(model.refused.every((r) => r.refusal.status === 404)).toBe(true)
    const sent = model.refused.map((r) => JSON.stringify(r.body.messages))
    expect(new Set(sent).size).toBe(sent.length)
  })
})
