/** The text/event-stream answer to POST /v1/translations: a paragraph as each is ready. */

import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../app-env'
import { problemOf, toProblemBody } from '../http/problem'
import { servedFromCache } from '../pipeline/produce-result'
import type { PipelineEvent } from '../pipeline/translate-article'
import { doneEvent, errorEvent, metaEvent, pipelineEvent, resultEvents, type SseMessage } from './sse'
import type { TranslationResult } from '../schemas/response'

/** The abort reason when the client goes away mid-stream. */
class ClientGone extends Error {
  override name = 'ClientGone'
}

export interface StreamOptions {
  id: string
  model: string
  paragraphCount: number
  /** The stored result, when the whole request is a cache hit. */
  stored: TranslationResult | undefined
  /** Runs the pipeline, reporting each paragraph and the summary as they are ready. */
  run: (onEvent: (event: PipelineEvent) => void, signal: AbortSignal) => Promise<TranslationResult>
}

/**
 * Streams `meta`, then a `paragraph` event as each paragraph is done (completion order;
 * `index` places it), `summary`, and `done`. A failure becomes an `error` event with the
 * problem object, after which the stream ends; what was sent stays valid and cached.
 * When the client disconnects, model calls that have not started are not started.
 */
export function streamTranslation(c: Context<AppEnv>, options: StreamOptions): Response {
  c.header('Location', `/v1/translations/${options.id}`)
  c.header('Cache-Status', options.stored ? 'passage; hit' : 'passage; fwd=miss')
  c.header('X-Accel-Buffering', 'no')
  const requestId = c.get('requestId')
  return streamSSE(c, async (stream) => {
    if (options.stored) {
      for (const message of resultEvents(servedFromCache(options.stored))) await stream.writeSSE(message)
      return
    }
    const gone = new AbortController()
    stream.onAbort(() => gone.abort(new ClientGone('the client disconnected')))
    // Events arrive synchronously from the pipeline; writes are chained to keep their order.
    let writing = Promise.resolve()
    const send = (message: SseMessage) => {
      writing = writing
        .then(() => (stream.aborted ? undefined : stream.writeSSE(message)))
        .catch(() => gone.abort(new ClientGone('write failed')))
    }
    send(metaEvent(options.id, options.model, options.paragraphCount))
    try {
      const result = await options.run((event) => send(pipelineEvent(event)), gone.signal)
      send(doneEvent(result))
    } catch (error) {
      if (!gone.signal.aborted) send(errorEvent(toProblemBody(problemOf(error, requestId), requestId)))
    }
    await writing
  })
}
