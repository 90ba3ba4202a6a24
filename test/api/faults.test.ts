import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { chatCompletion, type ModelCall, providerError, translationAnswer, useFakeModel } from '../support/fake-model'

// Two recorded paragraphs in one batch, no summary: each call is that batch.
const ARTICLE = { text: SEED_PARAGRAPHS.slice(4, 6).join('\n'), summary: 'none' }
const RECORDED = seed.paragraphs.slice(4, 6).map((p) => p.en)
const json = (content: unknown, finishReason = 'stop') =>
  HttpResponse.json(chatCompletion(typeof content === 'string' ? content : JSON.stringify(content), finishReason))
const answerWith = (_call: ModelCall, texts: Array<[string, string]>) =>
  json({ translations: texts.map(([id, en]) => ({ id, en })) })

/** Each fault the model can commit, answered on the first attempt only. */
const FAULTS: Array<[string, (call: ModelCall) => Response | Promise<Response>]> = [
  ['a 429 with retry-after in seconds', () => providerError(429, { 'retry-after': '1' })],
  ['a 429 with retry-after-ms', () => providerError(429, { 'retry-after-ms': '300' })],
  [
    'a 429 with retry-after as an HTTP date',
    () => providerError(429, { 'retry-after': new Date(Date.now() + 1_000).toUTCString() }),
  ],
  ['a 500', () => providerError(500)],
  ['a 502', () => providerError(502)],
  ['a 503', () => providerError(503)],
  ['a reset connection', () => HttpResponse.error()],
  ['invalid JSON', () => json('{"translations": [{"id": "p0", "en": "Beijing has')],
  ['schema-invalid JSON', () => json({ translations: [{ id: 'p0', english: 'x' }] })],
  ['too few paragraphs', (call) => answerWith(call, [['p0', RECORDED[0] as string]])],
  [
    'reordered paragraphs',
    (call) =>
      answerWith(call, [
        ['p1', RECORDED[1] as string],
        ['p0', RECORDED[0] as string],
      ]),
  ],
  [
    'an empty translation',
    (call) =>
      answerWith(call, [
        ['p0', RECORDED[0] as string],
        ['p1', ''],
      ]),
  ],
  [
    'the French echoed back',
    (call) =>
      answerWith(call, [
        ['p0', call.texts[0] as string],
        ['p1', RECORDED[1] as string],
      ]),
  ],
  [
    'commentary around the translation',
    (call) =>
      answerWith(call, [
        ['p0', `Here is the translation: ${RECORDED[0]}`],
        ['p1', RECORDED[1] as string],
      ]),
  ],
  [
    'a refusal',
    (call) =>
      answerWith(call, [
        ['p0', "I'm sorry, but I can't help with translating this text."],
        ['p1', RECORDED[1] as string],
      ]),
  ],
  ['finish_reason "content_filter"', () => json('', 'content_filter')],
]

