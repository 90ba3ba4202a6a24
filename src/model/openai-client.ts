/** The OpenAI adapter: any OpenAI-compatible chat-completions endpoint behind ModelClient. */

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import * as z from 'zod'
import type { ChatRequest, ChatResult, ModelClient } from './client'
import {
  ModelConnectionError,
  ModelHttpError,
  ModelOutputError,
  ModelTimeoutError,
  SubrequestLimitError,
} from './errors'
import type { ResolvedProfile } from './profiles'
import { safeIdentifier, toOpenAIErrorBody, withOpenAIErrorBodies } from './provider-errors'
import {
  buildChatBody,
  correctionFor,
  effectiveFields,
  type FieldAdjustments,
  outputBudget,
  unfence,
} from './request-fields'
import { isQuotaCode, parseRetryAfter } from './retry-policy'
import { contentDelta, createEventReader, createItemReader, createThinkingFilter, withoutThinking } from './stream-json'

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
// How each endpoint streams, learned the same way: `usage` asks for the usage chunk
// (`stream_options`), `plain` streams without it, `off` does not stream at all.
type StreamMode = 'usage' | 'plain' | 'off'
const streaming = new Map<string, StreamMode>()
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
    async complete(request: ChatRequest, { signal, timeoutMs, onItem, onHeaders }): Promise<ChatResult> {
      let corrections = 0
      let budgetRaised = false
      // A second attempt (more room to reason) hands over only the items the first did not.
      let handed = 0
      const handOver = (item: unknown, index: number) => {
        if (index < handed) return
        handed = index + 1
        onItem?.(item, index)
      }
      for (;;) {
        const adjustments = learned.get(memoryKey) ?? {}
        const fields = effectiveFields(profile, adjustments)
        const budget = outputBudget(fields, request) * (budgetRaised ? 2 : 1)
        const body = buildChatBody(model, fields, request, budget)
        const mode: StreamMode =
          !onItem || profile.streaming === false
            ? 'off'
            : (streaming.get(memoryKey) ?? (profile.streaming === 'no-stream-options' ? 'plain' : 'usage'))
        if (mode !== 'off') body.stream = true
        if (mode === 'usage') body.stream_options = { include_usage: true }
        let result: ChatResult
        try {
          if (mode === 'off') {
            const completion = await postChat<ChatCompletion>(openai, body, { signal, timeout: timeoutMs })
            onHeaders?.()
            result = toResult(completion, request)
          } else {
            // The SDK checks the status (an error answer throws its APIError); the stream's
            // events are read here, by hand: they come one per token, and this is the hot path.
            const response = await postChat(openai, body, { signal, timeout: timeoutMs }).asResponse()
            // Its headers are in (an error status has thrown): the body may stream for long.
            onHeaders?.()
            // A server that ignores `stream` (passage's own replay model, some proxies) answers whole.
            if ((response.headers.get('content-type') ?? '').includes('json'))
              result = toResult(await readJson(response), request)
            else result = await readStream(response, { request, signal, timeoutMs, host, onItem: handOver })
          }
        } catch (error) {
          if (corrections >= MAX_CORRECTIONS || !(error instanceof APIError)) throw toModelError(error, signal, host)
          // An endpoint that will not stream (or not report usage in a stream): the field goes.
          const refused = mode === 'off' ? undefined : refusedStreamField(refusalOf(error))
          if (refused) {
            corrections++
            streaming.set(memoryKey, refused === 'stream' ? 'off' : 'plain')
            const instead = refused === 'stream' ? 'plain calls' : 'streams without stream_options'
            log(`model: ${host} refused ${refused} for ${model}; sending ${instead} from now on`)
            continue
          }
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
          log(
            `model: ${host} refused ${correction.field} for ${model}${code ? ` (${code})` : ''}; ` +
              `sending ${correction.instead} from now on`,
          )
          continue
        }
        // Text that is not JSON at all, asked for with a schema: the endpoint ignores `response_format`,
        // and the model never saw the schema. Learned as a refusal is: the next mode puts the schema in
        // the instructions. This answer is still returned (and fails its check, to be retried).
        if (fields.structured === 'json_schema' && result.finishReason !== 'length' && isProse(result.content)) {
          const known = learned.get(memoryKey)
          if (known === undefined || known === adjustments) {
            learned.set(memoryKey, { ...adjustments, structured: 'json_object' })
            log(
              `model: ${host} answered ${model} with text that is not JSON under response_format json_schema; ` +
                'sending response_format json_object, the JSON Schema in the instructions, from now on',
            )
          }
        }
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

/**
 * `POST /chat/completions` through the SDK's own request path (its headers, auth, timeout,
 * status check and error classes), as `chat.completions.create` sends it, minus the
 * replacer that `create` runs on every value of the body while serialising it (to read
 * `stream` from it): the body is serialised plainly, and `stream` is passed as `create` does.
 */
function postChat<T = unknown>(
  openai: OpenAI,
  body: Record<string, unknown>,
  options: { signal: AbortSignal; timeout: number },
) {
  return openai.post<T>('/chat/completions', { body, ...options, stream: body.stream === true })
}

const Usage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
})

