import { describe, expect, it } from 'vitest'
import seedText from '../../fixtures/articles/seed.fr.txt?raw'
import { CALL_LATENCY_TOKENS, callTime, planCalls, shareConnections } from '../../src/pipeline/segments'
import { estimateTokens } from '../../src/text/tokens'

const SEED = seedText.trim().split('\n')
const article = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    paragraph: i,
    piece: 0,
    terms: [],
    fr: `${SEED[i % 12]} (${i})`,
  }))
const PLAN = { minTokens: 600, maxTokens: 3000, maxSegments: 40, slots: 5, openingTokens: 150, connections: 6 }
const tokens = (batch: readonly { fr: string }[]) => batch.reduce((sum, s) => sum + estimateTokens(s.fr), 0)
// When a batch started at `at` (output tokens' time) with `size` tokens ends.
const end = (at: number, size: number) => at + CALL_LATENCY_TOKENS + size

describe('sharing an article between connections that free up at different times', () => {
  it('gives each connection a batch that ends with the others', () => {
    // 900 tokens, two connections free now and one at 120: all end at 400.
    expect(shareConnections(900, 2, [120], 100)).toEqual({ fresh: 340, queued: [220] })
    expect(end(0, 340)).toBe(400)
    expect(end(120, 220)).toBe(400)
  })

  it('leaves out a connection whose batch would be too small to be worth a call, and those after it', () => {
    expect(shareConnections(900, 2, [120, 300], 300)).toEqual({ fresh: 450, queued: [] })
    const { fresh, queued } = shareConnections(900, 2, [120, 380], 100)
    expect(queued).toHaveLength(1)
    expect(fresh * 2 + (queued[0] ?? 0)).toBeCloseTo(900)
  })

  it('counts a long prompt in how long a call holds its connection', () => {
    expect(callTime(0, 100)).toBe(CALL_LATENCY_TOKENS + 100)
    expect(callTime(10_000, 100)).toBeGreaterThan(callTime(1_000, 100))
  })
})

describe('a long article with a summary', () => {
  const long = article(133)
  const summaryTime = callTime(10_000, 500)

  it('queues its last batches behind the opening and the summary, smaller as they start later', () => {
    const { batches, behind } = planCalls(long, { ...PLAN, summaryTime })
    expect(batches.flat()).toEqual(long)
    expect(batches).toHaveLength(1 + 4 + 2)
    expect([...behind]).toEqual([
      [5, 'opening'],
      [6, 'summary'],
    ])
    const wave = batches.slice(1, 5).map(tokens)
    const [afterOpening, afterSummary] = batches.slice(5).map(tokens)
    for (const size of wave) expect(afterOpening).toBeLessThan(size)
    expect(afterSummary).toBeLessThan(afterOpening ?? 0)
    // The wave's batches are alike: within a paragraph or so of each other.
    expect(Math.max(...wave) - Math.min(...wave)).toBeLessThan(110)
  })

  it('queues nothing behind a summary that ends too late for a batch worth a call', () => {
    const { batches, behind } = planCalls(long, { ...PLAN, summaryTime: 50_000 })
    expect([...behind.values()]).toEqual(['opening'])
    expect(batches).toHaveLength(1 + 4 + 1)
  })

  it('queues nothing for a 60-paragraph article, whose batches would be too small to be worth a call', () => {
    const { batches, behind } = planCalls(article(60), { ...PLAN, summaryTime: callTime(4_000, 500) })
    expect(behind.size).toBe(0)
    expect(batches).toHaveLength(5)
  })

  it('keeps the seed to its two batches', () => {
    const seed = article(12)
    expect(planCalls(seed, { ...PLAN, summaryTime: callTime(1_000, 500) })).toEqual({
      batches: planCalls(seed, PLAN).batches,
      behind: new Map(),
    })
    expect(planCalls(seed, PLAN).batches).toHaveLength(2)
  })
})
