import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { exports } from 'cloudflare:workers'
import { BASE, fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { providerError, useFakeModel } from '../support/fake-model'

describe('concurrent requests', () => {
  it('answers every caller of an identical request even when the first one goes away', async () => {
    useFakeModel({ latencyMs: 100 })
    const gone = new AbortController()
    const first = exports.default
      .fetch(`${BASE}/v1/translations`, { ...jsonPost({ text: SEED_TEXT }), signal: gone.signal })
      .then(
        () => 'answered',
        () => 'cancelled',
      )
    await new Promise((resolve) => setTimeout(resolve, 30))
    const others = Array.from({ length: 3 }, () => postTranslation({ text: SEED_TEXT }))
    gone.abort()

    const responses = await Promise.all(others)
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    const results = await Promise.all(responses.map(async (r) => TranslationResult.parse(await r.json())))
    for (const result of results) expect(result.paragraphs.map((p) => p.fr)).toEqual(SEED_PARAGRAPHS)
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    expect(await first).toBe('cancelled')
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
    const articles = Array.from({ length: 50 }, (_, n) =>
      SEED_PARAGRAPHS.map((p, i) => `${p} (dépêche ${n}-${i})`).join('\n'),
    )
    const responses = await Promise.all(
      articles.map((text) =>
        fetchWithEnv(
          { MODEL_CONCURRENCY: '2', MIN_BATCH_TOKENS: '200', BATCH_MAX_TOKENS: '200' },
          '/v1/translations',
          jsonPost({ text, summary: 'none' }),
        ),
      ),
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

  it('narrows to what a key limited below MODEL_CONCURRENCY takes, waits as its 429s say, completes', async () => {
    // A key that takes 2 requests at once, as a provider tier does: the 3rd open one gets
    // 429 with the wait it asks for.
    const KEY_LIMIT = 2
    let open = 0
    let peak = 0
    // When each call (by what it asks) was refused, and how long after it was asked again.
    const refusedAt = new Map<string, number>()
    const waited: number[] = []
    let refusals = 0
    const model = useFakeModel({
      override: async (call) => {
        const what = `${call.kind} ${call.ids.join(',')}`
        const refused = refusedAt.get(what)
        if (refused !== undefined) waited.push(Date.now() - refused)
        if (open >= KEY_LIMIT) {
          refusals++
          refusedAt.set(what, Date.now())
          return providerError(429, { 'retry-after-ms': '100', 'retry-after': '1' }, 'Rate limit reached')
        }
        open++
        peak = Math.max(peak, open)
        // Each call takes longer than the wait asked for: a retry that ignores the key's
        // limit finds it still full.
        await new Promise((resolve) => setTimeout(resolve, 400))
        open--
        return undefined
      },
    })
    const res = await fetchWithEnv(
      { MODEL_CONCURRENCY: '6', MIN_BATCH_TOKENS: '200', BATCH_MAX_TOKENS: '200' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.fr)).toEqual(SEED_PARAGRAPHS)
    expect(result.paragraphs.every((p) => p.en.length > 0)).toBe(true)
    expect(result.summary).not.toBeNull()
    // It did open more calls than the key takes, and was refused, at first…
    expect(model.maxInFlight).toBeGreaterThan(KEY_LIMIT)
    expect(refusedAt.size).toBeGreaterThan(0)
    // …then kept to what the key takes: few refusals in all, and no refused call asked
    // again before the 100 ms the provider said to wait.
    expect(refusals).toBeLessThanOrEqual(6)
    expect(peak).toBeLessThanOrEqual(KEY_LIMIT)
    expect(waited.length).toBeGreaterThanOrEqual(refusedAt.size)
    expect(Math.min(...waited)).toBeGreaterThanOrEqual(95)
  })
})
