/** Segments: the units sent to the model, a paragraph or a piece of a long one. */

import { applicableGlossary, type Terms } from '../text/glossary'
import { cutParagraph } from '../text/sentences'
import { estimateTokens } from '../text/tokens'

export interface Segment {
  /** Stable within an article: `p3` for paragraph 3, `p3.1` for its second piece. */
  id: string
  paragraph: number
  piece: number
  fr: string
  /** The glossary entries that occur in `fr`: its prompt and its checks use these alone. */
  terms: Terms
}

/**
 * Turns paragraphs into segments, cutting any paragraph over `budget` estimated tokens
 * at French sentence boundaries. A paragraph's `terms` (the glossary entries it contains)
 * go with it whole; a piece keeps those it contains.
 */
export function toSegments(
  paragraphs: ReadonlyArray<{ index: number; fr: string; terms?: Terms }>,
  budget: number,
): Segment[] {
  return paragraphs.flatMap(({ index, fr, terms = [] }) => {
    const pieces = cutParagraph(fr, budget)
    return pieces.map((piece, n) => ({
      id: pieces.length === 1 ? `p${index}` : `p${index}.${n}`,
      paragraph: index,
      piece: n,
      fr: piece,
      terms: pieces.length === 1 || terms.length === 0 ? terms : applicableGlossary(Object.fromEntries(terms), piece),
    }))
  })
}

export interface BatchPlan {
  /** MIN_BATCH_TOKENS: the smallest batch worth a call of its own. */
  minTokens: number
  /** The largest batch sent in one call (beyond it, answers grow slow and fragile). */
  maxTokens: number
  /** Most segments in one batch (ids the model must keep in order). */
  maxSegments: number
  /** Model calls that can be open at once for translation (the summary takes one). */
  slots: number
  /**
   * The opening batch's size in tokens: the article's first segments get a call of their
   * own, so that the reader's first paragraph does not wait behind a long prompt.
   */
  openingTokens?: number
  /**
   * Every call a request may hold open. Past one wave of `slots` batches, the batches
   * run in waves of this many (the opening's and the summary's connections free up
   * early): full waves of smaller batches, not a second wave of a few large ones.
   */
  connections?: number
}

/**
 * Splits segments, in order, into batches: with `openingTokens`, first a small one for
 * the top of the article when its first batch would be large; then balanced ones, as
 * few as `minTokens` allows, since each call repeats the instructions; but up to
 * `slots` of them, so that all run in one wave and the article takes about as long as
 * its slowest call; more only where a batch would exceed `maxTokens` or `maxSegments`.
 *
 * @example planBatches(seedSegments, { minTokens: 600, maxTokens: 4000, maxSegments: 40, slots: 5 }) // 2 batches
 * @example // the same 2 batches: the first, about 350 tokens, starts nearly as fast as an opening would
 * planBatches(seedSegments, { minTokens: 600, maxTokens: 4000, maxSegments: 40, slots: 5, openingTokens: 150 })
 */
export function planBatches(segments: readonly Segment[], plan: BatchPlan): Segment[][] {
  if (segments.length === 0) return []
  const costs = segments.map((s) => estimateTokens(s.fr))
  const total = costs.reduce((a, b) => a + b, 0)
  // The opening: at least the first segment, and those after it that fit; worth its own
  // call (its own copy of the instructions) only when the article's first batch would
  // otherwise be larger than `minTokens`, whose prompt starts nearly as fast, and when the
  // rest of the article is at least as large again.
  if (plan.openingTokens !== undefined && plan.slots > 1 && segments.length > 1) {
    const { openingTokens: _size, ...plain } = plan
    const unopened = planBatches(segments, plain)
    const first = (unopened[0] ?? []).reduce((sum, s) => sum + estimateTokens(s.fr), 0)
    if (first <= plan.minTokens) return unopened
    let n = 1
    let opening = costs[0] as number
    while (n < segments.length - 1 && opening + (costs[n] as number) <= plan.openingTokens)
      opening += costs[n++] as number
    if (total - opening >= plan.openingTokens)
      return [segments.slice(0, n), ...planBatches(segments.slice(n), { ...plain, slots: plan.slots - 1 })]
  }
  const wanted = Math.min(Math.ceil(total / plan.minTokens), Math.max(1, plan.slots))
  const needed = Math.max(wanted, Math.ceil(total / plan.maxTokens), Math.ceil(segments.length / plan.maxSegments))
  const wave = plan.connections ?? 0
  const count = Math.min(segments.length, needed > plan.slots && wave > 0 ? Math.ceil(needed / wave) * wave : needed)
  // Each segment goes to the batch where the middle of its tokens falls: contiguous,
  // balanced by tokens, and never more than `count` batches.
  const batches: Segment[][] = Array.from({ length: count }, () => [])
  let before = 0
  segments.forEach((segment, i) => {
    const cost = costs[i] as number
    batches[Math.min(count - 1, Math.floor(((before + cost / 2) / total) * count))]?.push(segment)
    before += cost
  })
  return batches.filter((batch) => batch.length > 0)
}

/** Rejoins the translated pieces of one paragraph, in piece order. */
export function joinPieces(pieces: readonly string[]): string {
  return pieces.map((p) => p.trim()).join(' ')
}
