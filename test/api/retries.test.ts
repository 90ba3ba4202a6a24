import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { chatCompletion, type ModelCall, providerError, translationAnswer, useFakeModel } from '../support/fake-model'

// Two paragraphs, one batch, no summary: every call is the same batch.
const ARTICLE = { text: SEED_PARAGRAPHS.slice(4, 6).join('\n'), summary: 'none' }

/** Fails the first `times` calls with `failure`, then answers normally. */
const failFirst = (times: number, failure: (call: ModelCall) => Response) => (call: ModelCall, n: number) => (n <= times ? failure(call) : undefined)

describe('retrying the model', () => {
  it('retries a 429 and succeeds', async () => {
    const model = useFakeModel({ override: failFirst(1, () => providerError(429)) })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(2)
    expect(TranslationResult.parse(await res.json()).usage.model_calls).toBe(2)
  })

  it('retries two 500s and succeeds on the third attempt', async () => {
    const model = useFakeModel({ override: failFirst(2, () => providerError(500)) })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(3)
  })

  it('retries a reset connection', async () => {
    const model = useFakeModel({ override: failFirst(1, () => HttpResponse.error()) })
    expect((await postTranslation(ARTICLE)).status).toBe(200)
    expect(model.calls).toHaveLength(2)
  })

  it('never retries a 400, and answers 502 without the provider’s body', async () => {
    const model = useFakeModel({ override: () => providerError(400, {}, 'SECRET-PROVIDER-DETAIL: bad parameter') })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(502)
    expect(model.calls).toHaveLength(1)
    const body = await res.text()
    expect(body).not.toContain('SECRET-PROVIDER-DETAIL')
    expect(JSON.parse(body)).toMatchObject({ status: 502, failed_paragraphs: [0, 1] })
  })

  it("waits as long as the provider's retry-after-ms asks", async () => {
    const times: number[] = []
    useFakeModel({
      override: (_call, n) => {
        times.push(Date.now())
        return n === 1 ? providerError(429, { 'retry-after-ms': '400' }) : undefined
      },
    })
    expect((await postTranslation(ARTICLE)).status).toBe(200)
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(400)
  })

  it("waits as long as the provider's retry-after (seconds) asks", async () => {
    const times: number[] = []
    useFakeModel({
      override: (_call, n) => {
        times.push(Date.now())
        return n === 1 ? providerError(503, { 'retry-after': '1' }) : undefined
      },
    })
    expect((await postTranslation(ARTICLE)).status).toBe(200)
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(1000)
  })

  it('retries malformed JSON from the model', async () => {
    const model = useFakeModel({ override: failFirst(1, () => HttpResponse.json(chatCompletion('{"translations": [{"id": "p0", "en": "The'))) })
    expect((await postTranslation(ARTICLE)).status).toBe(200)
    expect(model.calls).toHaveLength(2)
  })

  it('retries a wrong number of paragraphs from the model', async () => {
    const model = useFakeModel({
      override: failFirst(1, (call) => translationAnswer({ ...call, ids: call.ids.slice(0, 1), texts: call.texts.slice(0, 1) })),
    })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(2)
    expect(TranslationResult.parse(await res.json()).paragraphs).toHaveLength(2)
  })

  it('abandons an attempt that takes longer than ATTEMPT_TIMEOUT_MS, and retries', async () => {
    const model = useFakeModel({
      override: async (_call, n) => {
        if (n === 1) await new Promise((resolve) => setTimeout(resolve, 5_000))
        return undefined
      },
    })
    const started = Date.now()
    const res = await fetchWithEnv({ ATTEMPT_TIMEOUT_MS: '1000' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(200)
    expect(model.calls).toHaveLength(2)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('splits a batch whose answer was cut off at the token limit, instead of retrying it whole', async () => {
    const model = useFakeModel({ override: (call) => (call.ids.length > 1 ? HttpResponse.json(chatCompletion('{"translations": [', 'length')) : undefined) })
    const res = await postTranslation(ARTICLE)
    expect(res.status).toBe(200)
    expect(model.calls.map((c) => c.ids)).toEqual([['p0', 'p1'], ['p0'], ['p1']])
  })

  it('gives up after MAX_RETRIES and says which paragraphs failed', async () => {
    const model = useFakeModel({ override: () => providerError(503) })
    const res = await fetchWithEnv({ MAX_RETRIES: '2' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(502)
    expect(model.calls).toHaveLength(3)
  })
})
