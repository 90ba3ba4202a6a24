/**
 * Reading a POST body: content type, content encoding (gzip, deflate), byte limit while
 * streaming (on the decompressed bytes), strict UTF-8 (a page in its charset), schema.
 */

import type { z } from 'zod'
import { charsetParameter, decodePage, isKnownCharset } from '../extract'
import { readCapped } from '../extract/read-capped'
import {
  type FieldError,
  InvalidRequestError,
  PayloadTooLargeError,
  ServiceError,
  UnsupportedMediaTypeError,
} from '../errors'
import {
  LinkTranslationRequest,
  QUERY_PARAMETERS,
  TextTranslationRequest,
  TranslationOptions,
  type TranslationRequest,
} from '../schemas/request'

export interface BodyLimits {
  maxBytes: number
  /** A `text/html` page carries far more than its article: markup, scripts, metadata. */
  maxPageBytes: number
}

/** A pasted page (`text/html`), options in the query string: the article is extracted from it. */
export type PageTranslationRequest = z.infer<typeof TranslationOptions> & { html: string }

const QUERY_DETAIL = 'The query string is not valid.'

/**
 * Parses a translation request from a `text/plain` body, a `text/html` page, or an
 * `application/json` body (`{"text": …}` or `{"url": …}`). Options may come in the query
 * string (`summary=short`, `glossary=Pékin=Beijing`, repeatable, `second_opinion=true`)
 * whatever the body; a JSON body may carry them too, but not with another value. An
 * unknown query parameter is refused rather than ignored: a misspelt option would
 * otherwise quietly do nothing. Every failure is a problem-carrying error; nothing is
 * read past the byte limit.
 */
export async function readTranslationRequest(
  request: Request,
  limits: BodyLimits,
): Promise<TranslationRequest | PageTranslationRequest> {
  const contentType = request.headers.get('content-type') ?? ''
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  const charset = charsetParameter(contentType)
  if (mediaType !== 'text/plain' && mediaType !== 'application/json' && mediaType !== 'text/html')
    throw new UnsupportedMediaTypeError(contentType)
  // A page says how it is encoded (its header, or its own <meta charset>), as a fetched one does.
  if (mediaType === 'text/html' && charset !== undefined && !isKnownCharset(charset))
    throw new UnsupportedMediaTypeError(`${contentType} (a charset the worker does not know)`)
  if (mediaType !== 'text/html' && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`${contentType} (only UTF-8 is accepted, but for a text/html page)`)
  }
  const codings = contentCodings(request.headers.get('content-encoding'))
  const query = readQueryOptions(new URL(request.url))
  const bytes = await readBytes(request, codings, mediaType === 'text/html' ? limits.maxPageBytes : limits.maxBytes)
  const text = mediaType === 'text/html' ? decodePage(bytes, charset) : decodeUtf8(bytes)

  if (mediaType === 'text/plain' || mediaType === 'text/html') {
    const options = validate(TranslationOptions, query, QUERY_DETAIL)
    if (mediaType === 'text/html') return { html: text, ...options }
    const misplaced = misplacedText(text)
    if (misplaced) throw new InvalidRequestError(`The body is ${misplaced.what}: ${misplaced.plain}`)
    return { text, ...options }
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
  const body = withQueryOptions(json, query)
  const detail = 'The JSON body does not match the request schema.'
  if (isLink) return validate(LinkTranslationRequest, body, detail)
  // Both given: say so, rather than call `url` an unknown key of a text request.
  if (isRecord(body) && Object.hasOwn(body, 'url')) {
    const { url: _url, ...text } = body
    return validate(TextTranslationRequest, text, detail, [
      { path: 'url', message: 'send either `text` (the article) or `url` (a link to it), not both' },
    ])
  }
  const textRequest = validate(TextTranslationRequest, body, detail)
  const misplaced = misplacedText(textRequest.text)
  if (misplaced)
    throw new InvalidRequestError(`The text is ${misplaced.what}.`, [{ path: 'text', message: misplaced.json }])
  return textRequest
}

// A whole page (its doctype first, or <html> first with a head, a body or its end tag) and a lone
// link are not an article's text; an article that opens on the word "<html>" is.
const DOCTYPE = /^\s*<!doctype\s+html\b/i
const HTML_FIRST = /^\s*<html[\s>]/i
const PAGE_PART = /<(?:head|body)[\s>]|<\/html\s*>/i
const LONE_LINK = /^\s*(?:https?:\/\/|www\.)\S+\s*$/i

/**
 * What the text is when it is not an article but what the worker reads another way: a
 * whole HTML page (sent as text/html, its article is extracted) or only a link (sent as
 * `url`, the page is fetched). Refused rather than reinterpreted: the content type says
 * what the body is, and translating markup or a link would cost a model call for nothing.
 */
