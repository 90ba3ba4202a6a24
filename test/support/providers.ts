/**
 * Fake providers on their real HTTP APIs (msw), each refusing what that provider documents
 * it refuses: OpenAI's schema and per-model rules, Azure's and AI Gateway's headers,
 * Mistral's closed field list (422 `extra_forbidden`), servers without `json_schema`; and
 * Gemini, Anthropic, DeepSeek, Groq, xAI and LM Studio as their documentation describes them.
 * They answer from the recorded seed article (real English written by hand), whatever the
 * structured-output mode, and record every request they accepted or refused.
 */

import { http, HttpResponse } from 'msw'
import openapi from '../../fixtures/openai/chat-completions.openapi.json'
import seed from '../../fixtures/recordings/seed.json'
import { answerChatCompletion, createMemory } from '../../replay/answer.ts'
import { createOpenAIRules, type Refusal } from '../../replay/openai-rules.ts'
import { streamedCompletion } from './fake-model'
import { server } from './model-server'

const memory = createMemory([seed])
const openAIRules = createOpenAIRules(openapi)
const anyModelRules = createOpenAIRules(openapi, 'any')

export interface ProviderLog {
  accepted: Array<Record<string, unknown>>
  refused: Array<{ body: Record<string, unknown>; status: number; code: string | null }>
  headers: Headers[]
}

/** How a fake provider judges one request: a refusal Response, or undefined to answer it. */
export type Judge = (body: Record<string, unknown>, headers: Headers) => Response | undefined

/**
 * How the fake words its answer's content (a provider in plain mode may fence its JSON), from
 * the recorded JSON and the request it answers.
 */
export type Wording = (json: string, body: Record<string, unknown>) => string

/**
 * How a provider writes a recorded answer on the wire, when it does not write it as OpenAI
 * does: the completion in OpenAI's shape and the request it answers, to the Response sent.
 */
export type Writer = (completion: Record<string, unknown>, body: Record<string, unknown>) => Response

export interface FakeProvider {
  log: ProviderLog
}

/**
 * Serves `POST {baseURL}/chat/completions`: `judge` may refuse the request; otherwise the
 * answer comes from the recordings, in the OpenAI response shape (or as `writer` writes it).
 */
export function fakeProvider(
  baseURL: string,
  judge: Judge,
  options: {
    wording?: Wording
    usage?: boolean
    ignoresStream?: boolean
    writer?: Writer
    /** What the model reads of the request, when not the user message alone (Gemma's single turn). */
    reads?: (body: Record<string, unknown>) => Record<string, unknown>
  } = {},
): FakeProvider {
  const log: ProviderLog = { accepted: [], refused: [], headers: [] }
  server.use(
    http.post(`${baseURL.replace(/\/$/, '')}/chat/completions`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      log.headers.push(request.headers)
      const refusal = judge(body, request.headers)
      if (refusal) {
        const error = ((await refusal.clone().json()) as { error?: { code?: unknown } }).error
        log.refused.push({ body, status: refusal.status, code: typeof error?.code === 'string' ? error.code : null })
        return refusal
      }
      log.accepted.push(body)
      const answer = answerChatCompletion(options.reads?.(body) ?? body, memory, String(body.model))
      if (answer.status !== 200)
        return HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status })
      const completion = answer.body as { choices: Array<{ message: { content: string } }>; usage?: unknown }
      const choice = completion.choices[0]
      if (choice && options.wording) choice.message.content = options.wording(choice.message.content, body)
      if (options.usage === false) delete completion.usage
      if (options.writer) return options.writer(completion as Record<string, unknown>, body)
      if (body.stream === true && !options.ignoresStream)
        return streamedCompletion(completion, {
          usage: (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true,
        })
      return HttpResponse.json(completion)
    }),
  )
  return { log }
}

const asResponse = (refusal: Refusal | undefined) =>
  refusal ? HttpResponse.json(refusal.body, { status: refusal.status }) : undefined

