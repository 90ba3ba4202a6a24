/** Segments: the units sent to the model, a paragraph or a piece of a long one. */

import { applicableGlossary, type Terms } from '../text/glossary'
import { cutPieces } from '../text/sentences'
import { estimateTokens } from '../text/tokens'

export interface Segment {
  /** Stable within an article: `p3` for paragraph 3, `p3.1` for its second piece. */
  id: string
  paragraph: number
  piece: number
  fr: string
  /** The glossary entries that occur in `fr`: its prompt and its checks use these alone. */
  terms: Terms
  /** A piece cut inside a word longer than a batch: it continues the piece before without a space. */
  glued?: true
}

/**
 * Turns paragraphs into segments, cutting any paragraph over `budget` estimated tokens
 * at French sentence boundaries (at word boundaries, or inside a word, where a sentence or a
 * word is over the budget itself): no segment is over the budget. A paragraph's `terms`
 * (the glossary entries it contains) go with it whole; a piece keeps those it contains.
 */
export function toSegments(
  paragraphs: ReadonlyArray<{ index: number; fr: string; terms?: Terms }>,
  budget: number,
): Segment[] {
  return paragraphs.flatMap(({ index, fr, terms = [] }) => {
    const pieces = cutPieces(fr, budget)
    return pieces.map(({ text, glued }, n) => ({
      id: pieces.length === 1 ? `p${index}` : `p${index}.${n}`,
      paragraph: index,
      piece: n,
      fr: text,
      terms: pieces.length === 1 || terms.length === 0 ? terms : applicableGlossary(Object.fromEntries(terms), text),
      ...(glued ? { glued: true as const } : {}),
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
  /**
   * When the summary's call is expected to end (see {@link callTime}), absent without a
   * summary. A connection that frees early (the opening's, the summary's) takes one more
   * batch, sized to end with the others, when that batch is worth a call.
   */
  summaryTime?: number
}

/**
 * A call's fixed time to its first token, in output tokens' time: a hosted model answers
 * after about 0.3–0.6 s and writes a token every 5–10 ms.
 */
export const CALL_LATENCY_TOKENS = 60
// Reading 1,000 prompt tokens delays the first token about as long as writing 20.
const PROMPT_READ_PER_TOKEN = 0.02

/**
 * How long a call holds its connection, in output tokens' time (the unit batches are sized in).
 *
 * @example callTime(8_000, 400) // 620: its latency, its long prompt read, its answer written
 */
export function callTime(promptTokens: number, outputTokens: number): number {
  return CALL_LATENCY_TOKENS + promptTokens * PROMPT_READ_PER_TOKEN + outputTokens
}

/**
 * How to share `total` tokens between `fresh` connections free now and connections that
 * free up at each of `later` (in output tokens' time, earliest first) so that every call ends together:
 * each fresh connection's batch size and, in `later`'s order, the batches queued behind the
 * others. A connection whose batch would be under `min` tokens is left out (not worth its
 * instructions), as are those after it.
 *
 * @example shareConnections(1_000, 2, [160], 100) // { fresh: 400, queued: [200] } (all end at 460)
 */
export function shareConnections(
  total: number,
  fresh: number,
  later: readonly number[],
  min: number,
): { fresh: number; queued: number[] } {
  // When every call ends if the fresh connections and the first `used` later ones share the total.
  const endWith = (used: number) =>
    (total +
      fresh * CALL_LATENCY_TOKENS +
      later.slice(0, used).reduce((sum, at) => sum + at + CALL_LATENCY_TOKENS, 0)) /
    (fresh + used)
  let used = 0
  while (used < later.length && endWith(used + 1) - (later[used] as number) - CALL_LATENCY_TOKENS >= min) used++
  const end = endWith(used)
  const taken = later.slice(0, used)
  return { fresh: end - CALL_LATENCY_TOKENS, queued: taken.map((at) => end - at - CALL_LATENCY_TOKENS) }
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
  return planCalls(segments, plan).batches
}

/** The early calls a batch may be queued behind: it starts when that call ends. */
export type EarlyCall = 'opening' | 'summary'

export interface CallPlan {
  batches: Segment[][]
  /** Batches (by index) that start when the named early call ends, not at once. */
  behind: ReadonlyMap<number, EarlyCall>
}

/** {@link planBatches}, with the batches queued behind the opening's or the summary's call. */
export function planCalls(segments: readonly Segment[], plan: BatchPlan): CallPlan {
  const none = new Map<number, EarlyCall>()
  if (segments.length === 0) return { batches: [], behind: none }
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
    if (first <= plan.minTokens) return { batches: unopened, behind: none }
    let n = 1
    let opening = costs[0] as number
    while (n < segments.length - 1 && opening + (costs[n] as number) <= plan.openingTokens)
      opening += costs[n++] as number
    if (total - opening >= plan.openingTokens) {
      const rest = segments.slice(n)
      const fresh = { ...plain, slots: plan.slots - 1 }
      const planned = planBatches(rest, fresh)
      // The opening's connection frees at once, the summary's soon: each takes one more batch
      // of the article's end, where that makes the whole end sooner by more than a call is worth.
      // Each such batch ends a retry's time before the others: should a paragraph be doubtful,
      // its retry alone takes that connection then, and ends with the rest.
      const retry = callTime((3 * total) / segments.length, total / segments.length)
      const early: Array<{ call: EarlyCall; at: number }> = [
        { call: 'opening' as const, at: callTime(0, opening) + retry },
        ...(plan.summaryTime === undefined ? [] : [{ call: 'summary' as const, at: plan.summaryTime + retry }]),
      ].sort((a, b) => a.at - b.at)
      const queued = planned.length === fresh.slots ? queueBehind(rest, costs.slice(n), fresh, early) : undefined
      return {
        batches: [segments.slice(0, n), ...(queued?.batches ?? planned)],
        // Batch 0 is the opening: the queued ones come after the wave, in `early`'s order.
        behind: new Map((queued?.behind ?? []).map((call, i) => [1 + fresh.slots + i, call])),
      }
    }
  }
  const wanted = Math.min(Math.ceil(total / plan.minTokens), Math.max(1, plan.slots))
  const needed = Math.max(wanted, Math.ceil(total / plan.maxTokens), Math.ceil(segments.length / plan.maxSegments))
  const wave = plan.connections ?? 0
  const count = Math.min(segments.length, needed > plan.slots && wave > 0 ? Math.ceil(needed / wave) * wave : needed)
  // Each segment goes to the batch where the middle of its tokens falls: contiguous,
  // balanced by tokens, and never more than `count` batches.
  const batches = cut(
    segments,
    costs,
    Array.from({ length: count }, () => total / count),
  )
  return { batches, behind: none }
}

/**
 * One wave of `plan.slots` batches of the article's top, and behind the calls that end at
 * each of `early`, the batches of its end that make them all end together; undefined
 * where no early connection is worth a batch, or a batch would break the plan's limits.
 */
function queueBehind(
  segments: readonly Segment[],
  costs: readonly number[],
  plan: BatchPlan,
  early: ReadonlyArray<{ call: EarlyCall; at: number }>,
): { batches: Segment[][]; behind: EarlyCall[] } | undefined {
  const total = costs.reduce((a, b) => a + b, 0)
  const { fresh, queued } = shareConnections(
    total,
    plan.slots,
    early.map((e) => e.at),
    plan.minTokens,
  )
  if (queued.length === 0) return undefined
  const batches = fill(segments, costs, [...Array.from({ length: plan.slots }, () => fresh), ...queued])
  const fits = batches.every(
    (batch) =>
      batch.length <= plan.maxSegments && batch.reduce((sum, s) => sum + estimateTokens(s.fr), 0) <= plan.maxTokens,
  )
  if (!fits || batches.length !== plan.slots + queued.length) return undefined
  return { batches, behind: early.slice(0, queued.length).map((e) => e.call) }
}

/**
 * Fills batches of at most `sizes` tokens, in order, with segments in order, each batch as
 * full as it takes: the smallest excess over every size (the same for all, as their calls
 * end together) that fits the whole article, found by bisection. A paragraph does not
 * split, so the batches cannot match the sizes exactly; this keeps the latest end earliest.
 */
function fill(segments: readonly Segment[], costs: readonly number[], sizes: readonly number[]): Segment[][] {
  const place = (excess: number): Segment[][] | undefined => {
    const batches: Segment[][] = sizes.map(() => [])
    let at = 0
    let used = 0
    for (let i = 0; i < segments.length; i++) {
      const cost = costs[i] as number
      while (at < sizes.length && used > 0 && used + cost > (sizes[at] as number) + excess) {
        at++
        used = 0
      }
      if (at === sizes.length) return undefined
      batches[at]?.push(segments[i] as Segment)
      used += cost
    }
    return batches
  }
  let low = -Math.min(...sizes)
  let high = Math.max(...costs)
  for (let step = 0; step < 30; step++) {
    const middle = (low + high) / 2
    if (place(middle)) high = middle
    else low = middle
  }
  return (place(high) ?? cut(segments, costs, sizes)).filter((batch) => batch.length > 0)
}

/**
 * Cuts segments, in order, into batches of about `sizes` tokens: each segment goes to the
 * batch where the middle of its tokens falls, so batches stay contiguous and balanced.
 */
function cut(segments: readonly Segment[], costs: readonly number[], sizes: readonly number[]): Segment[][] {
  const total = sizes.reduce((a, b) => a + b, 0)
  const scale = costs.reduce((a, b) => a + b, 0) / total
  const ends: number[] = []
  let sum = 0
  for (const size of sizes) {
    sum += size * scale
    ends.push(sum)
  }
  const batches: Segment[][] = sizes.map(() => [])
  let before = 0
  let at = 0
  segments.forEach((segment, i) => {
    const cost = costs[i] as number
    const middle = before + cost / 2
    while (at < ends.length - 1 && middle >= (ends[at] as number)) at++
    batches[at]?.push(segment)
    before += cost
  })
  return batches.filter((batch) => batch.length > 0)
}

/**
 * Rejoins the translated pieces of one paragraph, in piece order: with a space, but for a
 * piece its segment marks `glued` (the rest of a word cut in two), which follows with none.
 */
export function joinPieces(pieces: readonly string[], segments: ReadonlyArray<Pick<Segment, 'glued'>> = []): string {
  return pieces.map((p, i) => (i === 0 ? '' : segments[i]?.glued ? '' : ' ') + p.trim()).join('')
}