function misplacedText(text: string): { what: string; plain: string; json: string } | undefined {
  if (DOCTYPE.test(text) || (HTML_FIRST.test(text) && PAGE_PART.test(text)))
    return {
      what: 'a whole HTML page',
      plain:
        'send it with Content-Type: text/html and the worker extracts its article, ' +
        'or send its link as {"url": "…"}, or only the article\'s text.',
      json: "this is a whole HTML page: post it as text/html, or send its link as `url`, or only the article's text",
    }
  if (LONE_LINK.test(text))
    return {
      what: 'only a link',
      plain:
        'send it as JSON, {"url": "…"} (Content-Type: application/json), and the worker fetches the page ' +
        "and translates its article; or send the article's text.",
      json:
        'this is only a link: send it as `url` ({"url": "…"}) and the worker fetches the page ' +
        "(on the reading page, paste it in the link field), or send the article's text",
    }
  return undefined
}

/**
 * The options the query string gives, in the JSON body's shape (`second_opinion` a
 * boolean, `glossary` an object), only those it names. Refuses an unknown parameter, a
 * glossary entry not of the form French=English, and an option given twice differently.
 */
function readQueryOptions(url: URL): Record<string, unknown> {
  const params = url.searchParams
  const errors: FieldError[] = []
  for (const name of new Set(params.keys())) {
    if (!(QUERY_PARAMETERS as readonly string[]).includes(name))
      errors.push({ path: shorten(name), message: unknownParameter(name) })
  }
  const options: Record<string, unknown> = {}
  for (const name of ['summary', 'second_opinion'] as const) {
    const values = [...new Set(params.getAll(name))]
    if (values.length > 1) errors.push({ path: name, message: `given ${values.length} different values: give it once` })
    const value = values[0]
    if (value === undefined) continue
    if (name === 'summary') options.summary = value
    else if (value === 'true' || value === 'false') options.second_opinion = value === 'true'
    else errors.push({ path: name, message: 'second_opinion must be true or false' })
  }
  const entries = params.getAll('glossary')
  if (entries.length > 0) {
    const glossary = new Map<string, string>()
    for (const entry of entries) {
      const at = entry.indexOf('=')
      const [term, rendering] = [entry.slice(0, at), entry.slice(at + 1)]
      if (at <= 0) errors.push({ path: 'glossary', message: `"${shorten(entry)}" is not of the form French=English` })
      else if (glossary.has(term) && glossary.get(term) !== rendering)
        errors.push({
          path: `glossary.${shorten(term)}`,
          message: 'given two different renderings: give the term once',
        })
      else glossary.set(term, rendering)
    }
    // fromEntries makes every term an own property, `__proto__` included, as JSON.parse does.
    options.glossary = Object.fromEntries(glossary)
  }
  if (errors.length > 0) throw new InvalidRequestError(QUERY_DETAIL, errors)
  return options
}

function unknownParameter(name: string): string {
  const near = QUERY_PARAMETERS.find((known) => editDistance(name.toLowerCase(), known) <= 2)
  return (
    `unknown query parameter${near ? ` (did you mean ${near}?)` : ''}: ` +
    `this route takes ${QUERY_PARAMETERS.slice(0, -1).join(', ')} and ${QUERY_PARAMETERS.at(-1)}`
  )
}

/** Levenshtein distance, for the parameter a misspelt one was meant to be. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    previous = row
  }
  return previous[b.length] ?? 0
}

/**
 * The JSON body with the query string's options added. An option both give must have
 * the same value (a glossary term the same rendering): a request that says two things is
 * refused rather than one of them silently chosen.
 */
function withQueryOptions(body: unknown, query: Record<string, unknown>): unknown {
  if (Object.keys(query).length === 0 || !isRecord(body)) return body
  const merged: Record<string, unknown> = { ...body }
  const errors: FieldError[] = []
  for (const [name, value] of Object.entries(query)) {
    const given = body[name]
    if (!Object.hasOwn(body, name)) merged[name] = value
    else if (name === 'glossary' && isRecord(given) && isRecord(value)) {
      const glossary: Record<string, unknown> = { ...given }
      for (const [term, rendering] of Object.entries(value)) {
        if (!Object.hasOwn(glossary, term)) Object.defineProperty(glossary, term, ownProperty(rendering))
        else if (!sameOption(glossary[term], rendering))
          errors.push({ path: `glossary.${shorten(term)}`, message: disagree(glossary[term], rendering) })
      }
      merged.glossary = glossary
    } else if (!sameOption(given, value)) errors.push({ path: name, message: disagree(given, value) })
  }
  if (errors.length > 0) {
    throw new InvalidRequestError(
      'The JSON body and the query string give an option different values: give each option in one place.',
      errors,
    )
  }
  return merged
}

/** The same value, as the schema reads it (strings trimmed). */
function sameOption(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b
}

function disagree(body: unknown, query: unknown): string {
  const shown = (value: unknown) => shorten(JSON.stringify(value) ?? String(value))
  return `the JSON body gives ${shown(body)} and the query string ${shown(query)}`
}

