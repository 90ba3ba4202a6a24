import { describe, expect, it } from 'vitest'
import type { ChatResult } from '../../src/model/client'
import { ModelOutputError, TruncatedOutputError } from '../../src/model/errors'
import { checkSummary, checkTranslation, type Verdict } from '../../src/model/fidelity'

const sources = [
  { id: 'p0', fr: 'Le président russe Vladimir Poutine effectuera cette semaine une visite d’État en Chine.' },
  { id: 'p1', fr: 'La Chine est également un important marché d’exportation d’énergie.' },
]
const good = ['Russian President Vladimir Putin will make a state visit to China this week.', 'China is also a major export market for energy.']

const answer = (content: unknown, finishReason = 'stop'): ChatResult => ({
  content: typeof content === 'string' ? content : JSON.stringify(content),
  finishReason,
  inputTokens: 1,
  outputTokens: 1,
})
const translations = (ens: Array<[string, string]>) => answer({ translations: ens.map(([id, en]) => ({ id, en })) })
// The reason an answer is refused whole, or else the first paragraph's that failed.
const reasonOf = (fn: () => unknown) => {
  let verdicts: unknown
  try {
    verdicts = fn()
  } catch (error) {
    if (error instanceof ModelOutputError) return error.reason
    throw error
  }
  const failed = Array.isArray(verdicts) ? (verdicts as Verdict[]).find((v) => v.status === 'failed') : undefined
  return failed?.status === 'failed' ? failed.error.reason : 'passed'
}

describe('fidelity checks on a translation answer', () => {
  it('accepts a faithful answer and returns each paragraph as ok, trimmed', () => {
    const verdicts = checkTranslation(translations([['p0', good[0] as string], ['p1', ` ${good[1]} `]]), sources)
    expect(verdicts).toEqual([
      { id: 'p0', status: 'ok', en: good[0] },
      { id: 'p1', status: 'ok', en: good[1] },
    ])
  })

  it('rejects what is not JSON, or not the schema', () => {
    expect(reasonOf(() => checkTranslation(answer('{"translations": [ oops'), sources))).toBe('invalid-json')
    expect(reasonOf(() => checkTranslation(answer({ translations: [{ id: 'p0', text: 'x' }] }), sources))).toBe('schema')
    expect(reasonOf(() => checkTranslation(answer({ result: [] }), sources))).toBe('schema')
  })

  it('rejects too few, too many and reordered paragraphs', () => {
    expect(reasonOf(() => checkTranslation(translations([['p0', good[0] as string]]), sources))).toBe('wrong-count')
    expect(reasonOf(() => checkTranslation(translations([['p0', 'a'], ['p1', 'b'], ['p2', 'c']]), sources))).toBe('wrong-count')
    expect(reasonOf(() => checkTranslation(translations([['p1', good[1] as string], ['p0', good[0] as string]]), sources))).toBe('wrong-order')
  })

  it('rejects an empty translation', () => {
    expect(reasonOf(() => checkTranslation(translations([['p0', good[0] as string], ['p1', '  ']]), sources))).toBe('empty')
  })

  it('rejects the French echoed back, even lightly retouched', () => {
    expect(reasonOf(() => checkTranslation(translations([['p0', sources[0]?.fr as string], ['p1', good[1] as string]]), sources))).toBe('copied-french')
    expect(
      reasonOf(() => checkTranslation(translations([['p0', good[0] as string], ['p1', 'La Chine est aussi un grand marché pour l’énergie de la Russie.']]), sources)),
    ).toBe('copied-french')
  })

  it('accepts a name that is the same in both languages', () => {
    const names = [{ id: 'p0', fr: 'Emmanuel Macron' }]
    expect(reasonOf(() => checkTranslation(translations([['p0', 'Emmanuel Macron']]), names))).toBe('passed')
  })

  it('rejects commentary around the translation', () => {
    for (const en of [`Here is the translation: ${good[1]}`, `Sure! ${good[1]}`, `${good[1]} I hope this helps!`, `${good[1]} (Note: "marché" means market.)`]) {
      expect(reasonOf(() => checkTranslation(translations([['p0', good[0] as string], ['p1', en]]), sources))).toBe('commentary')
    }
  })

  it('rejects a refusal', () => {
    expect(reasonOf(() => checkTranslation(translations([['p0', "I'm sorry, but I can't help with that."], ['p1', good[1] as string]]), sources))).toBe('refusal')
  })

  it('reports an answer cut off at the token limit, and one stopped by a content filter', () => {
    expect(() => checkTranslation(answer('{"translations": [', 'length'), sources)).toThrow(TruncatedOutputError)
    expect(reasonOf(() => checkTranslation(answer('', 'content_filter'), sources))).toBe('content-filter')
  })
})

describe('fidelity checks on a summary answer', () => {
  it('accepts an English and a French summary', () => {
    expect(checkSummary(answer({ en: 'Putin visits China.', fr: 'Poutine se rend en Chine.' }))).toEqual({ en: 'Putin visits China.', fr: 'Poutine se rend en Chine.' })
  })

  it('rejects an empty side, a French "English" summary, and commentary', () => {
    expect(reasonOf(() => checkSummary(answer({ en: 'Putin visits China.', fr: '' })))).toBe('empty')
    expect(reasonOf(() => checkSummary(answer({ en: 'Poutine se rend en Chine.', fr: 'Poutine se rend en Chine.' })))).toBe('copied-french')
    expect(reasonOf(() => checkSummary(answer({ en: 'Here is a summary: Putin visits China.', fr: 'Poutine se rend en Chine.' })))).toBe('commentary')
  })
})
