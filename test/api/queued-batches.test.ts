import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { type ModelCall, normalAnswer, useFakeModel } from '../support/fake-model'

// A long article: the seed's paragraphs eleven times over, each tagged, 132 in all.
const LONG = Array.from({ length: 132 }, (_, i) => `${SEED_PARAGRAPHS[i % 12]} (dépêche ${i})`)
const indexOf = (id: string) => Number(/^p(\d+)/.exec(id)?.[1])
const first = (call: ModelCall) => Math.min(...call.ids.map(indexOf))
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The batch's normal answer with `id`'s English cut to its first six words: far too short, refused. */
function cutShort(call: ModelCall, id: string): Record<string, unknown> {
  const answer = normalAnswer(call.body, call)
  const choice = (answer.choices as Array<{ message: { content: string } }>)[0]
  if (!choice) throw new Error('expected a choice')
  const content = JSON.parse(choice.message.content) as { translations: Array<{ id: string; en: string }> }
  for (const t of content.translations) if (t.id === id) t.en = t.en.split(' ').slice(0, 6).join(' ')
  choice.message.content = JSON.stringify(content)
  return answer
}

describe('the connections that free up early take the end of a long article', () => {
  it('starts the summary with the first wave; queues the last batches behind the opening and the summary', async () => {
    const model = useFakeModel({
      // A model that writes each paragraph in 4 ms and reads a summary's article for 300 ms.
      override: async (call) => {
        await new Promise((resolve) => setTimeout(resolve, call.kind === 'summary' ? 300 : 4 * call.ids.length))
        return undefined
      },
    })
    const res = await postTranslation({ text: LONG.join('\n') })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.fr)).toEqual(LONG)
    expect(result.paragraphs.every((p) => p.en.length > 0)).toBe(true)

    const calls = [...model.calls].sort((a, b) => a.startedAt - b.startedAt)
    const [opening] = model.translationCalls().sort((a, b) => first(a) - first(b))
    const summary = model.summaryCalls()[0]
    if (!opening || !summary) throw new Error('expected an opening call and a summary call')
    // Six calls at once, the summary among them; never more than six open.
    expect(calls.slice(0, 6)).toContain(summary)
    expect(model.maxInFlight).toBeLessThanOrEqual(6)
    // The others start only as the opening's and the summary's calls end, with the article's last paragraphs.
    const later = calls.slice(6)
    expect(later.length).toBe(2)
    const [afterOpening, afterSummary] = later
    expect(afterOpening?.startedAt).toBeGreaterThanOrEqual(opening.endedAt ?? Infinity)
    expect(afterSummary?.startedAt).toBeGreaterThanOrEqual(summary.endedAt ?? Infinity)
    const wave = calls.slice(0, 6).filter((c) => c.kind === 'translation')
    const lastOfWave = Math.max(...wave.flatMap((c) => c.ids.map(indexOf)))
    for (const call of later) expect(first(call)).toBeGreaterThan(lastOfWave)
    expect(
      later
        .flatMap((c) => c.ids.map(indexOf))
        .sort((a, b) => a - b)
        .at(-1),
    ).toBe(131)
    // Each queued batch is smaller than the wave's, as it starts later.
    const size = (call: ModelCall) => call.texts.join('').length
    const smallestOfWave = Math.min(...wave.filter((c) => c !== opening).map(size))
    for (const call of later) expect(size(call)).toBeLessThan(smallestOfWave)
  })

  it('asks for the summary right after the opening, even past six calls open at once', async () => {
    const model = useFakeModel({
      override: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        return undefined
      },
    })
    const res = await fetchWithEnv({ MODEL_CONCURRENCY: '12' }, '/v1/translations', jsonPost({ text: LONG.join('\n') }))
    expect(res.status).toBe(200)
    expect(model.calls.length).toBeGreaterThan(6)
    // The opening's call, then the summary's, before any other batch.
    expect(model.calls.slice(0, 2).map((c) => c.kind)).toEqual(['translation', 'summary'])
    expect(model.calls[0]?.ids[0]).toBe('p0')
  })

  it('asks for the opening paragraphs first when one call at a time is all it may make', async () => {
    const model = useFakeModel()
    const res = await fetchWithEnv({ MODEL_CONCURRENCY: '1' }, '/v1/translations', jsonPost({ text: LONG.join('\n') }))
    expect(res.status).toBe(200)
    expect(model.calls[0]?.kind).toBe('translation')
    expect(model.calls[0]?.ids[0]).toBe('p0')
  })

  it('keeps the seed to its batches and the summary, all at once', async () => {
    const model = useFakeModel()
    const res = await postTranslation({ text: SEED_PARAGRAPHS.join('\n') })
    expect(res.status).toBe(200)
    expect(model.translationCalls()).toHaveLength(2)
    expect(model.summaryCalls()).toHaveLength(1)
  })

  it('retries a refused paragraph on a connection left idle while batches wait behind the summary', async () => {
    const model = useFakeModel({
      override: async (call) => {
        // A slow summary; batches written at 4 ms a paragraph, one of them with paragraph 20 cut short.
        await wait(call.kind === 'summary' ? 1500 : 4 * call.ids.length)
        if (call.kind === 'translation' && call.ids.length > 1 && call.ids.includes('p20')) {
          expect(call.ids[0]).not.toBe('p20')
          return HttpResponse.json(cutShort(call, 'p20'))
        }
        return undefined
      },
    })
    const res = await postTranslation({ text: LONG.join('\n') })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs[20]?.en.split(' ').length).toBeGreaterThan(6)
    expect(result.paragraphs[20]).not.toHaveProperty('warnings')

    const summary = model.summaryCalls()[0]
    const retry = model.translationCalls().find((c) => c.ids.length === 1 && c.ids[0] === 'p20')
    if (!summary || !retry) throw new Error('expected a summary call and paragraph 20 asked alone')
    // A batch still waits behind the summary, yet the retry took the connection its own batch freed.
    const queued = model.calls.filter((c) => c.startedAt >= (summary.endedAt ?? Infinity) && c !== retry)
    expect(queued.length).toBeGreaterThan(0)
    expect(retry.startedAt).toBeLessThan(summary.endedAt ?? 0)
    expect(model.maxInFlight).toBeLessThanOrEqual(6)
  })

  it("retries a refused paragraph of the opening before the batch queued behind the opening's call", async () => {
    let openingIds: string[] = []
    const model = useFakeModel({
      override: async (call) => {
        await wait(call.kind === 'summary' ? 1500 : 4 * call.ids.length)
        // The first call is the opening's: its last paragraph cut short, after a usable one.
        if (call.kind === 'translation' && call.ids[0] === 'p0') {
          openingIds = call.ids
          const last = call.ids.at(-1) ?? ''
          return call.ids.length > 1 ? HttpResponse.json(cutShort(call, last)) : undefined
        }
        return undefined
      },
    })
    const res = await postTranslation({ text: LONG.join('\n') })
    expect(res.status).toBe(200)
    expect(openingIds.length).toBeGreaterThan(1)
    const last = openingIds.at(-1) ?? ''
    const opening = model.calls.find((c) => c.ids[0] === 'p0')
    const retry = model.calls.find((c) => c.ids.length === 1 && c.ids[0] === last)
    const summary = model.summaryCalls()[0]
    if (!opening || !retry || !summary) throw new Error('expected the opening, its retry and the summary')
    const queued = model.calls.filter(
      (c) => c.kind === 'translation' && c.ids.length > 1 && c.startedAt >= (opening.endedAt ?? Infinity),
    )
    const behindOpening = queued.find((c) => c.startedAt < (summary.endedAt ?? 0))
    if (!behindOpening) throw new Error("expected a batch queued behind the opening's call")
    // The reader waits for the opening's paragraph: its retry comes first.
    expect(retry.startedAt).toBeLessThanOrEqual(behindOpening.startedAt)
  })
})
