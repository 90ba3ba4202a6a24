import { describe, expect, it } from 'vitest'
import { createAssembly } from '../../src/pipeline/assemble'
import { neighboursOf, planWork } from '../../src/pipeline/plan'

const BATCHING = { segmentTokens: 600, minTokens: 600, maxTokens: 3_000, maxSegments: 40, slots: 5 }
const paragraphs = ['Premier paragraphe.', 'Deuxième paragraphe.', 'Premier paragraphe.', 'Quatrième paragraphe.']
const keys = ['k-first', 'k-second', 'k-first', 'k-fourth']

describe('planning the work', () => {
  it('serves cached paragraphs as hits and sends each distinct miss once', () => {
    const work = planWork({ paragraphs, keys, cached: new Map([['k-second', { en: 'Second paragraph.' }]]) }, BATCHING)
    expect([...work.hits.keys()]).toEqual([1])
    expect([...work.misses]).toEqual([
      ['k-first', [0, 2]],
      ['k-fourth', [3]],
    ])
    expect(work.segments.map((s) => s.id)).toEqual(['p0', 'p3'])
    expect(work.batches.flat().map((s) => s.id)).toEqual(['p0', 'p3'])
  })

  it('plans nothing to send when every paragraph is cached', () => {
    const cached = new Map(keys.map((k) => [k, { en: `English for ${k}.` }]))
    const work = planWork({ paragraphs, keys, cached }, BATCHING)
    expect(work.segments).toEqual([])
    expect(work.batches).toEqual([])
  })

  it('gives a segment the French before and after it as context', () => {
    const work = planWork({ paragraphs, keys, cached: new Map() }, BATCHING)
    const [first, second, fourth] = work.segments
    expect(neighboursOf(work, first!)).toEqual({ after: 'Deuxième paragraphe.' })
    expect(neighboursOf(work, second!)).toEqual({ before: 'Premier paragraphe.', after: 'Premier paragraphe.' })
    expect(neighboursOf(work, fourth!)).toEqual({ before: 'Premier paragraphe.' })
  })

  it('gives a piece of a long paragraph its neighbouring pieces as context', () => {
    const sentence =
      'Le gouvernement a présenté un projet de loi ' + 'qui suscite de vives critiques dans l’opposition. '
    const long = sentence.repeat(12).trim()
    const work = planWork(
      { paragraphs: ['Titre', long, 'Fin.'], keys: ['a', 'b', 'c'], cached: new Map() },
      { ...BATCHING, segmentTokens: 100 },
    )
    const pieces = work.segments.filter((s) => s.paragraph === 1)
    expect(pieces.length).toBeGreaterThan(2)
    expect(neighboursOf(work, pieces[0]!)).toEqual({ before: 'Titre', after: pieces[1]?.fr })
    expect(neighboursOf(work, pieces[1]!)).toEqual({ before: pieces[0]?.fr, after: pieces[2]?.fr })
    expect(neighboursOf(work, pieces.at(-1)!)).toEqual({ before: pieces.at(-2)?.fr, after: 'Fin.' })
  })
})

describe('assembling paragraphs', () => {
  it('starts with the hits, their warnings kept, and lists the rest as missing', () => {
    const cached = new Map([
      ['k-second', { en: 'Second paragraph.', warnings: ['figures missing from the translation: 2'] }],
    ])
    const assembly = createAssembly(planWork({ paragraphs, keys, cached }, BATCHING))
    expect(assembly.done()).toEqual([
      {
        index: 1,
        fr: 'Deuxième paragraphe.',
        en: 'Second paragraph.',
        cache: 'hit',
        warnings: ['figures missing from the translation: 2'],
      },
    ])
    expect(assembly.missing()).toEqual([0, 2, 3])
  })

  it('gives a translation to every copy of its paragraph, with one cache write', () => {
    const assembly = createAssembly(planWork({ paragraphs, keys, cached: new Map() }, BATCHING))
    const { paragraphs: completed, writes } = assembly.take([{ id: 'p0', en: 'First paragraph.' }])
    expect(completed.map((p) => p.index)).toEqual([0, 2])
    expect(writes).toEqual([{ key: 'k-first', value: { en: 'First paragraph.' } }])
    expect(assembly.missing()).toEqual([1, 3])
  })

  it('stores a doubtful translation with its warnings', () => {
    const assembly = createAssembly(planWork({ paragraphs, keys, cached: new Map() }, BATCHING))
    const { paragraphs: completed, writes } = assembly.take([
      { id: 'p3', en: 'Fourth paragraph.', warnings: ['"OTAN" is not rendered as "NATO"'] },
    ])
    expect(completed).toEqual([
      {
        index: 3,
        fr: 'Quatrième paragraphe.',
        en: 'Fourth paragraph.',
        cache: 'miss',
        warnings: ['"OTAN" is not rendered as "NATO"'],
      },
    ])
    expect(writes).toEqual([
      { key: 'k-fourth', value: { en: 'Fourth paragraph.', warnings: ['"OTAN" is not rendered as "NATO"'] } },
    ])
  })

  it('completes a long paragraph only when all its pieces are in, joined in order', () => {
    const work = planWork({ paragraphs: ['Un. Deux.'], keys: ['k'], cached: new Map() }, BATCHING)
    work.segments.splice(
      0,
      1,
      { id: 'p0.0', paragraph: 0, piece: 0, fr: 'Un.', terms: [] },
      { id: 'p0.1', paragraph: 0, piece: 1, fr: 'Deux.', terms: [] },
    )
    const assembly = createAssembly(work)
    expect(assembly.take([{ id: 'p0.1', en: 'Two.', warnings: ['a doubt'] }]).paragraphs).toEqual([])
    expect(assembly.missing()).toEqual([0])
    const { paragraphs: completed, writes } = assembly.take([{ id: 'p0.0', en: 'One.' }])
    expect(completed).toEqual([{ index: 0, fr: 'Un. Deux.', en: 'One. Two.', cache: 'miss', warnings: ['a doubt'] }])
    expect(writes).toEqual([{ key: 'k', value: { en: 'One. Two.', warnings: ['a doubt'] } }])
  })

  it('ignores a text for an id it did not plan, and a second text for the same id', () => {
    const assembly = createAssembly(planWork({ paragraphs, keys, cached: new Map() }, BATCHING))
    expect(assembly.take([{ id: 'p9', en: 'Nowhere.' }])).toEqual({ paragraphs: [], writes: [] })
    assembly.take([{ id: 'p3', en: 'Fourth paragraph.' }])
    expect(assembly.take([{ id: 'p3', en: 'Another text.' }])).toEqual({ paragraphs: [], writes: [] })
    expect(assembly.done().map((p) => p.en)).toEqual(['Fourth paragraph.'])
  })
})
