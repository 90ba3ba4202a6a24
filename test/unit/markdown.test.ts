import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/render/markdown'
import type { TranslationResult } from '../../src/schemas/response'

const result = (en: string, fr = 'Le conseil a voté le budget.'): TranslationResult => ({
  id: 'tr_AAAAAAAAAAAAAAAAAAAAAAAAAA',
  model: 'gpt-5.4-mini',
  source_language: 'fr',
  paragraphs: [{ index: 0, fr, en, cache: 'miss' }],
  summary: null,
  usage: { model_calls: 1, input_tokens: 10, output_tokens: 10, cached_paragraphs: 0 },
  created_at: '2026-11-29T05:00:00Z',
})

// The lines of the rendered article section, after its heading.
const articleLines = (markdown: string) => markdown.split('\n').slice(markdown.split('\n').indexOf('## Article') + 1)

describe('the Markdown view', () => {
  it('keeps every line of a model answer as text: no heading, quote, list, table or fence', () => {
    const en = [
      'The council voted.',
      '# Breaking',
      '> quoted',
      '- item',
      '+ item',
      '* item',
      '1. first',
      '2) second',
      '| a | b |',
      '```js',
      '~~~',
      '===',
      '    indented code',
    ].join('\n')
    const lines = articleLines(renderMarkdown(result(en)))
    expect(lines).toEqual(
      expect.arrayContaining([
        'The council voted.',
        '\\# Breaking',
        '\\> quoted',
        '\\- item',
        '\\+ item',
        '\\* item',
        '1\\. first',
        '2\\) second',
        '\\| a | b |',
        '\\`\\`\\`js',
        '\\~\\~\\~',
        '\\===',
        'indented code',
      ]),
    )
    // Outside the quote of the French, no line of the article opens a Markdown block.
    const opening = /^(#|>|-|\+|\*|\d+[.)]|\||`{3}|~{3}|={3}| {4})/
    expect(lines.filter((line) => !line.startsWith('> Le conseil')).filter((line) => opening.test(line))).toEqual([])
  })

  it('keeps every line of a French paragraph inside its quote', () => {
    const lines = articleLines(renderMarkdown(result('The council voted.', 'Le conseil a voté.\n# Titre')))
    expect(lines.slice(1, 3)).toEqual(['> Le conseil a voté.', '> \\# Titre'])
  })

  it('puts a headline with a newline on one title line', () => {
    const markdown = renderMarkdown(result('Council votes\n# the budget', 'Le conseil vote le budget'))
    expect(markdown.split('\n')[0]).toBe('# Council votes # the budget')
  })
})