/** OpenAI itself: the official schema, the model list, and each model's rules. */
export const openAIJudge: Judge = (body) => asResponse(openAIRules.check(body))

/** Azure OpenAI (v1): the key in `api-key`; the rules of the model behind the deployment. */
export function azureJudge(key: string, deployedModel: string): Judge {
  return (body, headers) => {
    if (headers.get('api-key') !== key) {
      return HttpResponse.json(
        { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } },
        { status: 401 },
      )
    }
    return asResponse(openAIRules.check({ ...body, model: deployedModel }))
  }
}

/** An authenticated Cloudflare AI Gateway in front of `upstream`. */
export function gatewayJudge(token: string, upstream: Judge): Judge {
  return (body, headers) => {
    if (headers.get('cf-aig-authorization') !== `Bearer ${token}`) {
      return HttpResponse.json({ success: false, error: [{ code: 2009, message: 'Unauthorized' }] }, { status: 401 })
    }
    return upstream(body, headers)
  }
}

/** Servers that take OpenAI's schema but serve their own models (Workers AI, Ollama, vLLM, OpenRouter). */
export const openSchemaJudge: Judge = (body) => asResponse(anyModelRules.check(body))

/**
 * Workers AI (REST, and AI Gateway's `workers-ai` route): OpenAI's request schema, but JSON mode does
 * not stream. A streamed request with `response_format: json_schema` is refused with AiError 5023, "JSON
 * Schema mode is not supported with stream mode." (reported in cloudflare/agents#1685), in Cloudflare's
 * error body (`{errors: [{code, message}], success: false}`; Workers AI's 5xxx codes are HTTP 400s,
 * developers.cloudflare.com/workers-ai/platform/errors).
 */
export const workersAiJudge: Judge = (body) => {
  const format = (body.response_format as { type?: string } | undefined)?.type
  if (body.stream === true && format === 'json_schema')
    return HttpResponse.json(
      {
        errors: [{ code: 5023, message: 'AiError: JSON Schema mode is not supported with stream mode.' }],
        success: false,
        result: {},
        messages: [],
      },
      { status: 400 },
    )
  return openSchemaJudge(body, new Headers())
}

// Mistral's chat completion request fields (docs.mistral.ai, chat_completion_v1).
const MISTRAL_FIELDS = new Set([
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'stream',
  'stop',
  'random_seed',
  'response_format',
  'tools',
  'tool_choice',
  'presence_penalty',
  'frequency_penalty',
  'n',
  'prediction',
  'parallel_tool_calls',
  'prompt_mode',
  'safe_prompt',
])

