import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import { type ModelCall, normalAnswer, streamedCompletion, useFakeModel } from '../support/fake-model'

// The seed in two calls: its opening (p0–p2), then the rest (p3–p11) in one, two connections.
const TWO_CALLS = { MIN_BATCH_TOKENS: '300', BATCH_MAX_TOKENS: '8000', MODEL_CONCURRENCY: '2' }
const SEED_EN = seed.paragraphs.map((p) => p.en)
// Paragraph 4's English with most of it missing: far shorter than the French, which the checks refuse.
const CUT = (SEED_EN[4] ?? '').split(' ').slice(0, 6).join(' ')

/** A streamed answer whose events up to the end of its second object come now, the rest when `held` settles. */
async function heldAfterTwoObjects(completion: Record<string, unknown>, held: Promise<void>): Promise<Response> {
  const events = (await streamedCompletion(completion, { usage: true }).text()).split('\n\n').filter(Boolean)
  let written = ''
  let cut = events.length
  for (const [i, event] of events.entries()) {
    const data = event.slice(6)
    if (data !== '[DONE]')
      written +=
        (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? ''
    if (written.split('"}').length > 2) {
      cut = i + 1
      break
    }
  }
  const encoder = new TextEncoder()
  const text = (part: string[]) => encoder.encode(part.map((e) => `${e}\n\n`).join(''))
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(text(events.slice(0, cut)))
      await held
      controller.enqueue(text(events.slice(cut)))
      controller.close()
    },
  })
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
}

describe('a paragraph the checks refuse in a streamed answer', () => {
  it('is retried alone as soon as its object closes after a usable one, while its batch is still writing', async () => {
    let release: () => void = () => {}
    // The batch holds the rest of its answer until the retry arrives, or 3 s (then the test fails).
    const held = new Promise<void>((resolve) => {
      release = resolve
      setTimeout(resolve, 3000)
    })
    let batchWriting = false
    let retriedWhileWriting: boolean | undefined
    useFakeModel({
      override: async (call: ModelCall) => {
        if (call.kind !== 'translation') return undefined
        if (call.ids[0] === 'p3' && call.ids.length > 1) {
          const answer = normalAnswer(call.body, call)
          const content = JSON.parse(
            (answer.choices as Array<{ message: { content: string } }>)[0]?.message.content ?? '{}',
          ) as { translations: Array<{ id: string; en: string }> }
          const second = content.translations[1]
          if (second) second.en = CUT
          const choice = (answer.choices as Array<{ message: { content: string } }>)[0]
          if (choice) choice.message.content = JSON.stringify(content)
          batchWriting = true
          void held.then(() => {
            batchWriting = false
          })
          return heldAfterTwoObjects(answer, held)
        }
        if (call.ids.length === 1 && call.ids[0] === 'p4') {
          retriedWhileWriting = batchWriting
          release()
        }
        return undefined
      },
    })
    const res = await fetchWithEnv(TWO_CALLS, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(retriedWhileWriting).toBe(true)
    // The retry's clean answer replaced the doubtful one; the batch's other paragraphs stand.
    expect(result.paragraphs[4]).toMatchObject({ en: SEED_EN[4] })
    expect(result.paragraphs[4]).not.toHaveProperty('warnings')
    expect(result.paragraphs.map((p) => p.en)).toEqual(SEED_EN)
  })
})
