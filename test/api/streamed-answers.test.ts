import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { heldStream, type ModelCall, normalAnswer, streamedCompletion, useFakeModel } from '../support/fake-model'
import { fakeProvider, type Judge, mistralJudge, openAIJudge, openSchemaJudge } from '../support/providers'
import { sseReader } from '../support/sse'

// The seed article in two calls: its opening (p0–p2), then the rest (p3–p11) in one, so
// that the rest's paragraphs can only arrive one by one if the answer is read as it streams.
// Two connections and batches of at least 300 tokens: the first of two batches would be
// larger than that, so the opening paragraphs get their call, and the rest has one left.
const ONE_BATCH = { MIN_BATCH_TOKENS: '300', BATCH_MAX_TOKENS: '8000', MODEL_CONCURRENCY: '2' }
const REST = SEED_PARAGRAPHS.map((_, i) => `p${i}`).slice(3)
const isRest = (call: ModelCall) => call.kind === 'translation' && call.ids[0] === 'p3'
const SEED_EN = seed.paragraphs.map((p) => p.en)

/** Where the `n`-th object of a translation answer's array ends in its text. */
function endOfItem(content: string, n: number): number {
  let at = -1
  for (let i = 0; i <= n; i++) at = content.indexOf('"}', at + 1)
  return at + 2
}

const contentOf = (completion: Record<string, unknown>) =>
  ((completion.choices as Array<{ message: { content: string } }>)[0] as { message: { content: string } }).message
    .content

