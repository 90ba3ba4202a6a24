/** Content negotiation: `?format=` first, then the Accept header, then JSON. */

import { InvalidRequestError } from '../errors'

export const FORMATS = {
  json: 'application/json',
  md: 'text/markdown',
  sse: 'text/event-stream',
  html: 'text/html',
} as const
export type Format = keyof typeof FORMATS

const ALIASES: Record<string, Format> = { json: 'json', md: 'md', markdown: 'md', sse: 'sse', html: 'html' }

/**
 * Chooses the response format. An unknown `?format=` is a 400; an Accept header that
 * names nothing we produce falls back to JSON rather than failing.
 *
 * @example chooseFormat(null, 'text/markdown, application/json;q=0.5') // 'md'
 */
export function chooseFormat(formatParam: string | null, accept: string | null): Format {
  if (formatParam !== null) {
    const format = ALIASES[formatParam.toLowerCase()]
    if (!format) {
      throw new InvalidRequestError(`Unknown format "${formatParam}".`, [
        { path: 'format', message: `use one of ${Object.keys(ALIASES).join(', ')}` },
      ])
    }
    return format
  }
  const ranges = (accept ?? '')
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1)
      return { type, q: Number.isFinite(q) ? q : 0, order }
    })
    .filter((r) => r.type !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  for (const { type } of ranges) {
    const format = (Object.keys(FORMATS) as Format[]).find((f) => FORMATS[f] === type)
    if (format) return format
  }
  return 'json'
}
