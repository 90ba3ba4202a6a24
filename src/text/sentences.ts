/** French sentence boundaries, for cutting a paragraph too long for one model call. */

import { estimateTokens } from './tokens'

// Words that end with a full stop without ending the sentence: civilities, titles and
// common abbreviations of French news copy. Compared without case.
const ABBREVIATIONS = new Set([
  'm',
  'mm',
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'dr',
  'pr',
  'me',
  'mgr',
  'st',
  'ste',
  'cf',
  'av',
  'bd',
  'boul',
  'ex',
  'env',
  'p',
  'pp',
  'vol',
  'chap',
  'fig',
  'no',
  'n°',
  'art',
  'al',
  'gén',
  'col',
  'cdt',
  'lt',
  'sgt',
  'prof',
  'j.-c',
  'apr',
  'sept',
  'oct',
  'nov',
  'déc',
  'janv',
  'févr',
  'juill',
  'tél',
  'hab',
  'min',
  'max',
  'approx',
  'dept',
  'dépt',
])

const OPENING_QUOTES = new Set(['«', '“', '‹'])
const CLOSING_QUOTES = new Set(['»', '”', '›'])
const TERMINATORS = new Set(['.', '!', '?', '…'])
const SPACE = /[\s\u00A0\u202F]/u
// What may start a new sentence: a capital, a digit, an opening quote or a dash.
const SENTENCE_START = /[\p{Lu}\d«“"‹—–-]/u

/**
 * Splits a paragraph into sentences. A sentence ends at `.`, `!`, `?` or `…` followed by
 * white space and a capital (or a quote, digit or dash), except after an abbreviation
 * ("M. Dupont", "Mme", "J.-C.") or a single initial, and never inside « … » or “ … ”:
 * a quotation ends its sentence only where the closing quote is followed by a new one.
 * Joining the result with single spaces gives back the paragraph.
 *
 * @example splitSentences('M. Dupont arrive. Il dit : « Non ! » Puis il part.')
 * // ['M. Dupont arrive.', 'Il dit : « Non ! »', 'Puis il part.']
 */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = []
  let start = 0
  let depth = 0
  let i = 0
  while (i < paragraph.length) {
    const ch = paragraph[i] as string
    if (OPENING_QUOTES.has(ch)) depth++
    else if (CLOSING_QUOTES.has(ch)) depth = Math.max(0, depth - 1)
    if (!TERMINATORS.has(ch)) {
      i++
      continue
    }
    // Take the whole run of terminators, then any closing quotes or brackets.
    let end = i + 1
    let closingDepth = depth
    while (end < paragraph.length && TERMINATORS.has(paragraph[end] as string)) end++
    for (;;) {
      let j = end
      while (j < paragraph.length && SPACE.test(paragraph[j] as string) && j - end < 2) j++
      const next = paragraph[j]
      if (next !== undefined && (CLOSING_QUOTES.has(next) || next === ')' || next === '"')) {
        if (CLOSING_QUOTES.has(next)) closingDepth = Math.max(0, closingDepth - 1)
        end = j + 1
        continue
      }
      break
    }
    let next = end
    while (next < paragraph.length && SPACE.test(paragraph[next] as string)) next++
    const follower = paragraph[next]
    const boundary = closingDepth === 0 && next > end && follower !== undefined && SENTENCE_START.test(follower)
    // Only a dot that could end a sentence is looked at as an abbreviation: cheap on any text.
    if (boundary && ch === '.' && isAbbreviation(paragraph, start, i)) {
      i++
      continue
    }
    if (boundary) {
      sentences.push(paragraph.slice(start, end).trim())
      start = next
    }
    depth = closingDepth
    i = Math.max(end, i + 1)
  }
  const rest = paragraph.slice(start).trim()
  if (rest !== '') sentences.push(rest)
  return sentences
}

// No abbreviation or run of initials is longer: looking further back would make a text
// of dots without spaces (`l.l.l.…`) cost quadratic time.
const LONGEST_ABBREVIATION = 16

