import { describe, expect, it } from 'vitest'
import { DeadlineExceededError } from '../../src/errors'

const paragraph = (index: number) => ({ index, fr: 'Bonjour.', en: 'Hello.', cache: 'miss' as const })
const detailWith = (translated: number, count = 3) =>
  new DeadlineExceededError(1000, {
    paragraph_count: count,
    paragraphs: Array.from({ length: translated }, (_, i) => paragraph(i)),
    missing_paragraphs: Array.from({ length: count - translated }, (_, i) => translated + i),
    summary_missing: false,
  }).problem.detail

describe('the 504 detail', () => {
  it('says that no paragraph was translated, rather than "the 0 paragraphs"', () => {
    const detail = detailWith(0)
    expect(detail).toContain('paragraphs 0, 1, 2 are missing')
    expect(detail).toContain('No paragraph was translated in time')
    expect(detail).not.toMatch(/\b0 paragraphs/)
  })

  it('says "the one paragraph" for one, and counts several', () => {
    expect(detailWith(1)).toContain('The one paragraph translated so far is in `paragraphs` and cached')
    expect(detailWith(2)).toContain('The 2 paragraphs translated so far are in `paragraphs` and cached')
  })
})
