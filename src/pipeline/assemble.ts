/**
 * Assemble: segment texts back into paragraphs as they arrive, each complete paragraph
 * given to every identical paragraph of the article, with the cache write it deserves.
 * Pure: the caller performs the writes and sends the paragraphs.
 */

import type { CachedParagraph } from '../cache/kv-cache'
import type { TranslatedParagraph } from '../schemas/response'
import type { WorkPlan } from './plan'
import { joinPieces, type Segment } from './segments'

/** A segment's final English, with the doubts it is served with. */
export interface SegmentText {
  id: string
  en: string
  warnings?: string[]
  /** Served but not stored: the second opinion asked for could not be had. */
  uncached?: boolean
  /** Shaped by more than its own text and glossary (see src/cache/trust.ts): kept in the caller's scope. */
  private?: boolean
}

export interface CacheWrite {
  key: string
  value: CachedParagraph
  /** Not to be shared beyond the caller's scope: a piece was marked `private`. */
  private?: boolean
}

export interface Assembled {
  /** Paragraphs this call completed (every index that shares their text). */
  paragraphs: TranslatedParagraph[]
  writes: CacheWrite[]
}

export interface Assembly {
  /** Takes segment texts; returns what they complete. */
  take(texts: readonly SegmentText[]): Assembled
  /** Every paragraph translated so far (hits included), in article order. */
  done(): TranslatedParagraph[]
  /** Indexes of the paragraphs not translated yet, ascending. */
  missing(): number[]
}

export function createAssembly(work: WorkPlan): Assembly {
  const result: Array<TranslatedParagraph | undefined> = work.paragraphs.map((fr, index) => {
    if (work.english.has(index)) return { index, fr, en: fr, cache: 'miss', language: 'en' }
    const hit = work.hits.get(index)
    return hit
      ? { index, fr, en: hit.en, cache: 'hit', ...(hit.warnings ? { warnings: hit.warnings } : {}) }
      : undefined
  })
  const segmentById = new Map(work.segments.map((s) => [s.id, s]))
  const piecesOf = new Map<number, Segment[]>()
  for (const s of work.segments) piecesOf.set(s.paragraph, [...(piecesOf.get(s.paragraph) ?? []), s])
  const texts = new Map<string, SegmentText>()

  return {
    take(arrived) {
      const touched = new Set<number>()
      for (const text of arrived) {
        const segment = segmentById.get(text.id)
        if (!segment || texts.has(text.id)) continue
        texts.set(text.id, text)
        touched.add(segment.paragraph)
      }
      const assembled: Assembled = { paragraphs: [], writes: [] }
      for (const index of touched) {
        const segments = piecesOf.get(index) ?? []
        const pieces = segments.map((s) => texts.get(s.id))
        if (pieces.some((p) => p === undefined)) continue
        const done = pieces as SegmentText[]
        const en = joinPieces(
          done.map((p) => p.en),
          segments,
        )
        const warnings = done.flatMap((p) => p.warnings ?? [])
        const key = work.keys[index] as string
        const value: CachedParagraph = warnings.length > 0 ? { en, warnings } : { en }
        if (!done.some((p) => p.uncached))
          assembled.writes.push({ key, value, ...(done.some((p) => p.private) ? { private: true } : {}) })
        for (const same of work.misses.get(key) ?? [index]) {
          const paragraph: TranslatedParagraph = {
            index: same,
            fr: work.paragraphs[same] as string,
            en,
            cache: 'miss',
            ...(value.warnings ? { warnings: value.warnings } : {}),
          }
          result[same] = paragraph
          assembled.paragraphs.push(paragraph)
        }
      }
      return assembled
    },
    done: () => result.filter((p): p is TranslatedParagraph => p !== undefined),
    missing: () => result.flatMap((p, index) => (p === undefined ? [index] : [])),
  }
}
