/** What every model call of a request shares, the call itself, and the summary call. */

import type { ChatRequest, ChatResult, ModelClient } from '../model/client'
import { checkSummary } from '../fidelity/checks'
import { ModelHttpError, ModelOutputError } from '../model/errors'
import { type RetryOptions, withRetries } from '../model/with-retries'
import type { Prompts } from '../prompts'
import { SummaryOutput, toResponseSchema } from '../schemas/model-output'
import { type Glossary, SUMMARY_SENTENCES, type SummaryLength } from '../schemas/request'
import type { Summary } from '../schemas/response'
import type { Limit } from './limit'

const SUMMARY_SCHEMA = toResponseSchema(SummaryOutput)

export interface UsageMeter {
  calls: number
  inputTokens: number
  outputTokens: number
  /** Some call's provider reported no usage: the token counts are partly estimates. */
  estimated?: boolean
}

export interface CallContext {
  model: ModelClient
  prompts: Prompts
  retry: RetryOptions
  attemptTimeoutMs: number
  /**
   * Shared by every call of one request: at most MODEL_CONCURRENCY calls open, fewer while
   * the provider refuses calls for its rate (429), and at most six waiting for headers.
   */
  limit: Limit
  /** The call takes only a connection left idle (`limit.later`): the retry of one doubtful paragraph. */
  later?: boolean
  usage: UsageMeter
}

/**
 * A summary's faults of shape, and its doubts about names (an English name may translate a
 * French one the checks cannot trace): asked for once more, then let pass.
 */
const SHAPE_FAULTS = new Set(['wrong-length', 'key-points', 'glossary', 'invented-name', 'languages-disagree'])

/**
 * Summarises the article in English and French, in about `SUMMARY_SENTENCES[length]`
 * sentences, with `glossary`: the entries that occur in the article.
 */
export async function summariseArticle(
  ctx: CallContext,
  paragraphs: readonly string[],
  length: Exclude<SummaryLength, 'none'>,
  glossary: Glossary,
): Promise<Summary> {
  const sentences = SUMMARY_SENTENCES[length]
  const request: ChatRequest = {
    system: ctx.prompts.summarise,
    user: JSON.stringify({ sentences, glossary, article: paragraphs }),
    schemaName: 'summary',
    schema: SUMMARY_SCHEMA,
    // The summary in two languages, and up to five key points in two languages with their citations.
    maxOutputTokens: 200 + sentences * 2 * 60 + 5 * 2 * 50,
  }
  // After an answer refused for its shape alone (sentences, number of key points, a glossary
  // rendering) or for its names, the next answer is served with its shape and names as they are;
  // after any other failure (a refusal, a 429, a timeout) the next answer is checked in full.
  let shapeRefused = false
  return withRetries(async () => {
    const result = await call(ctx, request)
    const lenient = shapeRefused
    shapeRefused = false
    try {
      return checkSummary(result, paragraphs, length, glossary, lenient)
    } catch (error) {
      shapeRefused = error instanceof ModelOutputError && SHAPE_FAULTS.has(error.reason)
      throw error
    }
  }, ctx.retry)
}

/**
 * One attempt, inside the request's connection limit, counted in its usage. With
 * `onItem`, the answer streams and each object of its array is handed over as it closes.
 * The call stops counting among those waiting for headers once its answer's headers arrive.
 */
export async function call(
  ctx: CallContext,
  request: ChatRequest,
  onItem?: (item: unknown, index: number) => void,
): Promise<ChatResult> {
  return (ctx.later ? ctx.limit.later : ctx.limit)(async (headers) => {
    ctx.retry.signal.throwIfAborted()
    ctx.usage.calls++
    let result: ChatResult
    try {
      result = await ctx.model.complete(request, {
        signal: ctx.retry.signal,
        timeoutMs: ctx.attemptTimeoutMs,
        onHeaders: headers,
        ...(onItem ? { onItem } : {}),
      })
    } catch (error) {
      // Refused for the provider's rate: this request keeps fewer calls open from now on.
      if (error instanceof ModelHttpError && error.status === 429) ctx.limit.narrow()
      // An answer thrown away (a refusal) was still paid for.
      if (error instanceof ModelOutputError && error.spent) {
        ctx.usage.inputTokens += error.spent.inputTokens
        ctx.usage.outputTokens += error.spent.outputTokens
        if (error.spent.estimated) ctx.usage.estimated = true
      }
      throw error
    }
    ctx.limit.widen()
    ctx.usage.inputTokens += result.inputTokens
    ctx.usage.outputTokens += result.outputTokens
    if (result.estimated) ctx.usage.estimated = true
    return result
  })
}