const ownProperty = (value: unknown): PropertyDescriptor => ({
  value,
  enumerable: true,
  writable: true,
  configurable: true,
})

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function validate<T>(schema: z.ZodType<T>, value: unknown, detail: string, found: FieldError[] = []): T {
  const parsed = schema.safeParse(value)
  const issues = parsed.success ? [] : parsed.error.issues.flatMap(fieldErrors)
  const errors = [...found, ...prototypeTermErrors(value), ...issues]
  if (parsed.success && errors.length === 0) return parsed.data
  throw new InvalidRequestError(detail, errors)
}

/**
 * A zod issue in our words: a glossary term's own message rather than the record's
 * "Invalid key in record", and paths whose long keys are shortened, so that a 5,000-character
 * term is not echoed back whole.
 */
function fieldErrors(issue: z.core.$ZodIssue): FieldError[] {
  const path = issue.path.length > 0 ? issue.path.map((key) => shorten(String(key))).join('.') : '(root)'
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => ({ path, message: inner.message }))
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${shorten(key)}"`)
    return [{ path, message: `Unrecognized ${keys.length === 1 ? 'key' : 'keys'}: ${keys.join(', ')}` }]
  }
  return [{ path, message: issue.message }]
}

const LONGEST_KEY_SHOWN = 40

/** A key as a path shows it: quoted when blank, cut after 40 characters. */
function shorten(key: string): string {
  if (key.trim() === '') return JSON.stringify(key)
  return key.length > LONGEST_KEY_SHOWN ? `${key.slice(0, LONGEST_KEY_SHOWN)}…` : key
}

/**
 * zod leaves a `__proto__` key out of a record (assigning it would change the object's
 * prototype), so `{"__proto__": 5}`, which JSON.parse makes an own property, would pass
 * unseen. No French term is spelt so: it is refused, whatever its rendering.
 */
function prototypeTermErrors(value: unknown): FieldError[] {
  const glossary = isRecord(value) ? value.glossary : undefined
  return isRecord(glossary) && Object.hasOwn(glossary, '__proto__')
    ? [{ path: 'glossary.__proto__', message: '"__proto__" is not a glossary term' }]
    : []
}

/** A `Content-Encoding` the worker cannot undo (`br`, `zstd`, `compress`…). */
class UnsupportedContentEncodingError extends ServiceError {
  constructor(coding: string) {
    super({
      type: 'unsupported-media-type',
      title: 'Unsupported content encoding',
      status: 415,
      detail:
        `The body is compressed with ${coding.slice(0, 40)}, which the worker cannot decompress: ` +
        'send it uncompressed, or compressed with gzip or deflate.',
      headers: { 'Accept-Encoding': 'gzip, deflate' },
    })
  }
}

type Coding = 'gzip' | 'deflate'
const CODINGS: Record<string, Coding> = { gzip: 'gzip', 'x-gzip': 'gzip', deflate: 'deflate' }

/**
 * The codings applied to the body, in the order they were applied (`identity` means none).
 * Refuses one the worker cannot undo. `deflate` is the zlib format, as HTTP defines it.
 */
function contentCodings(header: string | null): Coding[] {
  const names = (header ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'identity')
  return names.map((name) => {
    const coding = CODINGS[name]
    if (coding === undefined) throw new UnsupportedContentEncodingError(name)
    return coding
  })
}

/**
 * Reads the body, decompressed as its codings say, refusing anything over `maxBytes`:
 * before reading when its declared length is over, and while reading (decompressed bytes
 * counted, so a small zip bomb stops at the limit). A body that is not in the coding it
 * is labelled with is a 400 saying so.
 */
async function readBytes(request: Request, codings: Coding[], maxBytes: number): Promise<Uint8Array> {
  const compressed = codings.length > 0
  const tooLarge = () =>
    new PayloadTooLargeError(`The body is larger than ${maxBytes} bytes${compressed ? ' once decompressed' : ''}.`, {
      bytes: maxBytes,
    })
  if (!compressed) return readCapped(request.body, request.headers.get('content-length'), maxBytes, tooLarge)
  let body = request.body
  for (const coding of codings.toReversed()) body = body?.pipeThrough(new DecompressionStream(coding)) ?? null
  try {
    return await readCapped(body, null, maxBytes, tooLarge)
  } catch (error) {
    if (error instanceof ServiceError) throw error
    const label = codings.join(', ')
    throw new InvalidRequestError(
      `The body is labelled Content-Encoding: ${label} but is not ${label} data ` +
        '(it is corrupt, cut short, or not compressed at all): send it as it is, without Content-Encoding.',
    )
  }
}

/**
 * Text typed or pasted is UTF-8; a body that is not is refused rather than guessed at, with
 * what to do: a gzip body without its Content-Encoding, or a legacy file to convert.
 */
function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b
    throw new InvalidRequestError(
      gzip
        ? 'The body is not valid UTF-8 text: it looks gzip-compressed; send it with Content-Encoding: gzip.'
        : 'The body is not valid UTF-8 text: convert it to UTF-8 (a windows-1252 or Latin-1 file: ' +
            'iconv -f windows-1252 -t utf-8), or pick the file on the reading page, which reads either.',
    )
  }
}
