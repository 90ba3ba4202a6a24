/** What every model call of a request shares, and the call itself. */

import type { ChatRequest, ChatResult, ModelClient } from '../model/client'
import type { RetryOptions } from '../model/with-retries'
import type { Prompts } from '../prompts'
import type { Limit } from './limit'

export interface UsageMeter {
  calls: number
  inputTokens: number
  outputTokens: number
}

export interface CallContext {
  model: ModelClient
  prompts: Prompts
  retry: RetryOptions
  attemptTimeoutMs: number
  /** Shared by every call of one request: at most MODEL_CONCURRENCY connections open. */
  limit: Limit
  usage: UsageMeter
}

/** One attempt, inside the request's connection limit, counted in its usage. */
export async function call(ctx: CallContext, request: ChatRequest): Promise<ChatResult> {
  return ctx.limit(async () => {
    ctx.retry.signal.throwIfAborted()
    ctx.usage.calls++
    const result = await ctx.model.complete(request, { signal: ctx.retry.signal, timeoutMs: ctx.attemptTimeoutMs })
    ctx.usage.inputTokens += result.inputTokens
    ctx.usage.outputTokens += result.outputTokens
    return result
  })
}
