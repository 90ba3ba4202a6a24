/** Content negotiation: `?format=` first, then the Accept header, then JSON. */

import { accepts } from 'hono/accepts'
import { createMiddleware } from 'hono/factory'
import { InvalidRequestError } from '../errors'

const MEDIA_TYPES = {
  json: 'application/json',
  md: 'text/markdown',
  sse: 'text/event-stream',
  html: 'text/html',
} as const
export type Format = keyof typeof MEDIA_TYPES

const FORMAT_OF: Record<string, Format> = Object.fromEntries(
  (Object.keys(MEDIA_TYPES) as Format[]).map((format) => [MEDIA_TYPES[format], format]),
)
const ALIASES: Record<string, Format> = { json: 'json', md: 'md', markdown: 'md', sse: 'sse', html: 'html' }

export interface FormatVariables {
  /** The response format the request asked for (set by `negotiated`). */
  format: Format
}

/**
 * Chooses the response format. An unknown `?format=`, or one given twice differently, is a 400.
 * In the Accept header, the highest-quality type we produce wins (the earlier one on a tie); wildcards (`*\/*`,
 * `text/*`) choose nothing, so a stream or a page comes only when named, and an Accept
 * header that names nothing we produce falls back to JSON rather than failing.
 */
export const negotiated = createMiddleware<{ Variables: FormatVariables }>(async (c, next) => {
  // Given twice alike it is given once; given twice differently, neither wins silently.
  // Names of one format (`md`, `markdown`, `MD`) are one value.
  const given = [...new Set((c.req.queries('format') ?? []).map((name) => ALIASES[name.toLowerCase()] ?? name))]
  if (given.length > 1)
    throw new InvalidRequestError(`The query string gives format ${given.length} different values.`, [
      { path: 'format', message: `given ${given.length} different values: give it once` },
    ])
  const param = given[0]
  let format: Format
  if (param !== undefined) {
    const named = ALIASES[param.toLowerCase()]
    if (!named) {
      throw new InvalidRequestError(`Unknown format "${param}".`, [
        { path: 'format', message: `use one of ${Object.keys(ALIASES).join(', ')}` },
      ])
    }
    format = named
  } else {
    const type = accepts(c, {
      header: 'Accept',
      supports: Object.values(MEDIA_TYPES),
      default: MEDIA_TYPES.json,
      // Ranges come sorted by quality, ties in the header's order.
      match: (ranges, config) =>
        ranges.find((range) => range.q > 0 && FORMAT_OF[range.type.toLowerCase()] !== undefined)?.type.toLowerCase() ??
        config.default,
    })
    format = FORMAT_OF[type] ?? 'json'
  }
  c.set('format', format)
  await next()
})
