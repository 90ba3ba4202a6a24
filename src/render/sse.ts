/** Server-sent events of a translation: meta, paragraph…, summary, done | error. */

import type { PipelineEvent } from '../pipeline/translate-article'
import type { TranslationResult } from '../schemas/response'

export interface SseMessage {
  event: 'meta' | 'paragraph' | 'summary' | 'done' | 'error'
  data: string
}

/** `{id, model, paragraph_count, fr}`: `fr` lists the French paragraphs, in order, before any is translated. */
export function metaEvent(id: string, model: string, french: readonly string[]): SseMessage {
  return { event: 'meta', data: JSON.stringify({ id, model, paragraph_count: french.length, fr: french }) }
}

export function pipelineEvent(event: PipelineEvent): SseMessage {
  if (event.type === 'paragraph') return { event: 'paragraph', data: JSON.stringify(event.paragraph) }
  return { event: 'summary', data: JSON.stringify(event.summary) }
}

/** `usage`; for an article read from a page, also its `source` and which paragraphs are headline and standfirst. */
export function doneEvent(result: TranslationResult): SseMessage {
  const roles = result.paragraphs.flatMap((p) => (p.role ? [{ index: p.index, role: p.role }] : []))
  return {
    event: 'done',
    data: JSON.stringify({ usage: result.usage, ...(result.source ? { source: result.source, roles } : {}) }),
  }
}

/**
 * The problem that ends a stream. The paragraphs it carries were already sent as
 * `paragraph` events, so they are left out; `missing_paragraphs` names the rest.
 */
export function errorEvent(problem: Record<string, unknown>): SseMessage {
  const { paragraphs: _sent, ...rest } = problem
  return { event: 'error', data: JSON.stringify(rest) }
}

/** Every event of a finished result, for a result served whole (cache or joined run). */
export function resultEvents(result: TranslationResult): SseMessage[] {
  return [
    metaEvent(
      result.id,
      result.model,
      result.paragraphs.map((p) => p.fr),
    ),
    ...result.paragraphs.map((paragraph) => pipelineEvent({ type: 'paragraph', paragraph })),
    ...(result.summary ? [pipelineEvent({ type: 'summary', summary: result.summary })] : []),
    doneEvent(result),
  ]
}
