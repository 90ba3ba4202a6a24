/** Reading a POST body: content type, byte limit while streaming, strict UTF-8, schema. */

import type { z } from 'zod'
import { readCapped } from '../extract/read-capped'
import { type FieldError, InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors'
import {
  LinkTranslationRequest,
  TextTranslationRequest,
  TranslationQuery,
  type TranslationRequest,
} from '../schemas/request'

export interface BodyLimits {
  maxBytes: number
  /** A `text/html` page carries far more than its article: markup, scripts, metadata. */
  maxPageBytes: number
}

/** A pasted page (`text/html`), options in the query string: the article is extracted from it. */
export type PageTranslationRequest = z.infer<typeof TranslationQuery> & { html: string }

/**
 * Parses a translation request from a `text/plain` body (options in the query string:
 * `summary=short`, `glossary=Pékin=Beijing`, repeatable), a `text/html` page (same
 * options), or an `application/json` body (`{"text": …}` or `{"url": …}`).
 * Every failure is a problem-carrying error; nothing is read past the byte limit.
 */
export async function readTranslationRequest(
  request: Request,
  limits: BodyLimits,
): Promise<TranslationRequest | PageTranslationRequest> {
  const contentType = request.headers.get('content-type') ?? ''
  const [mediaType = '', ...params] = contentType.split(';').map((p) => p.trim().toLowerCase())
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '')
  if (mediaType !== 'text/plain' && mediaType !== 'application/json' && mediaType !== 'text/html')
    throw new UnsupportedMediaTypeError(contentType)
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`${contentType} (only UTF-8 is accepted)`)
  }
  const text = decodeUtf8(await readBytes(request, mediaType === 'text/html' ? limits.maxPageBytes : limits.maxBytes))

  if (mediaType === 'text/plain' || mediaType === 'text/html') {
    const url = new URL(request.url)
    const glossary: Record<string, string> = {}
    const errors: FieldError[] = []
    for (const entry of url.searchParams.getAll('glossary')) {
      const at = entry.indexOf('=')
      if (at <= 0) errors.push({ path: 'glossary', message: `"${entry}" is not of the form French=English` })
      else glossary[entry.slice(0, at)] = entry.slice(at + 1)
    }
    if (errors.length > 0) throw new InvalidRequestError('The query string is not valid.', errors)
    const query = {
      summary: url.searchParams.get('summary') ?? undefined,
      glossary,
      second_opinion: url.searchParams.get('second_opinion') ?? undefined,
    }
    const options = validate(TranslationQuery, query, 'The query string is not valid.')
    return mediaType === 'text/html' ? { html: text, ...options } : { text, ...options }
  }

  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new InvalidRequestError(
      `The body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}.`,
    )
  }
  // The body's own key says which kind it is, so a mistake is reported against that kind.
  const isLink = typeof json === 'object' && json !== null && 'url' in json && !('text' in json)
  const detail = 'The JSON body does not match the request schema.'
  return isLink ? validate(LinkTranslationRequest, json, detail) : validate(TextTranslationRequest, json, detail)
}

function validate<T>(schema: z.ZodType<T>, value: unknown, detail: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new InvalidRequestError(
    detail,
    parsed.error.issues.map((issue) => ({
      path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
      message: issue.message,
    })),
  )
}

/** Reads the body, refusing (before and while reading) anything over `maxBytes`. */
function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  return readCapped(
    request.body,
    request.headers.get('content-length'),
    maxBytes,
    () => new PayloadTooLargeError(`The body is larger than ${maxBytes} bytes.`, { bytes: maxBytes }),
  )
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new InvalidRequestError('The body is not valid UTF-8 text.')
  }
}
