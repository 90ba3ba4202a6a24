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
  const title = first && isHeadline(first.fr) ? escapeMarkdown(first.en) : 'Article translated from French'
  const lines = [`# ${title}`, '', `*Translated from French by ${escapeMarkdown(result.model)} · ${result.created_at} · ${result.id}*`, '']
  if (result.summary) {
    lines.push('## Summary', '', escapeMarkdown(result.summary.en), '', '## Résumé', '', escapeMarkdown(result.summary.fr), '')
  }
  lines.push('## Article', '')
  for (const paragraph of result.paragraphs) {
    lines.push(`> ${escapeMarkdown(paragraph.fr)}`, '', escapeMarkdown(paragraph.en), '')
    if (paragraph.warnings?.length) lines.push(`*⚠ Check this paragraph: ${escapeMarkdown(paragraph.warnings.join('; '))}*`, '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

function isHeadline(text: string): boolean {
  return text.length <= 140 && !/[.!?…»"”]$/u.test(text)
}

function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^([#>+-])(\s)/, '\\$1$2')
    .replace(/^(\d+)\.(\s)/, '$1\\.$2')
}
