import { delay, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost } from '../support/api'
import { FLORES, type ModelCall, normalAnswer, streamedCompletion, useFakeModel } from '../support/fake-model'

// Workers let an invocation have at most six connections waiting for their response
// headers; once its headers are in, a streamed answer no longer counts. Twelve calls at
// once: sixty distinct paragraphs of real French (FLORES-200), in batches of about 100
// tokens, make an opening call and eleven more.
const PARAGRAPHS = [...new Set(FLORES.flatMap((r) => r.paragraphs.map((p) => p.fr)))].slice(0, 60)
const ARTICLE = PARAGRAPHS.join('\n')
const TWELVE = { MODEL_CONCURRENCY: '12', MIN_BATCH_TOKENS: '100', BATCH_MAX_TOKENS: '3000' }
const WAIT_FOR_HEADERS_MS = 60
const STREAM_MS = 600
// A whole answer takes long enough that every call the request starts at once overlaps.
const WHOLE_ANSWER_MS = 200

/** Counts, at every moment, the calls waiting for their headers and the answers streaming. */
function counters() {
  const c = { waiting: 0, streaming: 0, mostWaiting: 0, mostStreaming: 0 }
  return {
    c,
    waits: () => {
      c.mostWaiting = Math.max(c.mostWaiting, ++c.waiting)
      return () => c.waiting--
    },
    streams: () => {
      c.mostStreaming = Math.max(c.mostStreaming, ++c.streaming)
      let ended = false
      return () => {
        if (!ended) c.streaming--
        ended = true
      }
    },
  }
}

/** An SSE text sent in a few pieces over `ms`, as a model writes; `ended` once it is closed or dropped. */
function slowly(text: string, ms: number, ended: () => void): ReadableStream<Uint8Array> {
  const events = text.split('\n\n').filter(Boolean)
  const pieces = 6
  const per = Math.ceil(events.length / pieces)
  const encoder = new TextEncoder()
  let cancelled = false
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let i = 0; i < events.length && !cancelled; i += per) {
        await delay(ms / pieces)
        if (cancelled) break
        controller.enqueue(
          encoder.encode(
            events
              .slice(i, i + per)
              .map((e) => `${e}\n\n`)
              .join(''),
          ),
        )
      }
      ended()
      if (!cancelled) controller.close()
    },
    cancel() {
      cancelled = true
      ended()
    },
  })
}

describe('past six connections', () => {
  it('keeps at most six calls waiting for headers, and more than six answers streaming at once', async () => {
    const count = counters()
    const model = useFakeModel({
      override: async (call: ModelCall) => {
        const headersSent = count.waits()
        await delay(WAIT_FOR_HEADERS_MS)
        headersSent()
        const sse = await streamedCompletion(normalAnswer(call.body, call), { usage: true }).text()
        return new HttpResponse(slowly(sse, STREAM_MS, count.streams()), {
          headers: { 'content-type': 'text/event-stream; charset=utf-8' },
        })
      },
    })
    const res = await fetchWithEnv(TWELVE, '/v1/translations', jsonPost({ text: ARTICLE, summary: 'none' }))
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.fr)).toEqual(PARAGRAPHS)
    expect(result.paragraphs.every((p) => p.en.length > 0)).toBe(true)

    expect(model.translationCalls()).toHaveLength(12)
    expect(model.translationCalls().every((call) => call.body.stream === true)).toBe(true)
    expect(count.c.mostWaiting).toBeLessThanOrEqual(6)
    expect(count.c.mostStreaming).toBeGreaterThan(6)
    expect(count.c.waiting).toBe(0)
  })

  it('keeps every call to one of six places when no answer streams (the Workers AI binding)', async () => {
    let open = 0
    let most = 0
    const calls: unknown[] = []
    // Workers AI answers whole: a call holds its place until its answer is in. It answers
    // as the fake model does (the recorded English, or a gloss), in its own shape.
    const ai = {
      async run(_model: string, inputs: { messages: Array<{ role: string; content: string }> }) {
        calls.push(inputs)
        most = Math.max(most, ++open)
        await delay(WHOLE_ANSWER_MS)
        open--
        const user = JSON.parse(inputs.messages.find((m) => m.role === 'user')?.content ?? '{}')
        const paragraphs = user.paragraphs as Array<{ id: string; fr: string }>
        const call: ModelCall = {
          kind: 'translation',
          ids: paragraphs.map((p) => p.id),
          texts: paragraphs.map((p) => p.fr),
          body: inputs,
          user,
          headers: {},
          startedAt: Date.now(),
        }
        const completion = normalAnswer(inputs, call) as { choices: Array<{ message: { content: string } }> }
        return {
          response: JSON.parse(completion.choices[0]?.message.content ?? '{}'),
          usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        }
      },
    }
    const res = await fetchWithEnv(
      { ...TWELVE, AI: ai, MODEL: '@cf/meta/llama-3.3-70b-instruct-fp8-fast', OPENAI_API_KEY: undefined },
      '/v1/translations',
      jsonPost({ text: ARTICLE, summary: 'none' }),
    )
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.fr)).toEqual(PARAGRAPHS)
    expect(calls).toHaveLength(12)
    expect(most).toBe(6)
  })
})
