import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import { heldStream, type ModelCall, normalAnswer, streamedCompletion, useFakeModel } from '../support/fake-model'

// The seed in two calls: its opening (p0–p2), then the rest (p3–p11) in one, two connections.
const TWO_CALLS = { MIN_BATCH_TOKENS: '300', BATCH_MAX_TOKENS: '8000', MODEL_CONCURRENCY: '2' }
const SEED_EN = seed.paragraphs.map((p) => p.en)
// Paragraph 4's English with most of it missing: far shorter than the French, which the checks refuse.
const CUT = (SEED_EN[4] ?? '').split(' ').slice(0, 6).join(' ')

/** Where the second object of an answer's translations ends in its content. */
function endOfSecond(answer: Record<string, unknown>): number {
  const content = (answer.choices as Array<{ message: { content: string } }>)[0]?.message.content ?? ''
  return content.indexOf('"}', content.indexOf('"}') + 1) + 2
}

/** The batch's normal answer, with paragraph 4's English cut short. */
function withFourCut(call: ModelCall): { answer: Record<string, unknown>; content: string } {
  const answer = normalAnswer(call.body, call)
  const choice = (answer.choices as Array<{ message: { content: string } }>)[0]
  const content = JSON.parse(choice?.message.content ?? '{}') as { translations: Array<{ id: string; en: string }> }
  const second = content.translations[1]
  if (second) second.en = CUT
  if (choice) choice.message.content = JSON.stringify(content)
  return { answer, content: choice?.message.content ?? '' }
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
          const { answer } = withFourCut(call)
          batchWriting = true
          void held.then(() => {
            batchWriting = false
          })
          return heldStream(answer, endOfSecond(answer), held)
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

  it("is not asked again with the rest of its batch when the batch's stream stops midway", async () => {
    let stopped = false
    const model = useFakeModel({
      override: (call: ModelCall) => {
        if (call.kind !== 'translation' || stopped || call.ids[0] !== 'p3' || call.ids.length === 1) return undefined
        stopped = true
        // p3 clean, p4 cut short, p5 whole; then the stream stops.
        const { answer, content } = withFourCut(call)
        let end = -1
        for (let i = 0; i < 3; i++) end = content.indexOf('"}', end + 1)
        return streamedCompletion(answer, { usage: true, stopAfter: end + 2 })
      },
    })
    const res = await fetchWithEnv(TWO_CALLS, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    const asked = model.translationCalls().map((c) => c.ids)
    // The batch again for what it had not finished (p6 on), and p4 alone, once.
    expect(asked).toContainEqual(['p6', 'p7', 'p8', 'p9', 'p10', 'p11'])
    expect(asked.filter((ids) => ids.includes('p4'))).toEqual([
      ['p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11'],
      ['p4'],
    ])
  })

  it('leaves nothing running when the deadline passes during its retry, and names it missing', async () => {
    const held = new Promise<void>((resolve) => setTimeout(resolve, 3000))
    useFakeModel({
      override: async (call: ModelCall) => {
        if (call.kind !== 'translation') return undefined
        if (call.ids[0] === 'p3' && call.ids.length > 1)
          return heldStream(withFourCut(call).answer, endOfSecond(withFourCut(call).answer), held)
        // The retry alone is slower than the request's deadline.
        if (call.ids.length === 1 && call.ids[0] === 'p4') await new Promise((resolve) => setTimeout(resolve, 3000))
        return undefined
      },
    })
    const res = await fetchWithEnv(
      { ...TWO_CALLS, REQUEST_DEADLINE_MS: '1000' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    expect(res.status).toBe(504)
    const problem = (await res.json()) as { missing_paragraphs: number[]; paragraphs: Array<{ index: number }> }
    expect(problem.missing_paragraphs).toContain(4)
    expect(problem.paragraphs.map((p) => p.index)).toEqual(expect.arrayContaining([0, 1, 2, 3]))
    expect(problem.paragraphs.map((p) => p.index)).not.toContain(4)
    // Nothing of the request may reject later, unhandled (Vitest fails the run on one).
    await new Promise((resolve) => setTimeout(resolve, 300))
  })
})
