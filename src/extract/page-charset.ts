/**
 * A page's bytes to text, as a browser reads them, and never garbled. The charset is the
 * byte-order mark's, else the one the `Content-Type` declares, else a `<meta charset>` (or
 * `http-equiv` Content-Type) anywhere in the `<head>`, else UTF-8. Sites mislabel pages, so
 * the declared charset is checked against the bytes: a page "in UTF-8" whose bytes are not
 * UTF-8 is windows-1252 (what a French site's legacy text almost always is; a stray byte in
 * UTF-8 text is read so alone, the rest staying UTF-8), and a page "in
 * windows-1252" or ISO-8859-x whose bytes are valid UTF-8, accented letters included, is
 * UTF-8 (an old server default labelling every page ISO-8859-1). Either way the words reach
 * the model as the site wrote them, never with U+FFFD or "Ã©" in them.
 */

import { decodeTextBytes } from '../text/encoding'

/** The `charset` parameter of a `Content-Type` header value, lower-cased, quotes removed. */
export function charsetParameter(contentType: string): string | undefined {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1]?.toLowerCase()
}

/** Whether TextDecoder knows the label (`utf-8`, `iso-8859-1`, `latin1`, `windows-1252`…). */
export function isKnownCharset(label: string): boolean {
  return encodingOf(label) !== undefined
}

/**
 * The page's text. `headerCharset` is the charset its `Content-Type` declares (one the
 * worker does not know counts as none).
 */
export function decodePage(bytes: Uint8Array, headerCharset: string | undefined): string {
  const fromBom = bomEncoding(bytes)
  if (fromBom !== undefined) return new TextDecoder(fromBom).decode(bytes)
  const declared =
    (headerCharset !== undefined ? encodingOf(headerCharset) : undefined) ?? metaCharset(bytes) ?? 'utf-8'
  if (declared === 'utf-8') return decodeTextBytes(bytes)
  if (SINGLE_BYTE.test(declared) && hasNonAscii(bytes)) return strictUtf8(bytes) ?? decode(declared, bytes)
  return decode(declared, bytes)
}

// Legacy one-byte charsets of Latin script: text in them is almost never valid UTF-8 by chance.
const SINGLE_BYTE = /^(?:windows-125\d|iso-8859-\d+|macintosh)$/

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes)
}

function encodingOf(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    return undefined
  }
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return undefined
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80)
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c] = bytes
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8'
  if (a === 0xfe && b === 0xff) return 'utf-16be'
  if (a === 0xff && b === 0xfe) return 'utf-16le'
  return undefined
}

// Where a <meta> cannot declare anything: comments, scripts, styles and templates.
const INERT = /<!--[\s\S]*?-->|<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi
const META = /<meta\b[^>]*>/gi
const HEAD_END = /<\/head\b|<body\b/i

/**
 * The charset a `<meta>` in the page's head declares: the first `<meta charset>` or
 * `<meta http-equiv="Content-Type" content="…; charset=…">`, wherever it is in the head
 * (browsers look at the first 1,024 bytes, then re-read the page when they meet one later).
 * A UTF-16 label counts as UTF-8, as browsers read it: a page whose bytes showed the tag
 * as ASCII is not UTF-16. An unknown label counts as none.
 */
function metaCharset(bytes: Uint8Array): string | undefined {
  // windows-1252 maps every byte to one character: indexes in the text are indexes in the bytes.
  const text = new TextDecoder('windows-1252').decode(bytes)
  const end = text.search(HEAD_END)
  const head = (end < 0 ? text : text.slice(0, end)).replace(INERT, '')
  for (const [tag] of head.matchAll(META)) {
    const label =
      attribute(tag, 'charset') ??
      (attribute(tag, 'http-equiv')?.toLowerCase() === 'content-type'
        ? charsetParameter(`;${attribute(tag, 'content') ?? ''}`)
        : undefined)
    if (label === undefined) continue
    const encoding = encodingOf(label)
    if (encoding !== undefined) return encoding.startsWith('utf-16') ? 'utf-8' : encoding
  }
  return undefined
}

// One attribute of a tag and its value, quoted or not: read in turn, so that a `charset=` inside
// another attribute's value (`content="text/html; charset=…"`) is not taken for an attribute.
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g

function attribute(tag: string, name: string): string | undefined {
  const attributes = tag.replace(/^<\s*[^\s/>]+/, '')
  for (const match of attributes.matchAll(ATTRIBUTE))
    if (match[1]?.toLowerCase() === name) return (match[2] ?? match[3] ?? match[4] ?? '').trim()
  return undefined
}
