import { describe, expect, it } from 'vitest'
import seedText from '../../fixtures/articles/seed.fr.txt?raw'
import { planBatches, planCalls } from '../../src/pipeline/segments'
import { estimateTokens } from '../../src/text/tokens'

const SEED = seedText
  .trim()
  .split('\n')
  .map((fr, i) => ({ id: `p${i}`, paragraph: i, piece: 0, fr, terms: [] }))
const PLAN = { minTokens: 600, maxTokens: 3000, maxSegments: 40, slots: 5, openingTokens: 150 }
const tokens = (batch: readonly { fr: string }[]) => batch.reduce((sum, s) => sum + estimateTokens(s.fr), 0)
const LONG = Array.from({ length: 133 }, (_, i) => ({
  id: `p${i}`,
  paragraph: i,
  piece: 0,
  terms: [],
  fr: `${SEED[i % 12]?.fr} (${i})`,
}))

describe('the top of the article comes first', () => {
  it("gives a long article's opening paragraphs a call of their own, the rest one slot fewer at first", () => {
    const { batches, behind } = planCalls(LONG, PLAN)
    // The seed's first paragraphs, tagged, are 54, 26 and 72 estimated tokens: the third would pass 150.
    expect(LONG.slice(0, 3).map((s) => estimateTokens(s.fr))).toEqual([54, 26, 72])
    expect(batches[0]?.map((s) => s.id)).toEqual(['p0', 'p1'])
    // Four batches at once, and one more that takes the opening's connection when it ends.
    expect(batches).toHaveLength(1 + (PLAN.slots - 1) + 1)
    expect([...behind]).toEqual([[5, 'opening']])
    expect(batches.flat()).toEqual(LONG)
  })

  it('gives the seed no opening call: its first batch, under the batch budget, starts nearly as fast', () => {
    const { openingTokens: _opening, ...plain } = PLAN
    const batches = planBatches(SEED, PLAN)
    expect(batches).toEqual(planBatches(SEED, plain))
    expect(batches).toHaveLength(2)
    expect(tokens(batches[0] ?? [])).toBeLessThanOrEqual(PLAN.minTokens)
  })

  it('puts short opening lines together in the opening batch, up to its size', () => {
    const lines = ['Flash info.', 'Paris, le 3 mars.', 'Mise à jour à 18 h.'].map((fr, i) => ({
      id: `h${i}`,
      paragraph: i,
      piece: 0,
      terms: [],
      fr,
    }))
    const article = [...lines, ...LONG.map((s, i) => ({ ...s, id: `p${i}`, paragraph: i + 3 }))]
    const [opening] = planBatches(article, PLAN)
    // 4 + 5 + 6 tokens of headlines, then 53 and 25: the seed's third paragraph (71) would pass 150.
    expect(opening?.map((s) => s.id)).toEqual(['h0', 'h1', 'h2', 'p0', 'p1'])
    expect(tokens(opening ?? [])).toBeLessThanOrEqual(150)
  })

  it('keeps an article too small to be worth two calls in one', () => {
    expect(planBatches(SEED.slice(0, 2), PLAN)).toHaveLength(1)
  })

  it('opens a 133-paragraph article with a small batch, and keeps the others within their size', () => {
    const batches = planBatches(LONG, PLAN)
    expect(tokens(batches[0] ?? [])).toBeLessThanOrEqual(150)
    expect(batches.flat()).toEqual(LONG)
    for (const batch of batches.slice(1)) expect(tokens(batch)).toBeLessThanOrEqual(3000 + 200)
  })

  it('runs an article too long for one wave in full waves of every connection, not a few late batches', () => {
    const huge = Array.from({ length: 275 }, (_, i) => ({
      id: `p${i}`,
      paragraph: i,
      piece: 0,
      terms: [],
      fr: `${SEED[i % 12]?.fr} (${i})`,
    }))
    const { openingTokens: _opening, ...plain } = PLAN
    // 275 segments at most 40 a batch need 7 batches, more than the 5 slots: two full waves of 6.
    expect(planBatches(huge, plain)).toHaveLength(7)
    const waves = planBatches(huge, { ...plain, connections: 6 })
    expect(waves).toHaveLength(12)
    expect(waves.flat()).toEqual(huge)
    // Within one wave nothing changes.
    expect(planBatches(SEED, { ...plain, connections: 6 })).toEqual(planBatches(SEED, plain))
  })
})
