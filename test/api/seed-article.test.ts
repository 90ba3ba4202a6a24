import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { inventEnglish, useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

describe('the seed article, end to end', () => {
  it('comes back as 12 aligned French–English pairs with a summary in both languages', async () => {
    const model = useFakeModel()
    const res = await postTranslation({ text: SEED_TEXT })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const result = TranslationResult.parse(await res.json())

    expect(result.paragraphs).toHaveLength(12)
    result.paragraphs.forEach((p, i) => {
      expect(p.index).toBe(i)
      expect(p.fr).toBe(SEED_PARAGRAPHS[i])
      expect(p.en).toBe(seed.paragraphs[i]?.en)
      expect(p.cache).toBe('miss')
    })
    expect(result.summary).toEqual(seed.summaries.standard)
    expect(result.source_language).toBe('fr')
    expect(result.model).toBe('gpt-5.4-mini')
    expect(result.id).toMatch(/^tr_[A-Za-z0-9_-]{26}$/)
    expect(result.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)

    // Every call is accounted for: the batches and one summary, each with usage.
    expect(model.summaryCalls()).toHaveLength(1)
    expect(model.translationCalls().length).toBeGreaterThan(1)
    expect(result.usage).toEqual({
      model_calls: model.calls.length,
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      cached_paragraphs: 0,
    })
    expect(result.usage.input_tokens).toBeGreaterThan(0)
    // Each paragraph was sent exactly once, in order within its batch.
    expect(
      model
        .translationCalls()
        .flatMap((c) => c.texts)
        .sort(),
    ).toEqual([...SEED_PARAGRAPHS].sort())

    expect(res.headers.get('location')).toBe(`/v1/translations/${result.id}`)
    expect(res.headers.get('cache-status')).toMatch(/^passage; fwd=miss; detail=/)
    expect(res.headers.get('x-request-id')).toBeTruthy()
    expect(res.headers.get('server-timing')).toMatch(/total/)
  })

  it('asks the model for structured JSON, with the article as delimited data in the user role', async () => {
    const model = useFakeModel()
    await postTranslation({ text: SEED_TEXT })
    const call = model.translationCalls()[0]
    const messages = call?.body.messages as Array<{ role: string; content: string }>
    expect(messages.map((m) => m.role)).toEqual(['system', 'user'])
    expect(messages[0]?.content).not.toContain('effectuera cette semaine')
    expect(messages[1]?.content).toContain(JSON.stringify(SEED_PARAGRAPHS[0]))
    expect(call?.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'translation', strict: true },
    })
    // The default model is a reasoning model: the current token field, no temperature, the lowest effort.
    expect(call?.body).toMatchObject({
      model: 'gpt-5.4-mini',
      reasoning_effort: 'none',
      max_completion_tokens: expect.any(Number),
    })
    expect(call?.body).not.toHaveProperty('max_tokens')
    expect(call?.body).not.toHaveProperty('temperature')
    expect(model.refused).toEqual([])
  })

  it('gives the same id to the same request and serves it back with GET, in JSON and Markdown', async () => {
    useFakeModel()
    const first = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const again = await get(`/v1/translations/${first.id}`)
    expect(again.status).toBe(200)
    expect(TranslationResult.parse(await again.json())).toEqual(first)

    const md = await get(`/v1/translations/${first.id}`, { Accept: 'text/markdown' })
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/)
    const text = await md.text()
    expect(text).toMatch(/^# /)
    expect(text).toContain('## Summary')
    expect(text).toContain('## Résumé')
    expect(text).toContain(`> ${SEED_PARAGRAPHS[4]}`)
    expect(text).toContain(seed.paragraphs[4]?.en)
  })

  it('serves a stored result by id as events too, with the same usage and cache flags as its JSON', async () => {
    useFakeModel()
    const first = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const stream = sseReader(await get(`/v1/translations/${first.id}?format=sse`))
    const events = []
    for (let event = await stream.next(); event; event = await stream.next()) events.push(event)
    expect(events.map((e) => e.event)).toEqual(['meta', ...first.paragraphs.map(() => 'paragraph'), 'summary', 'done'])
    const paragraphs = events
      .filter((e) => e.event === 'paragraph')
      .map((e) => e.data as { index: number; cache: string })
    expect(paragraphs.map((p) => [p.index, p.cache])).toEqual(first.paragraphs.map((p) => [p.index, p.cache]))
    expect(first.paragraphs.some((p) => p.cache === 'miss')).toBe(true)
    expect(events.at(-1)?.data).toMatchObject({ usage: first.usage })
  })

  it('answers in the format asked for: ?format= first, then the best Accept type it makes, else JSON', async () => {
    useFakeModel()
    const { id } = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const typeFor = async (accept: string, query = '') =>
      (await get(`/v1/translations/${id}${query}`, { Accept: accept })).headers.get('content-type')
    expect(await typeFor('application/json;q=0.4, text/markdown;q=0.9')).toMatch(/^text\/markdown/)
    expect(await typeFor('text/html, text/markdown')).toMatch(/^text\/html/)
    expect(await typeFor('text/markdown;q=0, application/json')).toMatch(/^application\/json/)
    // A wildcard names no format: a page or a stream comes only when asked for by name.
    expect(await typeFor('text/*')).toMatch(/^application\/json/)
    expect(await typeFor('*/*')).toMatch(/^application\/json/)
    expect(await typeFor('image/png')).toMatch(/^application\/json/)
    expect(await typeFor('text/markdown', '?format=json')).toMatch(/^application\/json/)
    expect(await typeFor('application/json', '?format=Markdown')).toMatch(/^text\/markdown/)
  })

  it('accepts the article as text/plain with options in the query string', async () => {
    const model = useFakeModel()
    const res = await postTranslation(SEED_TEXT, { query: '?summary=short&format=md' })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain(seed.summaries.short.en.replace(/([*_])/g, '\\$1'))
    expect(model.summaryCalls()[0]?.user.sentences).toBe(1)
  })

  it('skips the summary call with summary "none"', async () => {
    const model = useFakeModel()
    const result = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT, summary: 'none' })).json())
    expect(result.summary).toBeNull()
    expect(model.summaryCalls()).toHaveLength(0)
    expect(result.paragraphs).toHaveLength(12)
  })

  it('sends the glossary entries that apply to each batch, and to the summary', async () => {
    const model = useFakeModel()
    const res = await postTranslation({
      text: SEED_TEXT,
      glossary: { Pékin: 'Peking', 'Xi Jinping': 'President Xi', Tombouctou: 'Timbuktu' },
    })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs[4]?.en).toContain('Peking')
    for (const call of model.translationCalls()) {
      const glossary = call.user.glossary as Record<string, string>
      const text = call.texts.join('\n')
      expect(Object.keys(glossary).every((fr) => text.includes(fr))).toBe(true)
      expect(glossary.Tombouctou).toBeUndefined()
    }
    expect(model.translationCalls().some((c) => (c.user.glossary as Record<string, string>).Pékin === 'Peking')).toBe(
      true,
    )
    // The user's entry overrides the default name (Pékin → Beijing); other defaults still apply.
    expect(model.summaryCalls()[0]?.user.glossary).toMatchObject({
      Pékin: 'Peking',
      'Xi Jinping': 'President Xi',
      OTAN: 'NATO',
      Poutine: 'Putin',
    })
    expect(model.summaryCalls()[0]?.user.glossary).not.toHaveProperty('Tombouctou')
  })

  it('translates the batches concurrently, with the summary written in parallel', async () => {
    const model = useFakeModel({ latencyMs: 250 })
    expect((await postTranslation({ text: SEED_TEXT })).status).toBe(200)
    const summary = model.summaryCalls()[0]
    const firstTranslationEnd = Math.min(...model.translationCalls().map((c) => c.endedAt ?? Infinity))
    expect(summary?.startedAt).toBeLessThan(firstTranslationEnd)
    expect(model.maxInFlight).toBe(model.calls.length)
  })

  it('cuts a paragraph too long for one call at sentence boundaries, and rejoins its translation', async () => {
    const model = useFakeModel()
    const sentence = (n: number) =>
      `M. Dupont a déclaré\u00A0: «\u00A0C’est la phrase numéro ${n}\u00A0!\u00A0» devant la presse.`
    const long = Array.from({ length: 60 }, (_, i) => sentence(i + 1)).join(' ')
    const result = TranslationResult.parse(
      await (await postTranslation({ text: `Titre de l’article\n${long}`, summary: 'none' })).json(),
    )

    expect(result.paragraphs.map((p) => p.fr)).toEqual(['Titre de l’article', long])
    const pieces = model.translationCalls().flatMap((c) => c.ids.map((id, i) => ({ id, fr: c.texts[i] as string })))
    const ofLong = pieces
      .filter((p) => p.id.startsWith('p1.'))
      .sort((a, b) => Number(a.id.slice(3)) - Number(b.id.slice(3)))
    expect(ofLong.length).toBeGreaterThan(1)
    expect(ofLong.map((p) => p.fr).join(' ')).toBe(long)
    for (const piece of ofLong) expect(piece.fr).toMatch(/^M\. Dupont a déclaré.*presse\.$/)
    // The English paragraph is the pieces' translations joined, in order.
    expect(result.paragraphs[1]?.en).toBe(ofLong.map((p) => inventEnglish(p.fr)).join(' '))
  })

  it('never has more model calls open than MODEL_CONCURRENCY allows (6)', async () => {
    const model = useFakeModel({ latencyMs: 30 })
    const many = Array.from({ length: 150 }, (_, i) => `${SEED_PARAGRAPHS[i % 12]} (dépêche ${i})`).join('\n')
    const res = await fetchWithEnv({ BATCH_MAX_TOKENS: '600' }, '/v1/translations', jsonPost({ text: many }))
    expect(res.status).toBe(200)
    expect(model.translationCalls().length).toBeGreaterThan(6)
    expect(model.maxInFlight).toBe(6)
  })
})
