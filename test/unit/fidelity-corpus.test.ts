/**
 * A fast sample of the fidelity benchmark (npm run bench:fidelity runs it all): faithful
 * human pairs must pass, tampered ones must be caught. The pairs are FLORES-200 and
 * passage's own news pairs; the mutations are plain string edits (bench/fidelity-corpus.ts)
 * that use nothing of the checker.
 */

import { describe, expect, it } from 'vitest'
import {
  type Article,
  floresArticles,
  type Mutation,
  summaryMutations,
  translationMutations,
} from '../../bench/fidelity-corpus.ts'
import flores from '../../fixtures/corpora/flores200-devtest.fra-eng.tsv?raw'
import news from '../../fixtures/fidelity/news-pairs.json'
import seed from '../../fixtures/recordings/seed.json'
import { ModelOutputError } from '../../src/model/errors'
import { checkEnglishText, checkSummary, findDoubts } from '../../src/fidelity/checks'

type Verdict = 'clean' | 'doubted' | 'rejected'

function checkPair(fr: string, en: string): Verdict {
  try {
    checkEnglishText(en, fr, 'p0')
  } catch (error) {
    if (error instanceof ModelOutputError) return 'rejected'
    throw error
  }
  return findDoubts(fr, en, []).length > 0 ? 'doubted' : 'clean'
}

function checkSummaryOf(
  article: Article,
  length: 'short' | 'standard' | 'long',
  summary: { en: string; fr: string },
): Verdict {
  try {
    checkSummary(
      { content: JSON.stringify(summary), finishReason: 'stop', inputTokens: 0, outputTokens: 0 },
      article.paragraphs.map((p) => p.fr),
      length,
    )
  } catch (error) {
    if (error instanceof ModelOutputError) return 'rejected'
    throw error
  }
  return 'clean'
}

// Every faithful pair (checking them is cheap); for the mutations, the first FLORES articles
// up to 150 pairs, every news pair and the seed article.
const newsArticles = (news as { articles: Array<Omit<Article, 'source'>> }).articles.map((a) => ({
  ...a,
  source: 'news' as const,
}))
const seedArticle: Article = { source: 'seed', title: 'seed', paragraphs: seed.paragraphs, summaries: seed.summaries }
const everyArticle: Article[] = [...floresArticles(flores), ...newsArticles, seedArticle]
const sample: Article[] = []
let floresPairs = 0
for (const article of floresArticles(flores)) {
  if (floresPairs >= 150) break
  sample.push(article)
  floresPairs += article.paragraphs.length
}
sample.push(...newsArticles, seedArticle)
const pairs = everyArticle.flatMap((a) => a.paragraphs)

describe('faithful human translations (every pair of the benchmark)', () => {
  const verdicts = pairs.map((p) => ({ ...p, verdict: checkPair(p.fr, p.en) }))

  it('rejects none of them', () => {
    expect(pairs.length).toBeGreaterThan(1000)
    expect(verdicts.filter((v) => v.verdict === 'rejected').map((v) => v.en)).toEqual([])
  })

  it('doubts at most 0.3% of them', () => {
    const doubted = verdicts.filter((v) => v.verdict === 'doubted')
    expect(doubted.length / pairs.length, doubted.map((v) => v.en).join('\n')).toBeLessThanOrEqual(0.003)
  })

  it('accepts every recorded summary against its article', () => {
    const summaries = sample.flatMap((a) => Object.entries(a.summaries ?? {}).map(([length, s]) => ({ a, length, s })))
    expect(summaries.length).toBeGreaterThanOrEqual(10)
    for (const { a, length, s } of summaries)
      expect(checkSummaryOf(a, length as 'short', s as { en: string; fr: string }), `${a.title} (${length})`).toBe(
        'clean',
      )
  })
})

describe('tampered translations and summaries (a sample of the mutation suite)', () => {
  const mutations: Mutation[] = sample.flatMap((article) => [
    ...article.paragraphs.flatMap((_, i) => translationMutations(article, i)),
    ...Object.entries(article.summaries ?? {}).flatMap(([length, s]) =>
      s ? summaryMutations(article, length as 'short', s) : [],
    ),
  ])
  const caught = (m: Mutation) =>
    m.kind === 'summary'
      ? checkSummaryOf(m.article, m.length ?? 'standard', m.summary as { en: string; fr: string }) !== 'clean'
      : checkPair(m.article.paragraphs[m.index ?? 0]?.fr ?? '', m.en ?? '') !== 'clean'
  const byClass = new Map<string, { total: number; caught: number }>()
  for (const m of mutations) {
    const row = byClass.get(m.class) ?? { total: 0, caught: 0 }
    row.total++
    if (caught(m)) row.caught++
    byClass.set(m.class, row)
  }
  const rate = (cls: string) => {
    const row = byClass.get(cls)
    return row ? row.caught / row.total : 0
  }

  it('catches at least 95% of them in all', () => {
    const total = [...byClass.values()].reduce((n, r) => n + r.total, 0)
    const found = [...byClass.values()].reduce((n, r) => n + r.caught, 0)
    expect(total).toBeGreaterThan(1000)
    expect(found / total).toBeGreaterThanOrEqual(0.95)
  })

  it('catches nearly every lead-in, afterword, refusal, injection and truncation', () => {
    for (const cls of ['commentary at the start', 'note at the end', 'refusal', 'injected text', 'truncation'])
      expect(rate(cls), cls).toBeGreaterThanOrEqual(0.97)
  })

  it('catches most changed figures, names and sentences', () => {
    for (const cls of [
      'figure changed (digits)',
      'figure changed (words)',
      'name changed',
      'sentence added',
      'sentence dropped',
    ])
      expect(rate(cls), cls).toBeGreaterThanOrEqual(0.85)
  })

  it('catches most negations added or removed, most swapped paragraphs, added sentences and changed names', () => {
    expect(rate('negation added'), 'negation added').toBeGreaterThanOrEqual(0.9)
    expect(rate('negation removed'), 'negation removed').toBeGreaterThanOrEqual(0.8)
    expect(rate('paragraphs swapped'), 'paragraphs swapped').toBeGreaterThanOrEqual(0.88)
    expect(rate('sentence added'), 'sentence added').toBeGreaterThanOrEqual(0.95)
    expect(rate('name changed'), 'name changed').toBeGreaterThanOrEqual(0.9)
  })

  it('catches every kind of tampered summary', () => {
    const classes = [...byClass.keys()].filter((c) => c.startsWith('summary:'))
    expect(classes).toHaveLength(6)
    for (const cls of classes) expect(rate(cls), cls).toBeGreaterThanOrEqual(0.9)
  })
})
