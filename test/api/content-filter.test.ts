import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import { type ModelCall, normalAnswer, streamedCompletion, useFakeModel } from '../support/fake-model'

// The seed in two calls: its opening (p0–p2), then the rest (p3–p11) in one.
const TWO_CALLS = { MIN_BATCH_TOKENS: '300', BATCH_MAX_TOKENS: '8000', MODEL_CONCURRENCY: '2' }
const SEED_EN = seed.paragraphs.map((p) => p.en)

/** The batch's answer as a provider's content filter leaves it: stopped after its first `kept` objects. */
function filteredAfter(call: ModelCall, kept: number): Response {
  const answer = normalAnswer(call.body, call)
  const choice = (answer.choices as Array<{ message: { content: string }; finish_reason: string }>)[0]
  if (!choice) throw new Error('expected a choice')
  let end = -1
  for (let i = 0; i < kept; i++) end = choice.message.content.indexOf('"}', end + 1)
  choice.message.content = choice.message.content.slice(0, end + 2)
  choice.finish_reason = 'content_filter'
  return streamedCompletion(answer, { usage: true })
}

describe("a streamed answer the provider's content filter stops", () => {
  it('keeps the paragraphs that closed before it, checked, and asks again for the rest only', async () => {
    let filtered = false
    const model = useFakeModel({
      override: (call: ModelCall) => {
        if (call.kind !== 'translation' || filtered || call.ids[0] !== 'p3') return undefined
        filtered = true
        return filteredAfter(call, 2)
      },
    })
    const res = await fetchWithEnv(TWO_CALLS, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'none' }))
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(SEED_EN)
    const asked = model.translationCalls().map((c) => c.ids)
    expect(asked).toContainEqual(['p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11'])
    expect(asked).toContainEqual(['p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11'])
  })

  it('fails the paragraphs it keeps stopping, after the retries, and serves the rest', async () => {
    const model = useFakeModel({
      override: (call: ModelCall) =>
        call.kind === 'translation' && call.ids.includes('p11') ? filteredAfter(call, 0) : undefined,
    })
    const res = await fetchWithEnv(
      { ...TWO_CALLS, MAX_RETRIES: '1' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    expect(res.status).toBe(502)
    const problem = (await res.json()) as { failed_paragraphs: number[]; paragraphs: Array<{ index: number }> }
    expect(problem.failed_paragraphs).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(problem.paragraphs.map((p) => p.index)).toEqual([0, 1, 2])
    expect(model.translationCalls().length).toBeGreaterThan(1)
  })
})
