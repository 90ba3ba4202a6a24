import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

// Statements a French article gives in the original English, written for this test.
const STATEMENT =
  'We will not accept any deal that leaves our members worse off than they were four years ago, the union said.'
const QUOTE = 'The ministry has yet to publish the figures, and nobody at the agency would comment on Tuesday.'
const ARTICLE = [SEED_PARAGRAPHS[0], STATEMENT, SEED_PARAGRAPHS[1], QUOTE, SEED_PARAGRAPHS[2]] as string[]

describe('a French article with paragraphs in English', () => {
  it('keeps the English paragraphs as they are, sends only the French to the model, and doubts nothing', async () => {
    const model = useFakeModel()
    const res = await postTranslation({ text: ARTICLE.join('\n\n'), summary: 'none' })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual([
      seed.paragraphs[0]?.en,
      STATEMENT,
      seed.paragraphs[1]?.en,
      QUOTE,
      seed.paragraphs[2]?.en,
    ])
    expect(result.paragraphs.filter((p) => p.language === 'en').map((p) => p.index)).toEqual([1, 3])
    expect(result.paragraphs.every((p) => p.warnings === undefined)).toBe(true)
    const sent = model.translationCalls().flatMap((call) => call.texts)
    expect(sent).not.toContain(STATEMENT)
    expect(sent).not.toContain(QUOTE)
    expect(sent).toHaveLength(3)
  })

  it('says so in Markdown and streams them with the rest', async () => {
    useFakeModel()
    const md = await postTranslation({ text: ARTICLE.join('\n\n'), summary: 'none' }, { query: '?format=md' })
    expect(await md.text()).toContain(`${STATEMENT}\n\n*In English in the article: kept as it is, not translated.*`)

    const res = await postTranslation({ text: ARTICLE.join('\n\n'), summary: 'none' }, { query: '?format=sse' })
    const events = await sseReader(res).rest()
    const english = events
      .filter((e) => e.event === 'paragraph')
      .map((e) => e.data as { index: number; en: string; language?: string })
      .filter((p) => p.language === 'en')
    expect(english).toEqual([
      expect.objectContaining({ index: 1, en: STATEMENT }),
      expect.objectContaining({ index: 3, en: QUOTE }),
    ])
  })

  it('still translates a French paragraph that quotes English', async () => {
    const model = useFakeModel()
    const french = `${SEED_PARAGRAPHS[3]} « We will not give up », a déclaré le ministre.`
    const res = await postTranslation({ text: [SEED_PARAGRAPHS[0], french].join('\n\n'), summary: 'none' })
    await res.text()
    expect(model.translationCalls().flatMap((call) => call.texts)).toContain(french)
  })
})