/** Mistral: any field it does not know is a 422 validation error naming it. */
export const mistralJudge: Judge = (body) => {
  const extra = Object.keys(body).find((name) => !MISTRAL_FIELDS.has(name))
  if (extra === undefined) return openSchemaJudge(body, new Headers())
  return HttpResponse.json(
    {
      object: 'error',
      message: {
        detail: [
          { type: 'extra_forbidden', loc: ['body', extra], msg: 'Extra inputs are not permitted', input: body[extra] },
        ],
      },
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
    { status: 422 },
  )
}

/**
 * A server without structured outputs: `json_schema` (and, unless `jsonObject`, also
 * `json_object`) is refused in vLLM's error shape, with neither `param` nor `code`.
 */
export function noJsonSchemaJudge(options: { jsonObject: boolean }): Judge {
  return (body) => {
    const type = (body.response_format as { type?: string } | undefined)?.type
    if (type === 'json_schema' || (type === 'json_object' && !options.jsonObject)) {
      return HttpResponse.json(
        {
          object: 'error',
          message: `response_format type ${type} is not supported by this server`,
          type: 'BadRequestError',
          param: null,
          code: 400,
        },
        { status: 400 },
      )
    }
    return openSchemaJudge(body, new Headers())
  }
}

/** Fences the JSON as chat models do when nothing constrains their output. */
export const fenced: Wording = (json) => `\`\`\`json\n${json}\n\`\`\``

// ---------------------------------------------------------------------------------------------
// Providers beyond OpenAI's own rules. Each refuses, with its own status and error body, what
// its documentation (or its users' reports, where the documentation is silent) says it refuses.

const systemOf = (body: Record<string, unknown>) =>
  String((body.messages as Array<{ role?: string; content?: unknown }>)[0]?.content ?? '')
const formatOf = (body: Record<string, unknown>) =>
  (body.response_format as { type?: string } | undefined)?.type ?? 'text'
const mentionsJson = (body: Record<string, unknown>) =>
  (body.messages as Array<{ content?: unknown }>).some((m) => /json/i.test(String(m.content ?? '')))

/** Google's error body: a list holding one `{error: {code, message, status}}`. */
function googleError(status: number, message: string, reason = 'INVALID_ARGUMENT'): Response {
  return HttpResponse.json([{ error: { code: status, message, status: reason } }], { status })
}

// The fields Gemini's OpenAI compatibility maps (ai.google.dev/gemini-api/docs/openai); any other is a
// protobuf "Unknown name" (reported for frequency_penalty, reasoning, top_k, web_search_options …).
const GEMINI_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'n',
  'temperature',
  'top_p',
  'stop',
  'seed',
  'stream',
  'stream_options',
  'response_format',
  'reasoning_effort',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'service_tier',
  'extra_body',
])

// Thinking tokens spent within `max_tokens`, by `reasoning_effort` (Google maps low, medium and high to
// budgets of 1,024, 8,192 and 24,576 tokens; `none` turns thinking off). Without it, the model decides:
// taken here as the medium budget, except for flash-lite, which does not think unless asked to.
const GEMINI_THINKING: Record<string, number> = { none: 0, low: 1024, medium: 8192, high: 24576 }
const geminiDefaultThinking = (model: string) => (/flash-lite|^gemma/.test(model) ? 0 : 8192)

/**
 * Google Gemini's OpenAI compatibility: an unknown field, a `reasoning_effort` the model does not take
 * (`minimal` anywhere; `none` on a pro model, which only works in thinking mode) and a `json_schema`
 * with `additionalProperties` (which its `response_schema` does not know) are 400s in Google's list.
 */
export const geminiJudge: Judge = (body) => {
  if (/^gemma/.test(String(body.model))) {
    const refusal = gemmaRefusal(body)
    if (refusal) return refusal
  }
  const unknown = Object.keys(body).filter((name) => !GEMINI_FIELDS.has(name))
  if (unknown.length > 0)
    return googleError(
      400,
      unknown.map((name) => `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`).join('\n'),
    )
  const effort = body.reasoning_effort
  if (effort !== undefined) {
    const pro = /-pro\b/.test(String(body.model))
    if (!['none', 'low', 'medium', 'high'].includes(String(effort)))
      return googleError(400, `Invalid reasoning_effort: ${String(effort)}. Valid values are: high, low, medium, none`)
    if (pro && effort === 'none')
      return googleError(400, 'Budget 0 is invalid. This model only works in thinking mode.')
  }
  if (formatOf(body) === 'json_schema' && JSON.stringify(body.response_format).includes('"additionalProperties"'))
    return googleError(
      400,
      'Invalid JSON payload received. Unknown name "additionalProperties" at ' +
        "'generation_config.response_schema.properties[0].value.items': Cannot find field.",
    )
  return openSchemaJudge(body, new Headers())
}

/**
 * Gemma on the Gemini API takes no system instruction, no JSON mode and no thinking, each a 400
 * naming the model (reported as "Developer instruction is not enabled for models/gemma-3-27b-it",
 * "JSON mode is not enabled for …", "Thinking is not enabled for …").
 */
