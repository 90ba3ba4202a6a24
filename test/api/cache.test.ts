import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { resultKey } from '../../src/cache/keys'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { drainWrites } from '../support/storage'
import { useFakeModel } from '../support/fake-model'

const parse = async (res: Response) => TranslationResult.parse(await res.json())

describe('the cache', () => {
  it('serves a repeated article without calling the model', async () => {
    const model = useFakeModel()
    const first = await parse(await postTranslation({ text: SEED_TEXT }))
    const callsBefore = model.calls.length

    const res = await postTranslation({ text: SEED_TEXT })
    const second = await parse(res)
    expect(model.calls.length).toBe(callsBefore)
    expect(res.headers.get('cache-status')).toBe('passage; hit')
    expect(second.id).toBe(first.id)
    expect(second.paragraphs.map((p) => p.en)).toEqual(first.paragraphs.map((p) => p.en))
    expect(second.paragraphs.every((p) => p.cache === 'hit')).toBe(true)
    expect(second.summary).toEqual(first.summary)
    expect(second.usage).toEqual({ model_calls: 0, input_tokens: 0, output_tokens: 0, cached_paragraphs: 12 })
  })

  it('re-translates only the edited paragraph (and re-writes the summary) when one paragraph changes', async () => {
    const model = useFakeModel()
    await postTranslation({ text: SEED_TEXT })
    model.calls.length = 0

    const edited = [...SEED_PARAGRAPHS]
    edited[6] =
      'Pékin a cherché à se présenter comme une partie neutre dans le conflit, sans convaincre les Occidentaux.'
    const result = await parse(await postTranslation({ text: edited.join('\n') }))

    expect(model.translationCalls().flatMap((c) => c.texts)).toEqual([edited[6]])
    expect(model.summaryCalls()).toHaveLength(1)
    expect(result.usage.model_calls).toBe(2)
    expect(result.usage.cached_paragraphs).toBe(11)
    expect(result.paragraphs.map((p) => p.cache)).toEqual(edited.map((_, i) => (i === 6 ? 'miss' : 'hit')))
    expect(result.paragraphs[6]?.fr).toBe(edited[6])
  })

  it('re-translates only the paragraphs a new glossary entry applies to', async () => {
    const model = useFakeModel()
    await postTranslation({ text: SEED_TEXT, summary: 'none' })
    model.calls.length = 0

    await postTranslation({ text: SEED_TEXT, summary: 'none', glossary: { OTAN: 'the North Atlantic alliance' } })
    const withOtan = SEED_PARAGRAPHS.filter((p) => p.includes('OTAN'))
    expect(withOtan.length).toBeGreaterThan(0)
    expect(
      model
        .translationCalls()
        .flatMap((c) => c.texts)
        .sort(),
    ).toEqual(withOtan.sort())
  })

  it('translates a paragraph repeated within an article once', async () => {
    const model = useFakeModel()
    const text = [SEED_PARAGRAPHS[0], SEED_PARAGRAPHS[5], SEED_PARAGRAPHS[0]].join('\n')
    const result = await parse(await postTranslation({ text, summary: 'none' }))
    expect(model.translationCalls().flatMap((c) => c.texts)).toEqual([SEED_PARAGRAPHS[0], SEED_PARAGRAPHS[5]])
    expect(result.paragraphs.map((p) => p.index)).toEqual([0, 1, 2])
    expect(result.paragraphs[2]?.en).toBe(result.paragraphs[0]?.en)
  })

  it('ignores a cached paragraph that fails its schema, and replaces it', async () => {
    const model = useFakeModel()
    const first = await parse(await postTranslation({ text: SEED_PARAGRAPHS[0], summary: 'none' }))
    const { key } = (await env.DB.prepare('SELECT key FROM paragraphs').first<{ key: string }>()) ?? { key: '' }
    await env.DB.prepare('UPDATE paragraphs SET value = ?1 WHERE key = ?2')
      .bind(JSON.stringify({ english: 42 }), key)
      .run()
    await env.CACHE.delete(resultKey(first.id))
    model.calls.length = 0

    const result = await parse(await postTranslation({ text: SEED_PARAGRAPHS[0], summary: 'none' }))
    expect(result.paragraphs[0]?.cache).toBe('miss')
    expect(model.translationCalls()).toHaveLength(1)
    await drainWrites()
    const row = await env.DB.prepare('SELECT value FROM paragraphs WHERE key = ?1').bind(key).first<{ value: string }>()
    expect(JSON.parse(row?.value ?? 'null')).toEqual({ en: result.paragraphs[0]?.en })
  })

  it('still answers when every KV call throws', async () => {
    const model = useFakeModel()
    const broken = {
      get: async () => {
        throw new Error('KV GET failed: 503')
      },
      put: async () => {
        throw new Error('KV PUT failed: 503')
      },
    }
    const res = await fetchWithEnv({ CACHE: broken }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    expect(res.status).toBe(200)
    const result = await parse(res)
    expect(result.paragraphs).toHaveLength(12)
    expect(model.calls.length).toBeGreaterThan(0)
  })

  it('still answers when KV hangs', async () => {
    useFakeModel()
    const hanging = { get: () => new Promise(() => {}), put: () => new Promise(() => {}) }
    const res = await fetchWithEnv(
      { CACHE: hanging, CACHE_TIMEOUT_MS: '50' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status).toBe(200)
    expect((await parse(res)).paragraphs).toHaveLength(12)
  })
})
