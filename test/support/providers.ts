/**
 * Fake providers on their real HTTP APIs (msw), each refusing what that provider documents
 * it refuses: OpenAI's schema and per-model rules, Azure's and AI Gateway's headers,
 * Mistral's closed field list (422 `extra_forbidden`), servers without `json_schema`.
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

/** How the fake words its answer's content (a provider in plain mode may fence its JSON). */
export type Wording = (json: string) => string

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
  options: { wording?: Wording; usage?: boolean; ignoresStream?: boolean; writer?: Writer } = {},
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
      const answer = answerChatCompletion(body, memory, String(body.model))
      if (answer.status !== 200)
        return HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status })
      const completion = answer.body as { choices: Array<{ message: { content: string } }>; usage?: unknown }
      const choice = completion.choices[0]
      if (choice && options.wording) choice.message.content = options.wording(choice.message.content)
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
