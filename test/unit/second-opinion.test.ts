import { describe, expect, it } from 'vitest'
import { findingsToWarnings, withFindings } from '../../src/pipeline/second-opinion'

const pairs = [
  { id: 'p0', fr: 'Le chômage a reculé à 7,3 % en 2024.', en: 'Unemployment fell to 7.8% in 2024, a great success.' },
  { id: 'p1', fr: 'Le ministre a démissionné mardi.', en: 'The minister resigned.' },
]

describe('second-opinion findings as warnings', () => {
  it('quotes the French for a figure or an omission, and the English for an addition', () => {
    const warnings = findingsToWarnings(
      {
        findings: [
          { id: 'p0', kind: 'figure', quote: '7,3 %' },
          { id: 'p0', kind: 'addition', quote: 'a great success' },
          { id: 'p1', kind: 'omission', quote: 'mardi' },
        ],
      },
      pairs,
    )
    expect([...warnings]).toEqual([
      [
        'p0',
        [
          'second opinion: a figure may differ from the French ("7,3 %")',
          'second opinion: the English may add something the French does not say ("a great success")',
        ],
      ],
      ['p1', ['second opinion: the English may leave out part of the French ("mardi")']],
    ])
  })

  it('drops a quote found nowhere in the text it should come from, and ids it was not sent', () => {
    const warnings = findingsToWarnings(
      {
        findings: [
          { id: 'p0', kind: 'addition', quote: '7,3 %' },
          { id: 'p1', kind: 'omission', quote: '<script>alert(1)</script>' },
          { id: 'p9', kind: 'figure', quote: '7,3 %' },
        ],
      },
      pairs,
    )
    expect([...warnings]).toEqual([
      ['p0', ['second opinion: the English may add something the French does not say']],
      ['p1', ['second opinion: the English may leave out part of the French']],
    ])
  })

  it('says the same thing once, and nothing when there are no findings', () => {
    const twice = { findings: [1, 2].map(() => ({ id: 'p1', kind: 'omission' as const, quote: 'mardi' })) }
    expect(findingsToWarnings(twice, pairs).get('p1')).toHaveLength(1)
    expect(findingsToWarnings({ findings: [] }, pairs).size).toBe(0)
  })

  it('adds the warnings to the texts they concern, after any they had', () => {
    const texts = [
      { id: 'p0', en: 'Unemployment fell.', warnings: ['figures missing from the translation: 7,3'] },
      { id: 'p1', en: 'The minister resigned.' },
    ]
    expect(withFindings(texts, new Map([['p0', ['second opinion: a figure may differ from the French']]]))).toEqual([
      {
        id: 'p0',
        en: 'Unemployment fell.',
        warnings: ['figures missing from the translation: 7,3', 'second opinion: a figure may differ from the French'],
      },
      { id: 'p1', en: 'The minister resigned.' },
    ])
  })
})
