import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, get, jsonPost, SEED_PARAGRAPHS } from '../support/api'
import { chatCompletion, type ModelCall, normalAnswer, useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

// A long article: the seed's paragraphs five times over, each copy numbered so that none
// repeats, with one paragraph of our own at index 30.
const DOUBTED_AT = 30
const DOUBTED_FR =
  'Le taux de chômage a reculé à 7,3 % au troisième trimestre, ' +
  'selon l’Insee, soit son plus bas niveau depuis 2008.'
const FAITHFUL_EN =
  'The unemployment rate fell to 7.3% in the third quarter, according to Insee, its lowest level since 2008.'
// The same sentence with its figure dropped: usable, but doubtful.
const FIGURE_DROPPED_EN =
  'The unemployment rate fell in the third quarter, according to Insee, its lowest level since 2008.'
const LONG = Array.from({ length: 60 }, (_, i) =>
  i === DOUBTED_AT ? DOUBTED_FR : `${SEED_PARAGRAPHS[i % 12]} (dépêche ${Math.floor(i / 12) + 1})`,
)
const ARTICLE = { text: LONG.join('\n'), summary: 'none' }
// A glossary entry the article does not contain: a new result id, the same paragraph keys.
const SAME_PARAGRAPHS = { ...ARTICLE, glossary: { 'Bruxelles-Capitale': 'Brussels-Capital' } }

const parse = async (res: Response) => TranslationResult.parse(await res.json())
const indexOf = (id: string) => Number(id.slice(1).split('.')[0])
const indexesIn = (calls: ModelCall[]) => [...new Set(calls.flatMap((c) => c.ids.map(indexOf)))].sort((a, b) => a - b)
const range = (n: number) => [...Array(n).keys()]

/** The fake model's normal answer to `call`, with `fr` translated as `en` instead. */
function answeringWith(call: ModelCall, fr: string, en: string): Response {
  const normal = normalAnswer(call.body, call) as { choices: Array<{ message: { content: string } }> }
  const content = JSON.parse(normal.choices[0]?.message.content ?? '{}') as {
    translations: Array<{ id: string; en: string }>
  }
  const entry = content.translations[call.texts.indexOf(fr)]
  if (entry) entry.en = en
  return HttpResponse.json(chatCompletion(JSON.stringify(content)))
}

describe('a doubtful or failed paragraph costs only itself', () => {
  it('retries one doubtful paragraph of a 60-paragraph article alone, in one small call; keeps its batch', async () => {
    // The batch drops the figure; the paragraph alone comes back faithful.
    const model = useFakeModel({
      override: (call) =>
        call.texts.includes(DOUBTED_FR)
          ? answeringWith(call, DOUBTED_FR, call.ids.length > 1 ? FIGURE_DROPPED_EN : FAITHFUL_EN)
          : undefined,
    })
    const res = await fetchWithEnv({}, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(200)
    const result = await parse(res)

    const [first, ...later] = model.translationCalls().filter((c) => c.texts.includes(DOUBTED_FR))
    expect(first?.ids.length).toBeGreaterThan(5)
    // Exactly one extra call, holding only the doubtful paragraph, its neighbours as context.
    expect(later.map((c) => c.ids)).toEqual([[`p${DOUBTED_AT}`]])
    expect(later[0]?.user.context).toEqual({ before: LONG[DOUBTED_AT - 1], after: LONG[DOUBTED_AT + 1] })
    expect(indexesIn(model.translationCalls())).toEqual(range(60))
    expect(model.translationCalls().length).toBe(result.usage.model_calls)
    expect(model.translationCalls().filter((c) => c.ids.length === 1)).toHaveLength(1)

    expect(result.paragraphs.map((p) => p.index)).toEqual(range(60))
    expect(result.paragraphs[DOUBTED_AT]).toMatchObject({ en: FAITHFUL_EN, cache: 'miss' })
    expect(result.paragraphs.every((p) => p.warnings === undefined)).toBe(true)

    // Every paragraph, the doubtful one's batch included, is cached.
    model.calls.length = 0
    const again = await parse(await fetchWithEnv({}, '/v1/translations', jsonPost(SAME_PARAGRAPHS)))
    expect(model.calls).toHaveLength(0)
    expect(again.paragraphs.every((p) => p.cache === 'hit')).toBe(true)
    expect(again.paragraphs.map((p) => p.en)).toEqual(result.paragraphs.map((p) => p.en))
  })

  it('fails a paragraph that keeps failing alone, after MAX_RETRIES calls of its own; caches the others', async () => {
    // The French echoed back for that paragraph, every time.
    const model = useFakeModel({
      override: (call) => (call.texts.includes(DOUBTED_FR) ? answeringWith(call, DOUBTED_FR, DOUBTED_FR) : undefined),
    })
    const res = await fetchWithEnv({ MAX_RETRIES: '2' }, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(502)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({
      type: '/problems/model-failed',
      failed_paragraphs: [DOUBTED_AT],
      missing_paragraphs: [DOUBTED_AT],
      paragraph_count: 60,
    })
    expect(problem.detail).toMatch(/Paragraph 30 could not be translated/)
    expect(problem.detail).toMatch(/Everything else is cached/)
    expect(problem.reason).toBe('paragraph 30: the translation is the French text (copied-french)')
    const translated = TranslationResult.shape.paragraphs.parse(problem.paragraphs)
    expect(translated.map((p) => p.index)).toEqual(range(60).filter((i) => i !== DOUBTED_AT))

    const alone = model.translationCalls().filter((c) => c.ids.length === 1)
    expect(alone.map((c) => c.ids)).toEqual([[`p${DOUBTED_AT}`], [`p${DOUBTED_AT}`]])

    // The same request again asks the model for that paragraph alone.
    const retry = useFakeModel()
    const again = await parse(await fetchWithEnv({}, '/v1/translations', jsonPost(ARTICLE)))
    expect(retry.translationCalls().map((c) => c.ids)).toEqual([[`p${DOUBTED_AT}`]])
    expect(again.usage.cached_paragraphs).toBe(59)
    expect(again.paragraphs.map((p) => p.en)).toEqual([
      ...translated.slice(0, DOUBTED_AT).map((p) => p.en),
      again.paragraphs[DOUBTED_AT]?.en,
      ...translated.slice(DOUBTED_AT).map((p) => p.en),
    ])
  })
})

describe('doubtful paragraphs are stored with their warnings', () => {
  const doubtEveryTime = (call: ModelCall) =>
    call.texts.includes(DOUBTED_FR) ? answeringWith(call, DOUBTED_FR, FIGURE_DROPPED_EN) : undefined
  const WARNING = 'figures missing from the translation: 7,3'

  it('serves a paragraph still doubtful after one retry with its warnings, then from the cache, no call', async () => {
    const model = useFakeModel({ override: doubtEveryTime })
    const first = await parse(await fetchWithEnv({}, '/v1/translations', jsonPost(ARTICLE)))
    expect(
      model
        .translationCalls()
        .filter((c) => c.texts.includes(DOUBTED_FR))
        .map((c) => c.ids.length > 1),
    ).toEqual([true, false])
    expect(first.paragraphs[DOUBTED_AT]).toMatchObject({
      en: FIGURE_DROPPED_EN,
      cache: 'miss',
      warnings: [expect.stringContaining('7,3')],
    })
    const warnings = first.paragraphs[DOUBTED_AT]?.warnings

    model.calls.length = 0
    const again = await parse(await fetchWithEnv({}, '/v1/translations', jsonPost(SAME_PARAGRAPHS)))
    expect(model.calls).toHaveLength(0)
    expect(again.usage.model_calls).toBe(0)
    expect(again.paragraphs[DOUBTED_AT]).toEqual({
      index: DOUBTED_AT,
      fr: DOUBTED_FR,
      en: FIGURE_DROPPED_EN,
      cache: 'hit',
      warnings,
    })
    expect(again.paragraphs.filter((p) => p.warnings !== undefined)).toHaveLength(1)
  })

  it('shows the warnings beside the paragraph in the Markdown and on the page', async () => {
    useFakeModel({ override: doubtEveryTime })
    const result = await parse(
      await fetchWithEnv(
        {},
        '/v1/translations',
        jsonPost({ text: [LONG[29], DOUBTED_FR, LONG[31]].join('\n'), summary: 'none' }),
      ),
    )
    expect(result.paragraphs[1]?.warnings).toEqual([WARNING])

    const markdown = await (await get(`/v1/translations/${result.id}?format=md`)).text()
    const lines = markdown.split('\n')
    const english = lines.indexOf(FIGURE_DROPPED_EN)
    expect(english).toBeGreaterThan(0)
    expect(lines[english + 2]).toBe(`*⚠ Check this paragraph: ${WARNING}*`)
    expect(markdown.match(/⚠/g)).toHaveLength(1)

    const html = await (await get(`/v1/translations/${result.id}?format=html`)).text()
    const pair = /<li class="pair"[^>]* data-index="1">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? ''
    expect(pair).toContain(FIGURE_DROPPED_EN)
    expect(pair).toMatch(/<p class="warning">⚠ figures missing from the translation: 7,3<\/p>/)
    expect(html.match(/class="warning"/g)).toHaveLength(1)
  })
})

describe('nothing is lost at the deadline', () => {
  // The batch holding paragraph 45 hangs past REQUEST_DEADLINE_MS; the others answer.
  const hangingBatch = () => {
    const hung = new Set<number>()
    const model = useFakeModel({
      override: async (call) => {
        if (call.kind === 'translation' && call.texts.includes(LONG[45] as string)) {
          for (const id of call.ids) hung.add(indexOf(id))
          await new Promise((resolve) => setTimeout(resolve, 3_000))
        }
        return undefined
      },
    })
    return { model, hung }
  }
  const DEADLINE = { REQUEST_DEADLINE_MS: '1000' }

  it('answers with every paragraph translated so far, names the missing; the same request finishes those', async () => {
    const { hung } = hangingBatch()
    const started = Date.now()
    const res = await fetchWithEnv(DEADLINE, '/v1/translations', jsonPost(ARTICLE))
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(res.status).toBe(504)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await res.json()) as Record<string, unknown>
    const missing = [...hung].sort((a, b) => a - b)
    expect(missing.length).toBeGreaterThan(0)
    expect(missing.length).toBeLessThan(60)
    expect(problem).toMatchObject({
      type: '/problems/deadline-exceeded',
      status: 504,
      paragraph_count: 60,
      missing_paragraphs: missing,
      translated_paragraphs: 60 - missing.length,
    })
    expect(problem.detail).toContain(`paragraphs ${missing.slice(0, 20).join(', ')}`)
    const translated = TranslationResult.shape.paragraphs.parse(problem.paragraphs)
    expect(translated.map((p) => p.index)).toEqual(range(60).filter((i) => !hung.has(i)))
    for (const p of translated) expect(p.fr).toBe(LONG[p.index])

    const model = useFakeModel()
    const again = await fetchWithEnv(DEADLINE, '/v1/translations', jsonPost(ARTICLE))
    expect(again.status).toBe(200)
    expect(indexesIn(model.translationCalls())).toEqual(missing)
    const result = await parse(again)
    expect(result.usage.cached_paragraphs).toBe(60 - missing.length)
    expect(result.paragraphs.filter((p) => !hung.has(p.index)).map((p) => p.en)).toEqual(translated.map((p) => p.en))
  })

  it('ends a stream with an error event naming the missing paragraphs, after sending the others', async () => {
    const { hung } = hangingBatch()
    const events = await sseReader(
      await fetchWithEnv(DEADLINE, '/v1/translations?format=sse', jsonPost(ARTICLE)),
    ).rest()
    const error = events.at(-1)
    expect(error?.event).toBe('error')
    const missing = [...hung].sort((a, b) => a - b)
    expect(error?.data).toMatchObject({ type: '/problems/deadline-exceeded', missing_paragraphs: missing })
    expect(error?.data).not.toHaveProperty('paragraphs')
    const sent = events.filter((e) => e.event === 'paragraph').map((e) => (e.data as { index: number }).index)
    expect(sent.sort((a, b) => a - b)).toEqual(range(60).filter((i) => !hung.has(i)))
  })

  it('names a missing summary, and the same request then writes only the summary', async () => {
    const text = SEED_PARAGRAPHS.slice(0, 4).join('\n')
    useFakeModel({
      override: async (call) => {
        if (call.kind === 'summary') await new Promise((resolve) => setTimeout(resolve, 3_000))
        return undefined
      },
    })
    const res = await fetchWithEnv(DEADLINE, '/v1/translations', jsonPost({ text, summary: 'short' }))
    expect(res.status).toBe(504)
    const problem = (await res.json()) as Record<string, unknown>
    expect(problem).toMatchObject({ missing_paragraphs: [], summary_missing: true, translated_paragraphs: 4 })
    expect(problem).not.toHaveProperty('summary')
    expect(problem.detail).toMatch(/the summary is missing/)

    const model = useFakeModel()
    const again = await parse(await fetchWithEnv(DEADLINE, '/v1/translations', jsonPost({ text, summary: 'short' })))
    expect(model.translationCalls()).toHaveLength(0)
    expect(model.summaryCalls()).toHaveLength(1)
    expect(again.summary).not.toBeNull()
  })

  it('serves a doubtful paragraph with its warnings when the deadline cuts its retry short', async () => {
    const model = useFakeModel({
      override: async (call) => {
        if (!call.texts.includes(DOUBTED_FR)) return undefined
        if (call.ids.length === 1) await new Promise((resolve) => setTimeout(resolve, 3_000))
        return answeringWith(call, DOUBTED_FR, FIGURE_DROPPED_EN)
      },
    })
    const res = await fetchWithEnv(DEADLINE, '/v1/translations', jsonPost(ARTICLE))
    expect(res.status).toBe(200)
    const result = await parse(res)
    expect(
      model
        .translationCalls()
        .filter((c) => c.ids.length === 1)
        .map((c) => c.ids),
    ).toEqual([[`p${DOUBTED_AT}`]])
    expect(result.paragraphs[DOUBTED_AT]).toMatchObject({
      en: FIGURE_DROPPED_EN,
      warnings: [expect.stringContaining('7,3')],
    })
    expect(result.paragraphs).toHaveLength(60)
  })
})
