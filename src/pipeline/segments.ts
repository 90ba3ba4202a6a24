/** Segments: the units sent to the model, a paragraph or a piece of a long one. */

import { cutParagraph } from './sentences'
import { estimateTokens } from './tokens'

export interface Segment {
  /** Stable within an article: `p3` for paragraph 3, `p3.1` for its second piece. */
  id: string
  paragraph: number
  piece: number
  fr: string
}

/**
 * Turns paragraphs into segments, cutting any paragraph over `budget` estimated tokens
 * at French sentence boundaries.
 */
export function toSegments(paragraphs: ReadonlyArray<{ index: number; fr: string }>, budget: number): Segment[] {
  return paragraphs.flatMap(({ index, fr }) => {
    const pieces = cutParagraph(fr, budget)
    return pieces.map((piece, n) => ({
      id: pieces.length === 1 ? `p${index}` : `p${index}.${n}`,
      paragraph: index,
      piece: n,
      fr: piece,
    }))
  })
}

/**
 * Packs segments, in order, into batches of at most `budget` estimated tokens each and
 * at most `maxSegments` segments. A segment is never split here (`toSegments` already
 * made each fit), so every batch holds at least one.
 */
export function batchSegments(segments: readonly Segment[], budget: number, maxSegments = 24): Segment[][] {
  const batches: Segment[][] = []
  let current: Segment[] = []
  let tokens = 0
  for (const segment of segments) {
    const cost = estimateTokens(segment.fr)
    if (current.length > 0 && (tokens + cost > budget || current.length >= maxSegments)) {
      batches.push(current)
      current = []
      tokens = 0
    }
    current.push(segment)
    tokens += cost
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Rejoins the translated pieces of one paragraph, in piece order. */
export function joinPieces(pieces: readonly string[]): string {
  return pieces.map((p) => p.trim()).join(' ')
}
