import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { useFakeModel } from '../support/fake-model'

describe('concurrent requests', () => {
  it('makes one set of model calls for identical requests in flight at once', async () => {
    const model = useFakeModel({ latencyMs: 100 })
    const responses = await Promise.all(Array.from({ length: 5 }, () => postTranslation({ text: SEED_TEXT })))
    const results = await Promise.all(responses.map(async (r) => TranslationResult.parse(await r.json())))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    // One request's worth: its batches and one summary.
    expect(model.summaryCalls()).toHaveLength(1)
    expect(model.translationCalls().flatMap((c) => c.texts).sort()).toEqual([...SEED_PARAGRAPHS].sort())
    expect(results.filter((r) => r.usage.model_calls > 0)).toHaveLength(1)
    expect(responses.filter((r) => r.headers.get('cache-status')?.includes('joined'))).toHaveLength(4)
  })

  it('completes 50 different articles at once, each within its own concurrency limit', async () => {
    const articleOf = (text: string) => /dépêche (\d+)-/.exec(text)?.[1] ?? '?'
    const open = new Map<string, number>()
    const peak = new Map<string, number>()
    let globalPeak = 0
    let global = 0
    const model = useFakeModel({
      latencyMs: 20,
      override: async (call) => {
        const article = articleOf(call.texts[0] ?? '')
        open.set(article, (open.get(article) ?? 0) + 1)
        peak.set(article, Math.max(peak.get(article) ?? 0, open.get(article) ?? 0))
        globalPeak = Math.max(globalPeak, ++global)
        await new Promise((resolve) => setTimeout(resolve, 20))
        open.set(article, (open.get(article) ?? 1) - 1)
        global--
        return undefined
      },
    })
    const articles = Array.from({ length: 50 }, (_, n) => SEED_PARAGRAPHS.map((p, i) => `${p} (dépêche ${n}-${i})`).join('\n'))
    const responses = await Promise.all(
      articles.map((text) => fetchWithEnv({ MODEL_CONCURRENCY: '2', BATCH_TOKEN_BUDGET: '200', BATCH_MAX_TOKENS: '200' }, '/v1/translations', jsonPost({ text, summary: 'none' }))),
    )
    expect(responses.map((r) => r.status)).toEqual(articles.map(() => 200))
    const results = await Promise.all(responses.map(async (r) => TranslationResult.parse(await r.json())))
    results.forEach((result, n) => {
      expect(result.paragraphs.map((p) => p.fr)).toEqual(articles[n]?.split('\n'))
      expect(result.paragraphs.every((p) => p.en.length > 0)).toBe(true)
    })
    expect(peak.size).toBe(50)
    for (const [article, most] of peak) expect(most, `article ${article}`).toBeLessThanOrEqual(2)
    expect(globalPeak).toBeGreaterThan(2)
    expect(model.translationCalls().length).toBeGreaterThanOrEqual(50 * 2)
  })
})
