/**
 * Workers AI through the `AI` binding: a deployment that needs no third-party key. Same
 * port, same checks, retries and cache as any other model; only the transport differs.
 */

import type { ChatRequest, ChatResult, ModelClient } from './client'
import { ModelConnectionError, ModelHttpError, ModelOutputError, ModelTimeoutError } from './errors'
import type { ResolvedProfile } from './profiles'
import { effectiveFields, type FieldAdjustments, outputBudget, systemPrompt, unfence } from './request-fields'
import { withoutThinking } from './stream-json'

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
export function createWorkersAiClient(
  ai: AiBinding,
  model: string,
  profile: ResolvedProfile,
  log: (message: string) => void = console.warn,
): ModelClient {
  return {
    model,
    profile,
    async complete(request: ChatRequest, { signal, timeoutMs, onHeaders }): Promise<ChatResult> {
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
          ...(fields.structured === 'json_schema'
            ? { response_format: { type: 'json_schema', json_schema: request.schema } }
            : {}),
        }
        let output: unknown
        try {
          output = await runWithin(() => ai.run(model, inputs), signal, timeoutMs)
        } catch (error) {
          if (signal.aborted) throw signal.reason
          // The model could not produce JSON matching the schema this time: a bad answer, worth a retry.
          if (/couldn.t be met/i.test(messageOf(error)))
            throw new ModelOutputError('invalid-json', 'Workers AI could not meet the JSON schema')
          if (fields.structured === 'json_schema' && mentionsJsonMode(error)) {
            withoutJsonMode.add(model)
            log(
              `model: Workers AI refused JSON mode for ${model}; sending the JSON Schema in the instructions ` +
                `from ` +
                `now on`,
            )
            continue
          }
          throw toModelError(error)
        }
        // The binding answers whole: the call held its place among those waiting until now.
        onHeaders?.()
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
  const content =
    typeof response === 'string'
      ? // DeepSeek-R1's distills on Workers AI write their thinking, then `</think>`, then the answer.
        unfence(withoutThinking(response))
      : response === undefined || response === null
        ? ''
        : JSON.stringify(response)
  const usage =
    typeof body.usage === 'object' && body.usage !== null ? (body.usage as Record<string, unknown>) : undefined
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
    task()
      .then(resolve, reject)
      .finally(() => {
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
 * The binding throws plain errors (`InferenceUpstreamError`) whose message starts with
 * Workers AI's internal code (`3040: Capacity temporarily exceeded`, `5007: No such model`,
 * see developers.cloudflare.com/workers-ai/platform/errors/), and no HTTP status: mapped to
 * the status the retry policy understands. The message itself is left behind.
 */
function toModelError(error: unknown): unknown {
  if (error instanceof ModelTimeoutError) return error
  const message = messageOf(error)
  const code = /\b(\d{4})\b/.exec(message)?.[1]
  const status = code ? WORKERS_AI_STATUS[code] : undefined
  if (status === 429 && (code === '4006' || code === '3036'))
    return new ModelHttpError(429, undefined, "Workers AI: the account's daily free allocation is used up", {
      code,
      shouldRetry: false,
    })
  if (status !== undefined) return new ModelHttpError(status, undefined, `Workers AI answered error ${code}`, { code })
  if (/network|connect|fetch failed/i.test(message))
    return new ModelConnectionError('Workers AI could not be reached', 'AI binding')
  return new ModelHttpError(500, undefined, 'Workers AI failed', { code })
}

// Workers AI's documented error codes (developers.cloudflare.com/workers-ai/platform/errors), as
// the HTTP status each stands for; "no such model" is a 404 here, as an endpoint's unknown model is.
const WORKERS_AI_STATUS: Record<string, number> = {
  '3003': 400, // incomplete request
  '3006': 413, // request too large
  '3007': 408, // timeout
  '3008': 408, // aborted
  '3023': 403, // account blocked
  '3036': 429, // daily free allocation used up
  '3040': 429, // out of capacity
  '3041': 403, // account not allowed for a private model
  '3042': 404, // invalid model id
  '3046': 408, // request timeout
  '4006': 429, // daily free allocation used up
  '5004': 400, // invalid data
  '5005': 405, // the model does not take LoRA
  '5006': 400, // bad input
  '5007': 404, // no such model
  '5016': 403, // the model's terms not agreed to
  '5018': 403, // account not allowed for a private model
  '5019': 405, // deprecated SDK
  '5021': 400, // context window exceeded
}