describe('model answers are read as they stream', () => {
  it('asks for a stream with its usage, and counts the tokens the stream reports', async () => {
    const model = useFakeModel()
    const res = await fetchWithEnv({}, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    for (const call of model.translationCalls())
      expect(call.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
    // The fake reports 100 prompt and 50 completion tokens per translation call, in the stream's last chunk.
    expect(result.usage).toMatchObject({
      model_calls: model.calls.length,
      input_tokens: 100 * model.calls.length,
      output_tokens: 50 * model.calls.length,
    })
    expect(result.usage).not.toHaveProperty('tokens_estimated')
  })

  it('sends the first paragraph as soon as its object closes, while the model is still writing the rest', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let released = false
    useFakeModel({
      override: async (call: ModelCall) => {
        if (call.kind !== 'translation') return undefined
        // Everything up to the end of the first paragraph's object now; the rest after release.
        const answer = normalAnswer(call.body, call)
        return heldStream(answer, endOfItem(contentOf(answer), 0), held)
      },
    })
    const res = await fetchWithEnv(
      ONE_BATCH,
      '/v1/translations?format=sse',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    const stream = sseReader(res)
    expect((await stream.next())?.event).toBe('meta')
    // Each call has written its first paragraph and is holding the rest.
    const early = [await stream.next(), await stream.next()]
    expect(released).toBe(false)
    expect(early).toContainEqual({
      event: 'paragraph',
      data: expect.objectContaining({ index: 0, fr: SEED_PARAGRAPHS[0], en: SEED_EN[0] }),
    })
    expect(early).toContainEqual({
      event: 'paragraph',
      data: expect.objectContaining({ index: 3, fr: SEED_PARAGRAPHS[3], en: SEED_EN[3] }),
    })
    released = true
    release()
    const rest = await stream.rest()
    expect(
      rest
        .filter((e) => e.event === 'paragraph')
        .map((e) => (e.data as { index: number }).index)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(rest.at(-1)?.event).toBe('done')
  })

  it('keeps the paragraphs finished before a stream stopped midway, and asks again only for the rest', async () => {
    let dropped = false
    const model = useFakeModel({
      override: (call) => {
        if (!isRest(call) || dropped) return undefined
        dropped = true
        const answer = normalAnswer(call.body, call)
        // The connection drops in the middle of the batch's fourth paragraph (p6).
        return streamedCompletion(answer, { usage: true, stopAfter: endOfItem(contentOf(answer), 2) + 20 })
      },
    })
    const res = await fetchWithEnv(ONE_BATCH, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    const calls = model.translationCalls().filter((c) => c.ids[0] !== 'p0')
    expect(calls.map((c) => c.ids)).toEqual([REST, REST.slice(3)])
  })

  it('abandons a stream that falls silent for ATTEMPT_TIMEOUT_MS, keeping what it had finished', async () => {
    let stalled = false
    const model = useFakeModel({
      override: async (call) => {
        if (!isRest(call) || stalled) return undefined
        stalled = true
        const answer = normalAnswer(call.body, call)
        const full = await streamedCompletion(answer, {
          usage: true,
          stopAfter: endOfItem(contentOf(answer), 1) + 10,
        }).text()
        const encoder = new TextEncoder()
        // The first two paragraphs and a bit, then nothing: the connection stays open.
        const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(encoder.encode(full)) })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    const res = await fetchWithEnv(
      { ...ONE_BATCH, ATTEMPT_TIMEOUT_MS: '1000' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(
      model
        .translationCalls()
        .filter((c) => c.ids[0] !== 'p0')
        .map((c) => c.ids),
    ).toEqual([REST, REST.slice(2)])
  })

  it('lets a stream that keeps writing run past ATTEMPT_TIMEOUT_MS', async () => {
    const model = useFakeModel({
      override: async (call) => {
        if (!isRest(call)) return undefined
        const events = (
          await streamedCompletion(normalAnswer(call.body, call), { usage: true, pieceLength: 400 }).text()
        )
          .split('\n\n')
          .filter(Boolean)
        const encoder = new TextEncoder()
        // A piece every 250 ms: about 2 s in all, never silent for 1 s.
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (const event of events) {
              controller.enqueue(encoder.encode(`${event}\n\n`))
              await new Promise((resolve) => setTimeout(resolve, 250))
            }
            controller.close()
          },
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    const started = Date.now()
    const res = await fetchWithEnv(
      { ...ONE_BATCH, ATTEMPT_TIMEOUT_MS: '1000' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    expect(res.status).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(Date.now() - started).toBeGreaterThan(1000)
    expect(model.translationCalls().filter(isRest)).toHaveLength(1)
  })

  it('retries an answer the model refused in its stream (delta.refusal), serving nothing of it', async () => {
    let refused = false
    const model = useFakeModel({
      override: (call) => {
        if (!isRest(call) || refused) return undefined
        refused = true
        return streamedCompletion(
          {
            id: 'chatcmpl-refused',
            model: 'gpt-5.4-mini',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." },
                finish_reason: 'stop',
              },
            ],
          },
          { usage: false },
        )
      },
    })
    const res = await fetchWithEnv(ONE_BATCH, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(model.translationCalls().filter(isRest)).toHaveLength(2)
  })

  it('splits only what is left of a batch whose streamed answer was cut off at the token limit', async () => {
    let cut = false
    const model = useFakeModel({
      override: (call) => {
        if (!isRest(call) || cut) return undefined
        cut = true
        const answer = normalAnswer(call.body, call)
        const content = contentOf(answer)
        const cutAt = endOfItem(content, 5) + 30
        const choices = [
          {
            index: 0,
            message: { role: 'assistant', content: content.slice(0, cutAt), refusal: null },
            finish_reason: 'length',
          },
        ]
        return streamedCompletion({ ...answer, choices }, { usage: true })
      },
    })
    const res = await fetchWithEnv(ONE_BATCH, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    // p3–p8 closed before the cut: what is left, p9–p11, is split in two.
    const after = model.translationCalls().filter((c) => c.ids[0] !== 'p0' && c.ids[0] !== 'p3')
    expect(after.map((c) => c.ids)).toEqual([['p9', 'p10'], ['p11']])
  })
})

describe('endpoints that do not stream as OpenAI does', () => {
  const refusing =
    (field: string): Judge =>
    (body, headers) =>
      field in body
        ? HttpResponse.json(
            {
              error: {
                message: `Unrecognized request argument supplied: ${field}`,
                type: 'invalid_request_error',
                param: field,
                code: 'unsupported_parameter',
              },
            },
            { status: 400 },
          )
        : openAIJudge(body, headers)

  afterEach(() => vi.restoreAllMocks())

  it('sends plain calls from then on to an endpoint that refuses `stream`', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const base = 'https://no-streams.test/v1'
    const provider = fakeProvider(base, refusing('stream'))
    const res = await fetchWithEnv(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: base, MODEL: 'gpt-4.1-mini' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(provider.log.refused.length).toBeGreaterThanOrEqual(1)
    expect(provider.log.refused.every((r) => r.body.stream === true)).toBe(true)
    const translations = provider.log.accepted.filter(
      (b) => (b.response_format as { json_schema?: { name?: string } }).json_schema?.name === 'translation',
    )
    expect(translations.length).toBeGreaterThan(0)
    for (const body of translations) expect(body).not.toHaveProperty('stream')
    expect(warn).toHaveBeenCalledWith(
      'model: no-streams.test refused stream for gpt-4.1-mini; sending plain calls from now on',
    )
  })

  it('streams without `stream_options` to an endpoint that refuses it once, and from then on', async () => {
    const base = 'https://no-stream-options.test/v1'
    const provider = fakeProvider(base, refusing('stream_options'))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const res = await fetchWithEnv(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: base, MODEL: 'gpt-4.1-mini', MODEL_CONCURRENCY: '1' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(provider.log.refused).toHaveLength(1)
    expect(warn).toHaveBeenCalledWith(
      'model: no-stream-options.test refused stream_options for gpt-4.1-mini; ' +
        'sending streams without stream_options from now on',
    )
    const streamed = provider.log.accepted.filter((b) => b.stream === true)
    expect(streamed.length).toBeGreaterThan(0)
    for (const body of streamed) expect(body).not.toHaveProperty('stream_options')
  })

  it('reads a whole answer from a server that ignores `stream` and answers JSON', async () => {
    const base = 'http://ignores-streams.test:8000/v1'
    const provider = fakeProvider(base, openSchemaJudge, { ignoresStream: true })
    const res = await fetchWithEnv(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: base, MODEL: 'local-model' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(TranslationResult.parse(await res.json()).paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    expect(provider.log.refused).toEqual([])
    expect(provider.log.accepted.some((b) => b.stream === true)).toBe(true)
  })

  it('streams to Mistral without `stream_options`, which it does not take, refused nothing', async () => {
    const base = 'https://api.mistral.ai/v1'
    const provider = fakeProvider(base, mistralJudge)
    const res = await fetchWithEnv(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: base, MODEL: 'mistral-small-latest' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(provider.log.refused).toEqual([])
    const streamed = provider.log.accepted.filter((b) => b.stream === true)
    expect(streamed.length).toBeGreaterThan(0)
    for (const body of streamed) expect(body).not.toHaveProperty('stream_options')
  })
})
