import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { resultKey } from '../../src/cache/keys'
import { TranslationResult } from '../../src/schemas/response'
import { postTranslation, SEED_TEXT } from '../support/api'
import { drainWrites } from '../support/storage'
import { useFakeModel } from '../support/fake-model'

const parse = async (res: Response) => TranslationResult.parse(await res.json())

// The seed article as a Mac clipboard or some CMS hands it over: every accented letter
// decomposed into its base letter and a combining mark ("é" as "e" + U+0301).
const DECOMPOSED = SEED_TEXT.normalize('NFD')
const COMPOSED = SEED_TEXT.normalize('NFC')

// An article none of the default glossary's names apply to.
const LYON = [
  'La mairie de Lyon a présenté lundi un plan de 85 millions d’euros pour planter 12 000 arbres d’ici à 2030 ' +
    'dans les quartiers les plus exposés à la chaleur.',
  'Selon Météo-France, la température moyenne de la ville a augmenté de 2,1 °C depuis 1950, et les nuits ' +
    'tropicales y sont trois fois plus fréquentes qu’il y a trente ans.',
  'Le plan prévoit aussi de retirer le bitume de 40 cours d’école, qui seront transformées en jardins ouverts ' +
    'au public le week-end.',
  'Les premiers chantiers doivent commencer en mars dans les 8e et 9e arrondissements.',
].join('\n')

describe('the same article in another Unicode form', () => {
  it('is the same text to the cache: decomposed, then composed, calls the model once for it', async () => {
    expect(DECOMPOSED).not.toBe(COMPOSED)
    const model = useFakeModel()
    const first = await parse(await postTranslation({ text: DECOMPOSED }))
    const callsBefore = model.calls.length
    expect(callsBefore).toBeGreaterThan(0)

    const res = await postTranslation({ text: COMPOSED })
    const second = await parse(res)
    expect(model.calls.length).toBe(callsBefore)
    expect(res.headers.get('cache-status')).toBe('passage; hit')
    expect(second.id).toBe(first.id)
  })

  it('finds every paragraph and the summary in the cache under another form of the text', async () => {
    const model = useFakeModel()
    const first = await parse(await postTranslation({ text: LYON.normalize('NFD') }))
    expect(model.translationCalls().length).toBeGreaterThan(0)
    // Without the stored result, the article is rebuilt from the paragraphs' and summary's entries.
    await drainWrites()
    await env.CACHE.delete(resultKey(first.id))
    model.calls.length = 0

    const second = await parse(await postTranslation({ text: LYON.normalize('NFC') }))
    expect(model.calls).toHaveLength(0)
    expect(second.paragraphs.map((p) => p.cache)).toEqual(first.paragraphs.map(() => 'hit'))
    expect(second.usage).toMatchObject({ model_calls: 0, cached_paragraphs: first.paragraphs.length })
    expect(second.summary).toEqual(first.summary)
  })

  it('finds the paragraphs a glossary name applies to under another form too', async () => {
    // The seed names Pékin, which the deployment's glossary renders as Beijing.
    expect(DECOMPOSED).toContain('Pe\u0301kin')
    const model = useFakeModel()
    const first = await parse(await postTranslation({ text: DECOMPOSED, summary: 'none' }))
    await drainWrites()
    await env.CACHE.delete(resultKey(first.id))
    model.calls.length = 0

    const second = await parse(await postTranslation({ text: COMPOSED, summary: 'none' }))
    expect(model.calls).toHaveLength(0)
    expect(second.paragraphs.map((p) => p.cache)).toEqual(first.paragraphs.map(() => 'hit'))
  })

  it('keeps the French of each paragraph as it was sent', async () => {
    useFakeModel()
    const result = await parse(await postTranslation({ text: DECOMPOSED, summary: 'none' }))
    expect(result.paragraphs.map((p) => p.fr).join('\n')).toBe(DECOMPOSED.trim())
  })
})