function gemmaRefusal(body: Record<string, unknown>): Response | undefined {
  const model = `models/${String(body.model)}`
  if ((body.messages as Array<{ role?: string }>).some((m) => m.role === 'system' || m.role === 'developer'))
    return googleError(400, `Developer instruction is not enabled for ${model}`)
  if (formatOf(body) !== 'text') return googleError(400, `JSON mode is not enabled for ${model}`)
  if (body.reasoning_effort !== undefined) return googleError(400, `Thinking is not enabled for ${model}`)
  return undefined
}

/** What Gemma reads of a request in one user turn: passage's JSON input is its last line. */
export const gemmaReads = (body: Record<string, unknown>): Record<string, unknown> => {
  const turn = String((body.messages as Array<{ content?: unknown }>).at(-1)?.content ?? '')
  return { ...body, messages: [{ role: 'user', content: turn.split('\n').at(-1) }] }
}

/**
 * How Gemini answers: thinking spends its tokens within `max_tokens` first (an answer left no room is
 * cut, `finish_reason: "length"`); a stream puts the finish reason on its last piece of text and the
 * usage on that same chunk, then `[DONE]`.
 */
export const geminiWriter: Writer = (completion, body) => {
  const choice = (completion.choices as Array<{ message: { content: string }; finish_reason: string }>)[0]
  const content = choice?.message.content ?? ''
  const thinking =
    body.reasoning_effort === undefined
      ? geminiDefaultThinking(String(body.model))
      : (GEMINI_THINKING[String(body.reasoning_effort)] ?? 0)
  const limit = Number(body.max_tokens ?? body.max_completion_tokens ?? 65536)
  const room = Math.max(0, limit - thinking) * 4
  const text = content.length > room ? content.slice(0, room) : content
  const finish = content.length > room ? 'length' : 'stop'
  const usage = {
    prompt_tokens: 412,
    completion_tokens: Math.ceil(text.length / 4),
    total_tokens: 412 + Math.ceil(text.length / 4) + thinking,
  }
  const id = 'gIVKaaK3N5-Kz7IPu5uH-QQ'
  if (body.stream !== true)
    return HttpResponse.json({
      choices: [{ finish_reason: finish, index: 0, message: { content: text, role: 'assistant' } }],
      created: 1764419456,
      id,
      model: String(body.model),
      object: 'chat.completion',
      usage,
    })
  const pieces = text.match(/[\s\S]{1,40}/g) ?? ['']
  const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
  const events = pieces.map((piece, i) => {
    const last = i === pieces.length - 1
    return {
      choices: [{ delta: { content: piece, role: 'assistant' }, index: 0, ...(last ? { finish_reason: finish } : {}) }],
      created: 1764419456,
      id,
      model: String(body.model),
      object: 'chat.completion.chunk',
      ...(last && withUsage ? { usage } : {}),
    }
  })
  return sse([...events.map((e) => `data: ${JSON.stringify(e)}`), 'data: [DONE]'])
}

/** Anthropic's error body: `{type: "error", error: {type, message}}`. */
function anthropicError(status: number, message: string): Response {
  return HttpResponse.json({ type: 'error', error: { type: 'invalid_request_error', message } }, { status })
}

/**
 * Anthropic's OpenAI SDK compatibility (docs.claude.com/en/api/openai-sdk): `n` must be 1 and a
 * temperature below 0 is refused (above 1 it is capped); `response_format`, `reasoning_effort`,
 * `seed`, `logprobs` … are ignored, like most fields it does not support.
 */
export const anthropicJudge: Judge = (body) => {
  if (body.n !== undefined && body.n !== 1) return anthropicError(400, 'n: only n=1 is supported')
  if (typeof body.temperature === 'number' && body.temperature < 0)
    return anthropicError(400, 'temperature: Input should be greater than or equal to 0')
  if (!Array.isArray(body.messages)) return anthropicError(400, 'messages: Field required')
  return undefined
}

