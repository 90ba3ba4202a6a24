import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { providerError, useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

const SSE = { Accept: 'text/event-stream' }

describe('streaming (text/event-stream)', () => {
  it('sends meta, every paragraph, the summary, then done', async () => {
    useFakeModel()
    const res = await postTranslation({ text: SEED_TEXT }, { headers: SSE })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = await sseReader(res).rest()
    expect(events[0]).toEqual({
      event: 'meta',
      data: { id: expect.stringMatching(/^tr_/), model: 'gpt-5.4-mini', paragraph_count: 12, fr: SEED_PARAGRAPHS },
    })
    const paragraphs = events
      .filter((e) => e.event === 'paragraph')
      .map((e) => e.data as { index: number; fr: string; en: string })
    expect(paragraphs.map((p) => p.index).sort((a, b) => a - b)).toEqual([...Array(12).keys()])
    for (const p of paragraphs) {
      expect(p.fr).toBe(SEED_PARAGRAPHS[p.index])
      expect(p.en).toBe(seed.paragraphs[p.index]?.en)
    }
    expect(events.find((e) => e.event === 'summary')?.data).toEqual(seed.summaries.standard)
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: { usage: expect.objectContaining({ model_calls: expect.any(Number) }) },
    })
  })

  it('sends each batch as soon as it is done, not after the whole article', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const model = useFakeModel({
      override: async (call) => {
        if (call.texts.includes(SEED_PARAGRAPHS[11] as string)) await held
        return undefined
      },
    })
    const res = await fetchWithEnv(
      { MIN_BATCH_TOKENS: '150', BATCH_MAX_TOKENS: '150' },
      '/v1/translations?format=sse',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    const stream = sseReader(res)
    expect((await stream.next())?.event).toBe('meta')
    const first = await stream.next()
    expect(first?.event).toBe('paragraph')
    // The last paragraph's batch is still waiting on the model.
    const last = model.translationCalls().find((c) => c.texts.includes(SEED_PARAGRAPHS[11] as string))
    expect(last?.endedAt).toBeUndefined()
    release()
    const rest = await stream.rest()
    expect(rest.filter((e) => e.event === 'paragraph')).toHaveLength(11)
    expect(rest.at(-1)?.event).toBe('done')
  })

  it('ends with an error event, leaving what was sent valid and cached', async () => {
    const failing = new Set<number>()
    useFakeModel({
      override: (call) => {
        if (call.kind !== 'translation' || !call.texts.includes(SEED_PARAGRAPHS[5] as string)) return undefined
        for (const id of call.ids) failing.add(Number(id.slice(1).split('.')[0]))
        return providerError(500)
      },
    })
    const settings = { BATCH_MAX_TOKENS: '100', MAX_RETRIES: '1' }
    const events = await sseReader(
      await fetchWithEnv(settings, '/v1/translations?format=sse', jsonPost({ text: SEED_TEXT })),
    ).rest()
    const error = events.at(-1)
    expect(error?.event).toBe('error')
    expect(error?.data).toMatchObject({
      type: '/problems/model-failed',
      status: 502,
      failed_paragraphs: [...failing].sort((a, b) => a - b),
    })
    const sent = events.filter((e) => e.event === 'paragraph').map((e) => (e.data as { index: number }).index)
    expect(sent.sort((a, b) => a - b)).toEqual([...Array(12).keys()].filter((i) => !failing.has(i)))

    // What was sent is cached: the same request asks the model only for the rest.
    const model = useFakeModel()
    const again = await fetchWithEnv(settings, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    expect(again.status).toBe(200)
    expect(new Set(model.translationCalls().flatMap((c) => c.texts))).toEqual(
      new Set([...failing].map((i) => SEED_PARAGRAPHS[i])),
    )
  })

  it('starts no more model calls once the client disconnects', async () => {
    const model = useFakeModel({ latencyMs: 150 })
    const res = await fetchWithEnv(
      { MIN_BATCH_TOKENS: '100', BATCH_MAX_TOKENS: '100', MODEL_CONCURRENCY: '1' },
      '/v1/translations?format=sse',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    const stream = sseReader(res)
    await stream.next()
    await stream.next()
    await stream.cancel()
    const callsAtDisconnect = model.calls.length
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(model.calls.length).toBeLessThanOrEqual(callsAtDisconnect + 1)
    expect(model.calls.length).toBeLessThan(12)
  })

  it('streams a stored result whole, with no model call', async () => {
    const model = useFakeModel()
    await postTranslation({ text: SEED_TEXT })
    const calls = model.calls.length
    const events = await sseReader(await postTranslation({ text: SEED_TEXT }, { headers: SSE })).rest()
    expect(model.calls.length).toBe(calls)
    expect(events.map((e) => e.event)).toEqual(['meta', ...Array(12).fill('paragraph'), 'summary', 'done'])
    expect(
      events.filter((e) => e.event === 'paragraph').every((e) => (e.data as { cache: string }).cache === 'hit'),
    ).toBe(true)
  })

  it('answers bad requests with a problem before any stream starts', async () => {
    const res = await postTranslation({ text: '' }, { headers: SSE })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await get('/healthz')).status).toBe(200)
  })
})