describe('faults the model commits once are retried, and the reader never sees them', () => {
  for (const [name, fault] of FAULTS) {
    it(`recovers from ${name}`, async () => {
      const model = useFakeModel({ override: (call, n) => (n === 1 ? fault(call) : undefined) })
      const res = await postTranslation(ARTICLE)
      expect(res.status).toBe(200)
      const result = TranslationResult.parse(await res.json())
      expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
      expect(result.paragraphs.every((p) => p.warnings === undefined)).toBe(true)
      expect(model.calls).toHaveLength(2)
      expect(result.usage.model_calls).toBe(2)
    })
  }

  it('keeps the paragraphs a streamed answer gave in order, when it then adds one too many', async () => {
    const model = useFakeModel({
      override: (call, n) =>
        n === 1
          ? answerWith(call, [
              ['p0', RECORDED[0] as string],
              ['p1', RECORDED[1] as string],
              ['p2', 'An extra paragraph of English text.'],
            ])
          : undefined,
    })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
    // Each paragraph asked for was checked and final as its object closed: nothing is left to ask.
    expect(model.calls).toHaveLength(1)
  })

  it('retries two 500s in a row and succeeds on the third attempt', async () => {
    const model = useFakeModel({ override: (_call, n) => (n <= 2 ? providerError(500) : undefined) })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(3)
    expect(TranslationResult.parse(await res.json()).usage.model_calls).toBe(3)
  })

  it.each([
    [{ 'retry-after': '1' }, 1000],
    [{ 'retry-after-ms': '300' }, 300],
  ])('waits as long as %j asks before trying again', async (hint, ms) => {
    const model = useFakeModel({ override: (_call, n) => (n === 1 ? providerError(429, hint) : undefined) })
    expect((await postTranslation(ARTICLE)).status).toBe(200)
    expect((model.calls[1]?.startedAt as number) - (model.calls[0]?.startedAt as number)).toBeGreaterThanOrEqual(ms)
  })

  it('abandons an attempt that hangs past ATTEMPT_TIMEOUT_MS', async () => {
    const model = useFakeModel({
      override: async (_call, n) => {
        if (n === 1) await new Promise((resolve) => setTimeout(resolve, 4_000))
        return undefined
      },
    })
    const res = await fetchWithEnv({ ATTEMPT_TIMEOUT_MS: '1000' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(2)
    expect((model.calls[1]?.startedAt as number) - (model.calls[0]?.startedAt as number)).toBeLessThan(3_000)
  })

  it('splits a batch cut off at the token limit and retries the halves', async () => {
    const model = useFakeModel({
      override: (call) =>
        call.ids.length > 1 ? json('{"translations": [{"id": "p0", "en": "Beijing', 'length') : undefined,
    })
    const result = TranslationResult.parse(await (await postTranslation(ARTICLE)).json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
    expect(model.calls.map((c) => c.ids)).toEqual([['p0', 'p1'], ['p0'], ['p1']])
  })
})

describe('faults that persist', () => {
  it.each([
    ['invalid JSON', () => json('not json')],
    ['the French echoed back', (call: ModelCall) => translationAnswer(call, (_id, fr) => fr)],
    [
      'a refusal',
      (call: ModelCall) => translationAnswer(call, () => 'I cannot assist with that request, as an AI model.'),
    ],
    ['503s', () => providerError(503)],
  ])('end in a 502 naming the paragraphs after MAX_RETRIES: %s', async (_name, fault) => {
    const model = useFakeModel({ override: fault })
    const res = await fetchWithEnv({ MAX_RETRIES: '2' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ type: '/problems/model-failed', failed_paragraphs: [0, 1] })
    expect(model.calls).toHaveLength(3)
  })

  it('names OPENAI_BASE_URL when the endpoint cannot be reached at all, and promises no cache', async () => {
    const model = useFakeModel({ override: () => HttpResponse.error() })
    const res = await fetchWithEnv({ MAX_RETRIES: '1' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(502)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({
      type: '/problems/model-failed',
      setting: 'OPENAI_BASE_URL',
      failed_paragraphs: [0, 1],
      missing_paragraphs: [0, 1],
      paragraphs: [],
    })
    expect(problem.detail).toMatch(/could not be reached or did not answer in time: check OPENAI_BASE_URL/)
    expect(problem.detail).not.toMatch(/cached/)
    expect(model.calls).toHaveLength(2)
  })

  it('keeps the paragraphs translated before the rest of the article kept failing', async () => {
    // One paragraph a batch; the second's batch meets a 503 every time.
    useFakeModel({ override: (call) => (call.ids.includes('p1') ? providerError(503) : undefined) })
    const res = await fetchWithEnv(
      { MAX_RETRIES: '1', MIN_BATCH_TOKENS: '60', BATCH_MAX_TOKENS: '60' },
      '/v1/translations',
      jsonPost(ARTICLE),
    )
    expect(res.status).toBe(502)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({
      failed_paragraphs: [1],
      missing_paragraphs: [1],
      reason: 'paragraph 1: the model endpoint answered HTTP 503',
    })
    expect(TranslationResult.shape.paragraphs.parse(problem.paragraphs).map((p) => p.en)).toEqual([RECORDED[0]])
    expect(problem.detail).toMatch(/Everything else is cached: send the same request again/)
    expect(problem).not.toHaveProperty('setting')
  })

  it('never retries a provider 400, and keeps its body from the client', async () => {
    const model = useFakeModel({ override: () => providerError(400, {}, 'PROVIDER-INTERNAL: max_tokens too large') })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(502)
    expect(await res.text()).not.toContain('PROVIDER-INTERNAL')
    expect(model.calls).toHaveLength(1)
  })

  it('answers a provider 401 with a 503: the key is wrong', async () => {
    const model = useFakeModel({ override: () => providerError(401) })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ type: '/problems/model-not-configured', setting: 'OPENAI_API_KEY' })
    expect(model.calls).toHaveLength(1)
  })
})