/**
 * What Claude writes when `response_format` is ignored: with the JSON Schema in its instructions,
 * the JSON in a code fence after a line of introduction; without it, the translation as an editor
 * would hand it over, in prose (the recorded English, paragraph after paragraph; a summary's English).
 */
export const claudeWording: Wording = (json, body) => {
  if (/JSON Schema/.test(systemOf(body))) return `Here is the JSON you asked for:\n\n\`\`\`json\n${json}\n\`\`\``
  const answer = JSON.parse(json) as { translations?: Array<{ en: string }>; en?: string }
  const prose = answer.translations ? answer.translations.map((t) => t.en).join('\n\n') : (answer.en ?? '')
  return `Here is the translation:\n\n${prose}`
}

/**
 * DeepSeek (api-docs.deepseek.com): `json_schema` is refused (JSON Output is `json_object`, and the
 * prompt must say "json"); `max_tokens` is at most 8,192 for deepseek-chat and 65,536 for
 * deepseek-reasoner; deepseek-reasoner refuses `logprobs` and `top_logprobs` (its temperature is
 * accepted, and ignored).
 */
export const deepseekJudge: Judge = (body) => {
  const deepseekError = (message: string) =>
    HttpResponse.json(
      { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_request_error' } },
      { status: 400 },
    )
  if (formatOf(body) === 'json_schema') return deepseekError('This response_format type is unavailable now')
  if (formatOf(body) === 'json_object' && !mentionsJson(body))
    return deepseekError(
      "Prompt must contain the word 'json' in some form to use 'response_format' of type 'json_object'",
    )
  if (body.model === 'deepseek-chat' && typeof body.max_tokens === 'number' && body.max_tokens > 8192)
    return deepseekError('Invalid max_tokens value, the valid range of max_tokens is [1, 8192]')
  // deepseek-reasoner's `max_tokens` counts its thinking too: 32K by default, 64K at most (reasoning_model guide).
  if (body.model === 'deepseek-reasoner' && typeof body.max_tokens === 'number' && body.max_tokens > 65536)
    return deepseekError('Invalid max_tokens value, the valid range of max_tokens is [1, 65536]')
  if (body.model === 'deepseek-reasoner' && ('logprobs' in body || 'top_logprobs' in body))
    return deepseekError('deepseek-reasoner does not support logprobs')
  return openSchemaJudge(body, new Headers())
}

/**
 * How DeepSeek streams: `: keep-alive` comments while the request waits, then deepseek-reasoner's
 * thinking in `reasoning_content` (braces and all) before the answer in `content`; the usage on a
 * last chunk with no choices when asked for, then `[DONE]`.
 */
export const deepseekWriter: Writer = (completion, body) => {
  const choice = (completion.choices as Array<{ message: { content: string } }>)[0]
  const content = choice?.message.content ?? ''
  const reasoner = body.model === 'deepseek-reasoner'
  const thinking = reasoner
    ? [
        'The user wants these paragraphs in English, as {"translations": [...]}. ',
        'I will keep every figure and name as it is.',
      ]
    : []
  const usage = {
    prompt_tokens: 388,
    completion_tokens: Math.ceil(content.length / 4) + (reasoner ? 120 : 0),
    total_tokens: 388 + Math.ceil(content.length / 4) + (reasoner ? 120 : 0),
    prompt_cache_hit_tokens: 0,
    prompt_cache_miss_tokens: 388,
    ...(reasoner ? { completion_tokens_details: { reasoning_tokens: 120 } } : {}),
  }
  const base = {
    id: '7b3c0c5e-2f54-4c1c-9a55-6a1f0f4c2d11',
    object: 'chat.completion.chunk',
    created: 1764419456,
    model: String(body.model),
    system_fingerprint: 'fp_8802369eaa_prod0623',
  }
  if (body.stream !== true)
    return HttpResponse.json({
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content,
            ...(reasoner ? { reasoning_content: thinking.join('') } : {}),
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    })
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}`
  const withUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
  return sse([
    ': keep-alive',
    ': keep-alive',
    chunk({ role: 'assistant', content: reasoner ? null : '', ...(reasoner ? { reasoning_content: '' } : {}) }),
    ...thinking.map((text) => chunk({ content: null, reasoning_content: text })),
    ...(content.match(/[\s\S]{1,23}/g) ?? []).map((piece) =>
      chunk({ content: piece, ...(reasoner ? { reasoning_content: null } : {}) }),
    ),
    chunk({ content: '' }, 'stop'),
    ...(withUsage ? [`data: ${JSON.stringify({ ...base, choices: [], usage })}`] : []),
    'data: [DONE]',
  ])
}

// Groq's models with structured outputs (console.groq.com/docs/structured-outputs); the others
// refuse `json_schema`.
const GROQ_STRUCTURED = /^(openai\/gpt-oss|moonshotai\/kimi-k2|meta-llama\/llama-4)/

/**
 * Groq (console.groq.com/docs/openai): `logprobs`, `logit_bias`, `top_logprobs`, `messages[].name`
 * and `n` other than 1 are 400s; `response_format` does not stream; `json_schema` only on the models
 * with structured outputs; `json_object` needs the word "json" in the messages.
 */
export const groqJudge: Judge = (body) => {
  const groqError = (message: string, param: string | null = null) =>
    HttpResponse.json({ error: { message, type: 'invalid_request_error', param } }, { status: 400 })
  for (const field of ['logprobs', 'logit_bias', 'top_logprobs'])
    if (field in body) return groqError(`\`${field}\` is not supported`, field)
  if ((body.messages as Array<Record<string, unknown>>).some((m) => 'name' in m))
    return groqError('`messages[].name` is not supported')
  if (body.n !== undefined && body.n !== 1) return groqError('`n` must be at most 1', 'n')
  const format = formatOf(body)
  if (format !== 'text' && body.stream === true) return groqError('response_format` does not support streaming')
  if (format === 'json_schema' && !GROQ_STRUCTURED.test(String(body.model)))
    return groqError('This model does not support response format `json_schema`', 'response_format')
  if (format === 'json_object' && !mentionsJson(body))
    return groqError(
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
    )
  return openSchemaJudge(body, new Headers())
}

