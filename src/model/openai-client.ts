/** The OpenAI adapter: any OpenAI-compatible chat-completions endpoint behind ModelClient. */

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import { z } from 'zod'
import type { ChatRequest, ChatResult, ModelClient } from './client'
import { ModelConnectionError, ModelHttpError, ModelOutputError, ModelTimeoutError } from './errors'
import type { ResolvedProfile } from './profiles'
import { safeIdentifier, withOpenAIErrorBodies } from './provider-errors'
import { buildChatBody, correctionFor, effectiveFields, type FieldAdjustments, outputBudget, unfence } from './request-fields'
import { parseRetryAfter } from './retry-policy'

export interface OpenAIClientOptions {
  apiKey: string
  baseURL: string
  model: string
  profile: ResolvedProfile
  /** Sent as `cf-aig-authorization` to an authenticated Cloudflare AI Gateway. */
  gatewayToken?: string | undefined
  fetch?: typeof fetch
  log?: (message: string) => void
}

// What endpoints refused, per endpoint and model, for the life of the isolate: a request
// is corrected once, and every later one is sent right the first time.
const learned = new Map<string, FieldAdjustments>()
// A request is corrected at most this many times (one per field it may carry).
const MAX_CORRECTIONS = 4

/**
 * Builds a ModelClient over `openai`. Every setting is passed explicitly (the SDK would
 * otherwise read `process.env` under nodejs_compat) and the SDK's retries are off:
 * p-retry in `with-retries.ts` owns them. A request the endpoint refuses for a field the
 * profile chose is sent again without it (not counted as a retry), and remembered.
 */
export function createOpenAIClient(options: OpenAIClientOptions): ModelClient {
  const { model, profile } = options
  const log = options.log ?? ((message: string) => console.warn(message))
  const host = new URL(options.baseURL).host
  const headers: Record<string, string> = {}
  // Azure OpenAI takes its key in `api-key`; the SDK's Bearer header carries it too.
  if (profile.provider === 'azure') headers['api-key'] = options.apiKey
  if (options.gatewayToken) headers['cf-aig-authorization'] = `Bearer ${options.gatewayToken}`
  const openai = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    organization: null,
    project: null,
    maxRetries: 0,
    defaultHeaders: headers,
    fetch: withOpenAIErrorBodies(options.fetch ?? ((input, init) => fetch(input, init))),
  })
  const memoryKey = JSON.stringify([options.baseURL, model, profile.name])

  return {
    model,
    profile,
    async complete(request: ChatRequest, { signal, timeoutMs }): Promise<ChatResult> {
      let corrections = 0
      let budgetRaised = false
      for (;;) {
        const adjustments = learned.get(memoryKey) ?? {}
        const fields = effectiveFields(profile, adjustments)
        const budget = outputBudget(fields, request) * (budgetRaised ? 2 : 1)
        const body = buildChatBody(model, fields, request, budget)
        let completion: unknown
        try {
          completion = await openai.chat.completions.create(body as unknown as ChatCompletionCreateParamsNonStreaming, { signal, timeout: timeoutMs })
        } catch (error) {
          if (corrections >= MAX_CORRECTIONS || !(error instanceof APIError)) throw toModelError(error, signal, host)
          // Another request may have learned the same lesson meanwhile: correct from what is known now.
          const known = learned.get(memoryKey)
          if (known !== undefined && known !== adjustments) {
            corrections++
            continue
          }
          const correction = correctionFor(refusalOf(error), body, adjustments)
          if (!correction) throw toModelError(error, signal, host)
          corrections++
          learned.set(memoryKey, correction.adjustments)
          const code = safeIdentifier(error.code)
          log(`model: ${host} refused ${correction.field} for ${model}${code ? ` (${code})` : ''}; sending ${correction.instead} from now on`)
          continue
        }
        const result = toResult(completion, fields.structured !== 'json_schema', request)
        // Reasoning spent the budget before the answer was written: once, give it twice the room.
        if (result.finishReason === 'length' && !budgetRaised && (result.reasoningTokens ?? 0) * 2 >= budget) {
          budgetRaised = true
          continue
        }
        return result
      }
    },
  }
}

// What passage reads of a chat completion; anything else in it is ignored.
const Completion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number(),
      completion_tokens: z.number(),
      completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
    })
    .nullish(),
})

function toResult(body: unknown, unfenced: boolean, request: ChatRequest): ChatResult {
  const parsed = Completion.safeParse(body)
  // A gateway or proxy that answers 200 with something else: a bad answer, in our words.
  if (!parsed.success) throw new ModelOutputError('invalid-response', "the model endpoint's answer is not a chat completion")
  const completion = parsed.data
  const choice = completion.choices[0]
  const refusal = choice?.message?.refusal
  // OpenAI's own refusal signal: the model declined, whatever the content says.
  if (typeof refusal === 'string' && refusal.trim() !== '') throw new ModelOutputError('refusal', 'the model declined to answer (its refusal field is set)')
  const raw = choice?.message?.content ?? ''
  const content = unfenced ? unfence(raw) : raw
  const usage = completion.usage
  const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens
  return {
    content,
    finishReason: choice?.finish_reason ?? 'unknown',
    // A provider that reports no usage is charged by estimate, and says so.
    inputTokens: usage?.prompt_tokens ?? estimate(request.system.length + request.user.length),
    outputTokens: usage?.completion_tokens ?? estimate(raw.length),
    ...(usage ? {} : { estimated: true }),
    ...(reasoningTokens ? { reasoningTokens } : {}),
  }
}

function estimate(characters: number): number {
  return Math.ceil(characters / 4)
}

function refusalOf(error: APIError) {
  return {
    status: error.status ?? 0,
    param: typeof error.param === 'string' ? error.param : undefined,
    code: typeof error.code === 'string' ? error.code : undefined,
    message: typeof (error.error as { message?: unknown } | undefined)?.message === 'string' ? (error.error as { message: string }).message : undefined,
  }
}

/** Translates SDK errors; the provider's message and body are deliberately left behind. */
function toModelError(error: unknown, signal: AbortSignal, host: string): unknown {
  if (signal.aborted) return signal.reason
  if (error instanceof APIUserAbortError) return error
  if (error instanceof APIConnectionTimeoutError) return new ModelTimeoutError('the model did not answer in time')
  if (error instanceof APIConnectionError) return new ModelConnectionError(`the model endpoint ${host} could not be reached`, host)
  if (error instanceof APIError && typeof error.status === 'number') {
    const retryAfterMs = error.headers ? parseRetryAfter(error.headers) : undefined
    const shouldRetry = error.headers?.get('x-should-retry')
    const code = safeIdentifier(error.code)
    return new ModelHttpError(error.status, retryAfterMs, `the model endpoint answered HTTP ${error.status}${code ? ` (${code})` : ''}`, {
      type: safeIdentifier(error.type),
      code,
      shouldRetry: shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined,
    })
  }
  // The SDK's JSON.parse of a 200 body that is not JSON: its message quotes the body.
  if (error instanceof SyntaxError) return new ModelOutputError('invalid-response', "the model endpoint's answer is not valid JSON")
  return error
}