// What passage reads of a chat completion; anything else in it is ignored.
const Completion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.unknown(), refusal: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: Usage.nullish(),
})

// What passage reads of a chunk of a streamed completion (`chat.completion.chunk`). Read
// by hand, not by zod: a stream has a chunk per token or so, and this is its hot path.
interface ChunkReading {
  content?: string
  refusal?: string
  finishReason?: string
  usage?: unknown
}

function readChunk(data: unknown): ChunkReading | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const { choices, usage } = data as { choices?: unknown; usage?: unknown }
  if (!Array.isArray(choices)) return undefined
  const reading: ChunkReading = {}
  if (usage !== undefined && usage !== null) reading.usage = usage
  const choice = choices[0] as
    | { delta?: { content?: unknown; refusal?: unknown } | null; finish_reason?: unknown }
    | undefined
  if (typeof choice !== 'object' || choice === null) return reading
  const delta = choice.delta
  const content = textOf(delta?.content)
  if (content !== undefined) reading.content = content
  if (typeof delta?.refusal === 'string') reading.refusal = delta.refusal
  if (typeof choice.finish_reason === 'string') reading.finishReason = choice.finish_reason
  return reading
}

/**
 * The answer's text in a message's or a delta's `content`: a string, or a list of content
 * chunks, as Mistral's reasoning models write it (`[{type: "thinking", …}, {type: "text",
 * text}]`), whose text chunks are the answer and whose thinking is not.
 */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return undefined
  let text = ''
  for (const part of content as Array<{ type?: unknown; text?: unknown } | null>)
    if (part?.type === 'text' && typeof part.text === 'string') text += part.text
  return text
}

/**
 * An error a provider reports inside a stream it began with a 200 (OpenAI's and vLLM's
 * `{"error": {…}}` event, OpenRouter's error chunk, `event: error`, or a finish reason of
 * `error`): the HTTP error the provider would have answered before streaming, so that
 * the retry policy and the problem treat both alike. A `code` that is a status worth
 * retrying (OpenRouter's 502, a 429) is kept; any other makes it a server error (500):
 * the request was accepted, and the provider failed while answering it.
 */
function streamError(data: unknown, host: string): ModelHttpError {
  const body = typeof data === 'object' && data !== null && 'error' in data ? data : { error: data ?? {} }
  const error = toOpenAIErrorBody(body).error
  const type = safeIdentifier(error.type)
  const code = safeIdentifier(error.code)
  const n = Number(code)
  // A credit that ran out midway (OpenRouter's 402, a quota code) stays what it is: not retried.
  const status =
    n === 402 || n === 408 || n === 409 || n === 429 || (n >= 500 && n < 600)
      ? n
      : isQuotaCode(code) || isQuotaCode(type)
        ? 429
        : 500
  const named = code ?? type
  return new ModelHttpError(
    status,
    undefined,
    `the model endpoint ${host} reported an error midway through its answer${named ? ` (${named})` : ''}`,
    { type, code },
  )
}