/**
 * xAI (docs.x.ai): OpenAI's request schema; the grok-4 models refuse `reasoning_effort`,
 * `presence_penalty`, `frequency_penalty` and `stop`, in xAI's own error body.
 */
export const xaiJudge: Judge = (body) => {
  if (/^grok-4/.test(String(body.model))) {
    const refused = ['reasoning_effort', 'presence_penalty', 'frequency_penalty', 'stop'].find((f) => f in body)
    if (refused)
      return HttpResponse.json(
        { code: 'Client specified an invalid argument', error: `Argument not supported on this model: ${refused}` },
        { status: 400 },
      )
  }
  return openSchemaJudge(body, new Headers())
}

/** LM Studio's local server: structured output is `json_schema` only (`json_object` is refused). */
export const lmStudioJudge: Judge = (body) => {
  if (formatOf(body) === 'json_object')
    return HttpResponse.json({ error: "'response_format.type' must be 'json_schema' or 'text'" }, { status: 400 })
  return openSchemaJudge(body, new Headers())
}

function sse(events: string[]): Response {
  return new HttpResponse(events.map((e) => `${e}\n\n`).join(''), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8' },
  })
}

// Cerebras's reasoning models: the ones that think before answering.
const CEREBRAS_REASONING = /^(gpt-oss|qwen-3-.*thinking|zai-glm)/

