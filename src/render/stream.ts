/** The events of a translation, written to a server-sent-events stream as they happen. */

import type { SSEStreamingApi } from 'hono/streaming'
import { problemOf, toProblemBody } from '../http/problem'
import type { PipelineEvent } from '../pipeline/translate-article'
import type { TranslationResult } from '../schemas/response'
import { doneEvent, errorEvent, metaEvent, pipelineEvent, resultEvents, type SseMessage } from './sse'

/** The abort reason when the client goes away mid-stream. */
class ClientGone extends Error {
  override name = 'ClientGone'
}

export interface StreamOptions {
  id: string
  model: string
  paragraphCount: number
  /** The French paragraphs, sent in `meta` so that a reader sees the article before its translation. */
  french: readonly string[]
  /** Runs the pipeline, reporting each paragraph and the summary as they are ready. */
  run: (onEvent: (event: PipelineEvent) => void, signal: AbortSignal) => Promise<TranslationResult>
  /** Quoted in the problem of an `error` event. */
  requestId: string
}

/**
 * Writes `meta`, then a `paragraph` event as each paragraph is done (completion order;
 * `index` places it), `summary`, and `done`. A failure becomes an `error` event with the
 * problem object, after which the stream ends; what was sent stays valid and cached.
 * When the client disconnects, model calls that have not started are not started.
 */
export async function writeTranslationEvents(stream: SSEStreamingApi, options: StreamOptions): Promise<void> {
  const gone = new AbortController()
  stream.onAbort(() => gone.abort(new ClientGone('the client disconnected')))
  // Events arrive synchronously from the pipeline; writes are chained to keep their order.
  let writing = Promise.resolve()
  const send = (message: SseMessage) => {
    writing = writing
      .then(() => (stream.aborted ? undefined : stream.writeSSE(message)))
      .catch(() => gone.abort(new ClientGone('write failed')))
  }
  send(metaEvent(options.id, options.model, options.french))
  try {
    const result = await options.run((event) => send(pipelineEvent(event)), gone.signal)
    send(doneEvent(result))
  } catch (error) {
    if (!gone.signal.aborted) send(errorEvent(toProblemBody(problemOf(error, options.requestId), options.requestId)))
  }
  await writing
}

/** Writes a finished result as the same events: `meta`, every paragraph, `summary`, `done`. */
export async function writeResultEvents(stream: SSEStreamingApi, result: TranslationResult): Promise<void> {
  for (const message of resultEvents(result)) await stream.writeSSE(message)
}
