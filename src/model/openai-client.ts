/** The OpenAI adapter: any OpenAI-compatible chat-completions endpoint behind ModelClient. */

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { ModelSettings } from '../config'
import type { ChatRequest, ChatResult, ModelClient } from './client'
import { ModelConnectionError, ModelHttpError, ModelTimeoutError } from './errors'
import { parseRetryAfter } from './retry-policy'

/**
 * Builds a ModelClient over `openai`. Every setting is passed explicitly (the SDK would
 * otherwise read `process.env` under nodejs_compat) and the SDK's retries are off:
 * p-retry in `with-retries.ts` owns them.
 */
export function createOpenAIClient(settings: ModelSettings, fetchImpl?: typeof fetch): ModelClient {
  const openai = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    organization: null,
    project: null,
    maxRetries: 0,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  })
  return {
    model: settings.model,
    async complete(request: ChatRequest, { signal, timeoutMs }): Promise<ChatResult> {
      try {
        const completion = await openai.chat.completions.create(
          {
            model: settings.model,
            temperature: 0,
            max_tokens: request.maxOutputTokens,
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, strict: true, schema: request.schema },
            },
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
          },
          { signal, timeout: timeoutMs },
        )
        const choice = completion.choices[0]
        return {
          content: choice?.message.content ?? '',
          finishReason: choice?.finish_reason ?? 'unknown',
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        }
      } catch (error) {
        throw toModelError(error, signal)
      }
    },
  }
}

/** Translates SDK errors; the provider's message and body are deliberately left behind. */
function toModelError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason
  if (error instanceof APIUserAbortError) return error
  if (error instanceof APIConnectionTimeoutError) return new ModelTimeoutError('the model did not answer in time')
  if (error instanceof APIConnectionError) return new ModelConnectionError('the model endpoint could not be reached')
  if (error instanceof APIError && typeof error.status === 'number') {
    const retryAfterMs = error.headers ? parseRetryAfter(error.headers) : undefined
    return new ModelHttpError(error.status, retryAfterMs, `the model endpoint answered HTTP ${error.status}`)
  }
  return error
}