// How long the usage chunk and `[DONE]` are waited for once the answer has its finish reason.
const AFTER_FINISH_MS = 1_000

/** Why a stream was given up on midway; turned into the caller's error once reading stops. */
class StreamStop extends Error {
  constructor(readonly error: Error) {
    super(error.message)
  }
}

/**
 * Reads a streamed answer to the end, handing each closed object of its array to `onItem`
 * on the way (a refusal streams as `delta.refusal`, and hands nothing over). A stream that
 * closes before its `finish_reason` and without `data: [DONE]` stopped midway: a
 * connection error, retried. `[DONE]` with no finish reason ends a whole answer (some
 * proxies never send one); an error reported in the stream is the provider's HTTP error.
 * Events after `[DONE]` are ignored. The request's signal (its deadline) ends the reading
 * too, however long the stream has been silent.
 */
async function readStream(
  response: Response,
  options: {
    request: ChatRequest
    signal: AbortSignal
    timeoutMs: number
    host: string
    onItem: (item: unknown, index: number) => void
  },
): Promise<ChatResult> {
  const { signal, host } = options
  const midway = () => new ModelConnectionError(`the model endpoint ${host} stopped its answer midway`, host)
  if (!response.body) throw midway()
  const items = createItemReader(options.onItem)
  const answer = createThinkingFilter((text) => items.push(text))
  let raw = ''
  let refusal = ''
  let finishReason: string | undefined
  let usage: Usage | undefined
  let chunks = 0
  let finished = false
  // A finish reason on a chunk with no text ends the answer: its usage and `[DONE]` may
  // follow, and are waited for a moment, not for as long as a server keeps the connection
  // open (some send neither, and keep the connection alive with comments). Some proxies put
  // `finish_reason: "stop"` on every chunk of text: those chunks start no wait, however long
  // the pauses between them; text after the wait started restarts it.
  let settled = false
  let wrapUp: ReturnType<typeof setTimeout> | undefined
  const waitForTheEnd = () => {
    clearTimeout(wrapUp)
    wrapUp = setTimeout(
      () => {
        settled = true
        reader.cancel().catch(() => {})
      },
      Math.min(AFTER_FINISH_MS, options.timeoutMs),
    )
  }
  const events = createEventReader((data, event) => {
    if (finished) return
    if (data === '[DONE]') {
      finished = true
      return
    }
    // Most events are a piece of text and nothing else: read without parsing them whole.
    const piece = event === undefined ? contentDelta(data) : undefined
    if (piece !== undefined) {
      chunks++
      raw += piece
      if (refusal === '') answer.push(piece)
      if (wrapUp !== undefined) waitForTheEnd()
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(data)
    } catch {
      if (event === 'error') throw new StreamStop(streamError(undefined, host))
      throw new StreamStop(new ModelOutputError('invalid-response', "the model endpoint's stream is not valid JSON"))
    }
    // An error reported inside the stream (OpenAI's `event: error`, or an `error` field).
    if (event === 'error' || (parsed as { error?: unknown } | null)?.error)
      throw new StreamStop(streamError(parsed, host))
    const chunk = readChunk(parsed)
    if (!chunk)
      throw new StreamStop(
        new ModelOutputError('invalid-response', "the model endpoint's stream is not chat completion chunks"),
      )
    chunks++
    if (chunk.usage !== undefined) {
      const read = Usage.safeParse(chunk.usage)
      if (read.success) usage = read.data
    }
    if (chunk.refusal) refusal += chunk.refusal
    if (chunk.content) {
      raw += chunk.content
      if (refusal === '') answer.push(chunk.content)
    }
    if (chunk.finishReason) finishReason = chunk.finishReason
    const text = Boolean(chunk.content || chunk.refusal)
    if (finishReason !== undefined && (!text || wrapUp !== undefined)) waitForTheEnd()
  })
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  // The SDK's timeout ends with the response's headers. After them, a stream that keeps
  // writing is making progress: it times out only when no chunk comes for as long.
  let timedOut = false
  const expire = () => {
    timedOut = true
    reader.cancel().catch(() => {})
  }
  let timer = setTimeout(expire, options.timeoutMs)
  // Aborting the SDK's request does not always end a body already streaming: the deadline stops it here.
  // An event listener returns nothing (workerd warns of one that returns a promise).
  const abort = () => {
    void reader.cancel().catch(() => {})
  }
  signal.addEventListener('abort', abort, { once: true })
  try {
    while (!finished && !signal.aborted) {
      const { value, done } = await reader.read()
      if (done) {
        events.push(decoder.decode())
        if (!timedOut && !signal.aborted && !settled) events.end()
        break
      }
      clearTimeout(timer)
      timer = setTimeout(expire, options.timeoutMs)
      events.push(decoder.decode(value, { stream: true }))
    }
  } catch (error) {
    if (signal.aborted) throw signal.reason
    if (timedOut) throw new ModelTimeoutError('the model did not answer in time')
    if (error instanceof StreamStop) {
      reader.cancel().catch(() => {})
      throw error.error
    }
    throw midway()
  } finally {
    clearTimeout(timer)
    clearTimeout(wrapUp)
    signal.removeEventListener('abort', abort)
  }
  if (finished) reader.cancel().catch(() => {})
  if (signal.aborted) throw signal.reason
  if (timedOut) throw new ModelTimeoutError('the model did not answer in time')
  if (chunks === 0)
    throw new ModelOutputError('invalid-response', "the model endpoint's answer is not a chat completion stream")
  if (finishReason === 'error') throw streamError(undefined, host)
  if (!finished && finishReason === undefined && refusal === '') throw midway()
  return answerOf({ raw, refusal, finishReason, usage }, options.request)
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    throw new ModelOutputError('invalid-response', "the model endpoint's answer is not valid JSON")
  }
}

