/**
 * The page's wording, for the server's HTML and the browser's script alike, and the
 * script's small pure helpers: the script receives these very functions as source (see
 * `readerJs` in index.ts), so each must stay self-contained: no use of an import, no calls
 * to another function, no nested named functions. `decodeTextBytes` is one such function,
 * kept beside the page charset code that shares it.
 */

import { decodeTextBytes } from '../text/encoding'

/** "Machine-translated from French by gpt-5.4-mini; all 7 paragraphs checked against the French." */
export function checkedLine(model: string, paragraphs: number, doubted: number): string {
  const all = paragraphs === 1 ? 'the one paragraph' : `all ${paragraphs} paragraphs`
  const warned = doubted > 0 ? ` (${doubted} with a warning to read)` : ''
  return `Machine-translated from French by ${model}; ${all} checked against the French${warned}.`
}

/** "24 November 2026" from an ISO date, in the date's own calendar day; the text as given otherwise. */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return value
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]
  const month = months[Number(m[2]) - 1]
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value
}

/** At most `max` characters, cut at a word boundary with an ellipsis: a tab title never ends mid-word. */
export function wholeWords(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`
}

/**
 * French text as French typography sets it: the space inside a figure ("1 034") and before
 * its unit ("1,8 %", "12 €") becomes a narrow no-break space, so a line never breaks inside
 * a figure. For display only: the stored text is left as written.
 */
export function keepFiguresTogether(text: string): string {
  return text.replace(/(\d) (?=\d{3}(?!\d)|[%€$£])/g, '$1\u202f')
}

/**
 * A picked or dropped text file's bytes as text (`decodeTextBytes`): "Le Conseil d’État a
 * validé", never "Le Conseil d��tat a valid�" nor "dâ€™Ã‰tat".
 */
export const decodeTextFile = decodeTextBytes

/** The functions above as the script's opening lines, under their own names. */
export const SHARED_SCRIPT = [
  `const checkedLine = ${checkedLine};`,
  `const formatDate = ${formatDate};`,
  `const wholeWords = ${wholeWords};`,
  `const keepFiguresTogether = ${keepFiguresTogether};`,
  `const decodeTextFile = ${decodeTextFile};`,
].join('\n')
