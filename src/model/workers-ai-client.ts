/**
 * Workers AI through the `AI` binding: a deployment that needs no third-party key. Same
 * port, same checks, retries and cache as any other model; only the transport differs.
 */

import type { ChatRequest, ChatResult, ModelClient } from './client'
import { ModelConnectionError, ModelHttpError, ModelTimeoutError } from './errors'
import type { ResolvedProfile } from './profiles'
import { effectiveFields, type FieldAdjustments, outputBudget, systemPrompt, unfence } from './request-fields'

/** The part of the `Ai` binding this adapter uses. */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>
}

// Models that refused JSON mode once are asked with the schema in the prompt from then on.
const withoutJsonMode = new Set<string>()

/**
 * A ModelClient over `env.AI.run`. JSON mode is `response_format: {type: "json_schema",
 * json_schema: <schema>}`; the answer's `response` is the JSON, as text or already parsed.
 */
export function createWorkersAiClient(ai: AiBinding, model: string, profile: ResolvedProfile, log: (message: string) => void = console.warn): ModelClient {
  return {
    model,
    profile,
    async complete(request: ChatRequest, { signal, timeoutMs }): Promise<ChatResult> {
      for (;;) {
        const adjustments: FieldAdjustments = withoutJsonMode.has(model) ? { structured: 'prompt' } : {}
        const fields = effectiveFields(profile, adjustments)
        const inputs: Record<string, unknown> = {
          messages: [
            { role: 'system', content: systemPrompt(request, fields.structured) },
            { role: 'user', content: request.user },
          ],
          max_tokens: outputBudget(fields, request),
          ...(fields.temperature === undefined ? {} : { temperature: fields.temperature }),
          ...(fields.structured === 'json_schema' ? { response_format: { type: 'json_schema', json_schema: request.schema } } : {}),
        }
        let output: unknown
        try {
          output = await runWithin(() => ai.run(model, inputs), signal, timeoutMs)
        } catch (error) {
          if (signal.aborted) throw signal.reason
          if (fields.structured === 'json_schema' && mentionsJsonMode(error)) {
            withoutJsonMode.add(model)
            log(`model: Workers AI refused JSON mode for ${model}; sending the JSON Schema in the instructions from now on`)
            continue
          }
          throw toModelError(error)
        }
        return toResult(output, request)
      }
    },
  }
}

function toResult(output: unknown, request: ChatRequest): ChatResult {
  const body = typeof output === 'object' && output !== null ? (output as Record<string, unknown>) : {}
  // Newer models answer in OpenAI's shape; the others with `response`.
  const choice = Array.isArray(body.choices) ? (body.choices[0] as Record<string, unknown> | undefined) : undefined
  const message = choice?.message as Record<string, unknown> | undefined
  const response = message?.content ?? body.response
  const content = typeof response === 'string' ? unfence(response) : response === undefined || response === null ? '' : JSON.stringify(response)
  const usage = typeof body.usage === 'object' && body.usage !== null ? (body.usage as Record<string, unknown>) : undefined
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
  const input = count(usage?.prompt_tokens)
  const outputTokens = count(usage?.completion_tokens)
  return {
    content,
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : 'stop',
    inputTokens: input ?? Math.ceil((request.system.length + request.user.length) / 4),
    outputTokens: outputTokens ?? Math.ceil(content.length / 4),
    ...(input === undefined || outputTokens === undefined ? { estimated: true } : {}),
  }
}

function runWithin<T>(task: () => Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ModelTimeoutError('Workers AI did not answer in time')), timeoutMs)
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    task().then(resolve, reject).finally(() => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    })
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : ''
}

function mentionsJsonMode(error: unknown): boolean {
  return /response_format|json[ _]?(mode|schema)/i.test(messageOf(error))
}

/**
 * The binding throws plain errors whose message carries Workers AI's error code
 * (`3040: Capacity temporarily exceeded`, `5007: No such model`): mapped to the status
 * the retry policy understands. The message itself is left behind.
 */
function toModelError(error: unknown): unknown {
  if (error instanceof ModelTimeoutError) return error
  const message = messageOf(error)
  const code = /\b(3\d{3}|5\d{3})\b/.exec(message)?.[1]
  if (code === '3040' || code === '3036' || /rate limit|capacity|too many/i.test(message)) return new ModelHttpError(429, undefined, 'Workers AI is over capacity or rate limited', { code })
  if (code === '5007' || /no such model|model not found/i.test(message)) return new ModelHttpError(404, undefined, 'Workers AI does not know this model', { code })
  if (/network|connect|fetch failed/i.test(message)) return new ModelConnectionError('Workers AI could not be reached', 'AI binding')
  if (code?.startsWith('5') || /invalid|bad input|required/i.test(message)) return new ModelHttpError(400, undefined, 'Workers AI refused the request', { code })
  return new ModelHttpError(500, undefined, 'Workers AI failed', { code })
}