/** An answer with no JSON in it: neither an object nor an array opens it. */
function isProse(content: string): boolean {
  const text = content.trim()
  return text !== '' && !text.startsWith('{') && !text.startsWith('[')
}

/**
 * `stream` or `stream_options`, when a refusal names either (by param or in its message). A
 * message that says streaming is not supported (Groq's "`response_format` does not support
 * streaming", Cerebras's "\"stream=true\" with structured outputs is currently not supported for
 * reasoning models") refuses the stream, whatever else it names: the format stays.
 */
function refusedStreamField(refusal: ReturnType<typeof refusalOf>): 'stream' | 'stream_options' | undefined {
  if (refusal.status !== 400 && refusal.status !== 422) return undefined
  if (STREAMING_UNSUPPORTED.test(refusal.message ?? '')) return 'stream'
  const param = refusal.param?.replace(/^body\./, '').split(/[.[]/)[0]
  const named =
    param ??
    (/\bstream_options\b/.test(refusal.message ?? '')
      ? 'stream_options'
      : /\bstream\b/.test(refusal.message ?? '')
        ? 'stream'
        : undefined)
  return named === 'stream' || named === 'stream_options' ? named : undefined
}

// "stream", "stream=true" or "streaming" (not "stream_options") and "not support…", in either order.
const STREAM_WORD = String.raw`\bstream(?:ing|=true)?\b(?!_)`
const NOT_SUPPORTED = String.raw`\bnot (?:currently )?support`
const STREAMING_UNSUPPORTED = new RegExp(
  `${STREAM_WORD}[\\s\\S]*${NOT_SUPPORTED}|${NOT_SUPPORTED}[\\s\\S]*${STREAM_WORD}`,
  'i',
)

function toResult(body: unknown, request: ChatRequest): ChatResult {
  const parsed = Completion.safeParse(body)
  // A gateway or proxy that answers 200 with something else: a bad answer, in our words.
  if (!parsed.success)
    throw new ModelOutputError('invalid-response', "the model endpoint's answer is not a chat completion")
  const completion = parsed.data
  const choice = completion.choices[0]
  return answerOf(
    {
      raw: textOf(choice?.message?.content) ?? '',
      refusal: choice?.message?.refusal,
      finishReason: choice?.finish_reason,
      usage: completion.usage,
    },
    request,
  )
}

type Usage = z.infer<typeof Usage>

/** What a whole answer says, from a completion or from the chunks of a stream. */
function answerOf(
  answer: {
    raw: string
    refusal: string | null | undefined
    finishReason: string | null | undefined
    usage: Usage | null | undefined
  },
  request: ChatRequest,
): ChatResult {
  const { raw, refusal, usage } = answer
  // A provider that reports no usage is charged by estimate, and says so.
  const spent = {
    inputTokens: usage?.prompt_tokens ?? estimate(request.system.length + request.user.length),
    outputTokens: usage?.completion_tokens ?? estimate(raw.length + (refusal?.length ?? 0)),
    ...(usage ? {} : { estimated: true }),
  }
  // OpenAI's own refusal signal: the model declined, whatever the content says.
  if (typeof refusal === 'string' && refusal.trim() !== '')
    throw new ModelOutputError('refusal', 'the model declined to answer (its refusal field is set)', spent)
  // A reasoning model's thinking left in the content is not the answer.
  const text = withoutThinking(raw)
  // Unwrapped in every mode: a provider that ignores `response_format` may fence its JSON.
  const content = unfence(text)
  const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens
  return {
    content,
    finishReason: answer.finishReason ?? 'unknown',
    ...spent,
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
    message:
      typeof (error.error as { message?: unknown } | undefined)?.message === 'string'
        ? (error.error as { message: string }).message
        : undefined,
  }
}

/** The messages of an error and of its causes, joined: what fetch itself said lies under the SDK's. */
function causeMessages(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 4) return ''
  return `${error.message}\n${causeMessages(error.cause, depth + 1)}`
}

