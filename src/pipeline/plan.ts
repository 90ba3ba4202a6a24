/**
 * Plan: from the article and what the cache holds, the work left to do — which
 * paragraphs are hits, which identical paragraphs share one translation, the segments
 * sent to the model and their batches. Pure: the cache lookup happens before.
 */

import type { CachedParagraph } from '../cache/kv-cache'
import type { Terms } from '../text/glossary'
import { isEnglishParagraph } from '../text/language'
import { type BatchPlan, type EarlyCall, planCalls, type Segment, toSegments } from './segments'

export interface PlanInput {
  paragraphs: readonly string[]
  /** Each paragraph's cache key, by index (identical paragraphs share a key). */
  keys: readonly string[]
  /** What the cache holds, by key. */
  cached: ReadonlyMap<string, CachedParagraph>
  /** Each paragraph's glossary entries, by index (none when absent). */
  terms?: readonly Terms[]
}

export interface WorkPlan {
  paragraphs: readonly string[]
  keys: readonly string[]
  /** Paragraphs served from the cache, by index. */
  hits: Map<number, CachedParagraph>
  /** Paragraphs already in English: kept as they are, never sent to the model. */
  english: ReadonlySet<number>
  /** Paragraphs to translate, grouped by key: the first index is translated for all. */
  misses: Map<string, number[]>
  segments: Segment[]
  /** The segments, in batches for one wave of calls. */
  batches: Segment[][]
  /** Batches (by index) that start when the opening's or the summary's call ends. */
  behind: ReadonlyMap<number, EarlyCall>
}

/**
 * @example planWork({ paragraphs: ['Bonjour.', 'Bonjour.'], keys: ['k', 'k'], cached: new Map() }, plan)
 * // one miss group k → [0, 1], one segment p0, one batch
 */
export function planWork(input: PlanInput, plan: BatchPlan & { segmentTokens: number }): WorkPlan {
  const hits = new Map<number, CachedParagraph>()
  const misses = new Map<string, number[]>()
  const english = new Set<number>()
  input.paragraphs.forEach((text, index) => {
    if (isEnglishParagraph(text)) {
      english.add(index)
      return
    }
    const key = input.keys[index] as string
    const hit = input.cached.get(key)
    if (hit) hits.set(index, hit)
    else misses.set(key, [...(misses.get(key) ?? []), index])
  })
  const representatives = [...misses.values()].map((indexes) => indexes[0] as number)
  const segments = toSegments(
    representatives.map((index) => ({
      index,
      fr: input.paragraphs[index] as string,
      terms: input.terms?.[index] ?? [],
    })),
    plan.segmentTokens,
  )
  return {
    paragraphs: input.paragraphs,
    keys: input.keys,
    hits,
    english,
    misses,
    segments,
    ...planCalls(segments, plan),
  }
}

/** The French around a segment, sent as read-only context when it is retried alone. */
export interface Neighbours {
  before?: string
  after?: string
}

/**
 * The previous and next French text of `segment`: the neighbouring piece of the same
 * paragraph, or else the neighbouring paragraph of the article.
 */
export function neighboursOf(work: WorkPlan, segment: Segment): Neighbours {
  const pieces = work.segments.filter((s) => s.paragraph === segment.paragraph)
  const before =
    pieces.find((s) => s.piece === segment.piece - 1)?.fr ??
    (segment.piece === 0 ? work.paragraphs[segment.paragraph - 1] : undefined)
  const after =
    pieces.find((s) => s.piece === segment.piece + 1)?.fr ??
    (segment.piece === pieces.length - 1 ? work.paragraphs[segment.paragraph + 1] : undefined)
  return { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }
}