function isAbbreviation(text: string, sentenceStart: number, dot: number): boolean {
  let k = dot
  const limit = Math.max(sentenceStart, dot - LONGEST_ABBREVIATION - 1)
  while (k > limit && !SPACE.test(text[k - 1] as string) && text[k - 1] !== '(') k--
  // A word longer than any abbreviation: not one.
  if (k === limit && k > sentenceStart && !SPACE.test(text[k - 1] as string) && text[k - 1] !== '(') return false
  const word = text.slice(k, dot).replace(/^[«“"'’(]+/u, '')
  if (word === '') return false
  // A single capital initial ("J. Dupont", "W. Lai") or a dotted one ("J.-C.", "U.E.").
  if (/^\p{Lu}$/u.test(word) || /^(\p{L}\.-?)+\p{L}$/u.test(word)) return true
  return ABBREVIATIONS.has(word.toLowerCase())
}

/** A piece of a paragraph; `glued` when it continues the piece before inside one unbroken word. */
export interface Piece {
  text: string
  glued: boolean
}

/**
 * Cuts a paragraph into pieces of at most `budget` estimated tokens, at sentence
 * boundaries where possible, at word boundaries for a sentence longer than the budget,
 * and inside a word (a link, a code, a run of base64) longer than the budget itself.
 * Joining the pieces with single spaces gives back the paragraph (up to the white space
 * between sentences), but for a piece cut inside a word: {@link cutPieces} says which.
 */
export function cutParagraph(paragraph: string, budget: number): string[] {
  return cutPieces(paragraph, budget).map((piece) => piece.text)
}

/** {@link cutParagraph}, each piece saying whether it continues the one before inside a word. */
export function cutPieces(paragraph: string, budget: number): Piece[] {
  if (estimateTokens(paragraph) <= budget) return [{ text: paragraph, glued: false }]
  const pieces: Piece[] = []
  let current: Piece | undefined
  const flush = () => {
    if (current !== undefined && current.text !== '') pieces.push(current)
    current = undefined
  }
  for (const sentence of splitSentences(paragraph)) {
    const units = estimateTokens(sentence) <= budget ? [{ text: sentence, glued: false }] : cutWords(sentence, budget)
    for (const unit of units) {
      const joined = current === undefined ? unit.text : `${current.text} ${unit.text}`
      // A piece of a word goes on in the next piece: never after a space.
      if (current !== undefined && !unit.glued && estimateTokens(joined) <= budget) {
        current = { text: joined, glued: current.glued }
      } else {
        flush()
        current = unit
      }
    }
  }
  flush()
  return pieces
}

function cutWords(sentence: string, budget: number): Piece[] {
  const pieces: Piece[] = []
  let current = ''
  for (const word of sentence.split(/ +/)) {
    const joined = current === '' ? word : `${current} ${word}`
    if (estimateTokens(word) > budget) {
      if (current !== '') pieces.push({ text: current, glued: false })
      // Each part but the first continues the one before it; the words after it follow a space.
      pieces.push(...cutWord(word, budget).map((text, i) => ({ text, glued: i > 0 })))
      current = ''
    } else if (current !== '' && estimateTokens(joined) > budget) {
      pieces.push({ text: current, glued: false })
      current = word
    } else {
      current = joined
    }
  }
  if (current !== '') pieces.push({ text: current, glued: false })
  return pieces
}

/** A word over the budget in parts of the budget's length, never halving a character beyond the Basic Plane. */
function cutWord(word: string, budget: number): string[] {
  const parts: string[] = []
  let start = 0
  while (start < word.length) {
    let end = Math.min(word.length, start + Math.max(1, Math.floor(budget * 3.6)))
    while (end - start > 1 && estimateTokens(word.slice(start, end)) > budget) end--
    const code = word.charCodeAt(end - 1)
    if (end < word.length && end - start > 1 && code >= 0xd800 && code <= 0xdbff) end--
    parts.push(word.slice(start, end))
    start = end
  }
  return parts
}