/** Translates SDK errors; the provider's message and body are deliberately left behind. */
function toModelError(error: unknown, signal: AbortSignal, host: string): unknown {
  if (signal.aborted) return signal.reason
  if (error instanceof APIUserAbortError) return error
  if (error instanceof APIConnectionTimeoutError) return new ModelTimeoutError('the model did not answer in time')
  if (error instanceof APIConnectionError) {
    // workerd's own refusal ("Too many subrequests."), which the SDK reports as a connection error.
    if (/too many subrequests/i.test(causeMessages(error)))
      return new SubrequestLimitError("Cloudflare refused another subrequest: the plan's limit per request is reached")
    return new ModelConnectionError(`the model endpoint ${host} could not be reached`, host)
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const retryAfterMs = error.headers ? parseRetryAfter(error.headers) : undefined
    const shouldRetry = error.headers?.get('x-should-retry')
    const code = safeIdentifier(error.code)
    return new ModelHttpError(
      error.status,
      retryAfterMs,
      `the model endpoint answered HTTP ${error.status}${code ? ` (${code})` : ''}`,
      {
        type: safeIdentifier(error.type),
        code,
        shouldRetry: shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : undefined,
      },
    )
  }
  // The SDK's JSON.parse of a 200 body that is not JSON: its message quotes the body.
  if (error instanceof SyntaxError)
    return new ModelOutputError('invalid-response', "the model endpoint's answer is not valid JSON")
  return error
}
