/** The Markdown view of a result: a document to read, not a data dump. */

import type { TranslationResult } from '../schemas/response'

/**
 * Renders a result as Markdown: a title, the summary in English and French, then each
 * French paragraph (quoted) followed by its English translation and, when the checks
 * doubted it, its warnings. Article text is
 * escaped so that it reads as text, not as Markdown or HTML.
 */
export function renderMarkdown(result: TranslationResult): string {
  const first = result.paragraphs[0]
  const headline = result.paragraphs.find((p) => p.role === 'headline')
  const title = headline
    ? escapeMarkdown(headline.en.replace(/\s+/g, ' '))
    : first && isHeadline(first.fr)
      ? escapeMarkdown(first.en.replace(/\s+/g, ' '))
      : 'Article translated from French'
  const lines = [`# ${title}`, '']
  if (headline) lines.push(`*${escapeMarkdown(headline.fr)}*`, '')
  const source = result.source
  if (source) {
    const origin = [source.site, source.published, source.byline]
      .filter((part): part is string => Boolean(part))
      .map(escapeMarkdown)
      .join(' · ')
    lines.push(
      source.url ? `${origin}${origin ? ' · ' : ''}<${source.url.replace(/[<>\s]/g, encodeURIComponent)}>` : origin,
      '',
    )
  }
  lines.push(`*Translated from French by ${escapeMarkdown(result.model)} · ${result.created_at} · ${result.id}*`, '')
  if (result.summary) {
    const points = result.summary.key_points ?? []
    // Citations count paragraphs from 1, as a reader does.
    const keyPoints = (lang: 'en' | 'fr') =>
      points.length > 0
        ? [
            ...points.map(
              (p, i) => `${i + 1}. ${escapeMarkdown(p[lang])} (¶ ${p.paragraphs.map((n) => n + 1).join(', ')})`,
            ),
            '',
          ]
        : []
    lines.push(
      '## Summary',
      '',
      escapeMarkdown(result.summary.en),
      '',
      ...keyPoints('en'),
      '## Résumé',
      '',
      escapeMarkdown(result.summary.fr),
      '',
      ...keyPoints('fr'),
    )
    if (result.summary.warnings?.length)
      lines.push(`*⚠ Check this summary: ${escapeMarkdown(result.summary.warnings.join('; '))}*`, '')
  }
  lines.push('## Article', '')
  for (const paragraph of result.paragraphs) {
    lines.push(quote(paragraph.fr), '', escapeMarkdown(paragraph.en), '')
    if (paragraph.warnings?.length)
      lines.push(`*⚠ Check this paragraph: ${escapeMarkdown(paragraph.warnings.join('; '))}*`, '')
    if (paragraph.language === 'en') lines.push(`*${ALREADY_ENGLISH}*`, '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** What the reader is told of a paragraph the article gives in English. */
export const ALREADY_ENGLISH = 'In English in the article: kept as it is, not translated.'

function isHeadline(text: string): boolean {
  return text.length <= 140 && !/[.!?…»"”]$/u.test(text)
}

/** Text as a block quote, every line of it inside the quote. */
function quote(text: string): string {
  return escapeMarkdown(text)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n')
}

/**
 * Escapes text so it reads as text, with backslashes rather than HTML entities (copied
 * Markdown reads as the text, `\<script>`, and every renderer shows it as text): inline
 * syntax and HTML's `<` and `&` everywhere, and on every line (model output may hold
 * newlines) what would open a block: a heading, a quote, a list item, a table row, a
 * fence, a setext underline or an indented code block.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]~<&])/g, '\\$1')
    .split(/\r\n|\r|\n/)
    .map(escapeLineStart)
    .join('\n')
}

function escapeLineStart(line: string): string {
  return line
    .replace(/^[ \t]+/, '')
    .replace(/^([#>+\-=|:])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}