/**
 * Cerebras (inference-docs.cerebras.ai): `frequency_penalty`, `logit_bias`, `presence_penalty`,
 * `parallel_tool_calls` and `service_tier` are 400s, and a reasoning model does not stream with
 * structured outputs; its error body is flat (`{message, type, param, code: "wrong_api_format"}`).
 */
export const cerebrasJudge: Judge = (body) => {
  const cerebrasError = (message: string, param: string) =>
    HttpResponse.json({ message, type: 'invalid_request_error', param, code: 'wrong_api_format' }, { status: 400 })
  const refused = ['frequency_penalty', 'logit_bias', 'presence_penalty', 'parallel_tool_calls', 'service_tier'].find(
    (field) => field in body,
  )
  if (refused) return cerebrasError(`property '${refused}' is unsupported`, refused)
  if (body.stream === true && formatOf(body) !== 'text' && CEREBRAS_REASONING.test(String(body.model)))
    return cerebrasError(
      '"stream=true" with structured outputs is currently not supported for reasoning models.',
      'response_format',
    )
  return openSchemaJudge(body, new Headers())
}

// The JSON Schema keywords Anthropic's structured outputs refuse (docs.claude.com, build-with-claude/
// structured-outputs, "JSON Schema limitations": no numerical constraints, no string length constraints,
// no array constraints beyond minItems 0 or 1). Reported word for word: "output_format.schema: For
// 'integer' type, property 'minimum' is not supported" (agentjido/req_llm#302), and behind OpenRouter
// (sherifkozman/the-llm-council#55).
const ANTHROPIC_UNSUPPORTED = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']
const ANTHROPIC_UNSUPPORTED_TEXT = ['minLength', 'maxLength', 'maxItems']

/** The first keyword of `schema` (at any depth) that Anthropic's structured outputs refuse, with its type. */
function anthropicSchemaRefusal(schema: unknown): string | undefined {
  if (Array.isArray(schema)) return schema.map(anthropicSchemaRefusal).find((found) => found !== undefined)
  if (typeof schema !== 'object' || schema === null) return undefined
  const node = schema as Record<string, unknown>
  const refused = [...ANTHROPIC_UNSUPPORTED, ...ANTHROPIC_UNSUPPORTED_TEXT].filter((k) => typeof node[k] === 'number')
  if (typeof node.minItems === 'number' && node.minItems > 1) refused.push('minItems')
  if (refused.length > 0)
    return `For '${String(node.type)}' type, ${refused.length > 1 ? 'properties' : 'property'} ${refused
      .map((k) => `'${k}'`)
      .join(', ')} ${refused.length > 1 ? 'are' : 'is'} not supported`
  // Deeper: `properties` (a property named `minimum` is a schema there, not a number), `items` …
  return Object.values(node)
    .map(anthropicSchemaRefusal)
    .find((found) => found !== undefined)
}

/**
 * OpenRouter (openrouter.ai/docs/api-reference/errors): OpenAI's request schema; a request the upstream
 * provider refuses comes back as `{error: {code, message: "Provider returned error", metadata:
 * {provider_name, raw}}}`, the provider's own words only in `metadata.raw`. Claude models take
 * `json_schema` there as Anthropic's structured outputs, with Anthropic's schema limitations.
 */
export const openRouterJudge: Judge = (body) => {
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined
  if (/^anthropic\//.test(String(body.model)) && format?.type === 'json_schema') {
    const refusal = anthropicSchemaRefusal(format.json_schema?.schema)
    if (refusal !== undefined) {
      const message = `output_format.schema: ${refusal}`
      const raw = { type: 'error', error: { type: 'invalid_request_error', message } }
      return HttpResponse.json(
        {
          error: {
            code: 400,
            message: 'Provider returned error',
            metadata: { provider_name: 'Anthropic', raw: JSON.stringify(raw) },
          },
          user_id: 'user_2yPq9nJ8rVvT3kLm',
        },
        { status: 400 },
      )
    }
  }
  return openSchemaJudge(body, new Headers())
}
