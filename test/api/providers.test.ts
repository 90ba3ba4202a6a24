import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { answerChatCompletion, createMemory } from '../../replay/answer.ts'
import { TranslationResult } from '../../src/schemas/response'
import { expectProblem, fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import { server } from '../support/model-server'
import {
  azureJudge,
  fakeProvider,
  fenced,
  gatewayJudge,
  type Judge,
  mistralJudge,
  noJsonSchemaJudge,
  openAIJudge,
  openSchemaJudge,
} from '../support/providers'

const KEY = 'sk-provider-test'

/** Translates the seed article against `baseURL` with these settings. */
async function translate(settings: Record<string, string | undefined>, summary = 'standard'): Promise<Response> {
  return fetchWithEnv({ OPENAI_API_KEY: KEY, ...settings }, '/v1/translations', jsonPost({ text: SEED_TEXT, summary }))
}

async function translated(res: Response): Promise<TranslationResult> {
  expect(res.status, await res.clone().text()).toBe(200)
  const result = TranslationResult.parse(await res.json())
  expect(result.paragraphs).toHaveLength(12)
  expect(result.summary?.en).toMatch(/\w/)
  return result
}

// The fields each request must carry, per model, as OpenAI documents them.
const OPENAI_MODELS: Array<[string, Record<string, unknown>, string[]]> = [
  ['gpt-5.4-mini', { reasoning_effort: 'none' }, ['temperature', 'max_tokens']],
  ['gpt-5.5', { reasoning_effort: 'none' }, ['temperature', 'max_tokens']],
  ['gpt-5-mini', { reasoning_effort: 'minimal' }, ['temperature', 'max_tokens']],
  ['o4-mini', { reasoning_effort: 'low' }, ['temperature', 'max_tokens']],
  ['gpt-4.1-mini', { temperature: 0 }, ['reasoning_effort', 'max_tokens']],
  ['gpt-4o', { temperature: 0 }, ['reasoning_effort', 'max_tokens']],
]

afterEach(() => vi.restoreAllMocks())

describe('every provider a user would pick works on the first call', () => {
  it.each(OPENAI_MODELS)('OpenAI %s: no request refused, no deprecated field sent', async (model, present, absent) => {
    const base = `https://api.openai.com/v1`
    const provider = fakeProvider(base, openAIJudge)
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: model }))
    expect(provider.log.refused).toEqual([])
    expect(provider.log.accepted.length).toBeGreaterThan(1)
    for (const body of provider.log.accepted) {
      expect(body).toMatchObject({ model, ...present, max_completion_tokens: expect.any(Number) })
      for (const field of absent) expect(body).not.toHaveProperty(field)
      expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } })
    }
    expect(provider.log.headers[0]?.get('authorization')).toBe(`Bearer ${KEY}`)
  })

  it('Azure OpenAI (v1 endpoint): the key in api-key, the deployment as the model', async () => {
    const base = 'https://newsroom.openai.azure.com/openai/v1'
    const provider = fakeProvider(base, azureJudge(KEY, 'gpt-5.4-mini'))
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'translator', MODEL_PROFILE: 'openai-gpt-5.x' }))
    expect(provider.log.refused).toEqual([])
    expect(provider.log.accepted.every((body) => body.model === 'translator' && !('max_tokens' in body))).toBe(true)
  })

  it('Cloudflare AI Gateway, provider endpoint: cf-aig-authorization for an authenticated gateway', async () => {
    const base = 'https://gateway.ai.cloudflare.com/v1/acc123/newsroom/openai'
    const provider = fakeProvider(base, gatewayJudge('gw-token', openAIJudge))
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-5.4-mini', AI_GATEWAY_TOKEN: 'gw-token' }))
    expect(provider.log.refused).toEqual([])
  })

  it('Cloudflare AI Gateway, unified endpoint: a Workers AI model named with its provider', async () => {
    const base = 'https://gateway.ai.cloudflare.com/v1/acc123/newsroom/compat'
    const provider = fakeProvider(base, gatewayJudge('gw-token', openSchemaJudge))
    await translated(
      await translate({
        OPENAI_BASE_URL: base,
        MODEL: 'workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast',
        AI_GATEWAY_TOKEN: 'gw-token',
      }),
    )
    expect(provider.log.refused).toEqual([])
    expect(provider.log.accepted[0]).toMatchObject({ temperature: 0, max_tokens: expect.any(Number) })
  })

  it('Workers AI over its OpenAI-compatible REST endpoint', async () => {
    const base = 'https://api.cloudflare.com/client/v4/accounts/acc123/ai/v1'
    const provider = fakeProvider(base, openSchemaJudge)
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: '@cf/meta/llama-3.3-70b-instruct-fp8-fast' }))
    expect(provider.log.refused).toEqual([])
    expect(provider.log.accepted[0]).toMatchObject({ max_tokens: expect.any(Number) })
  })

  it('OpenRouter, with an OpenAI model and with another', async () => {
    const base = 'https://openrouter.ai/api/v1'
    const provider = fakeProvider(base, openSchemaJudge)
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'openai/gpt-5.4-mini' }))
    expect(provider.log.accepted[0]).toMatchObject({
      reasoning_effort: 'none',
      max_completion_tokens: expect.any(Number),
    })
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'mistralai/mistral-small-3.2-24b-instruct' }))
    expect(provider.log.accepted.at(-1)).toMatchObject({ temperature: 0, max_tokens: expect.any(Number) })
    expect(provider.log.refused).toEqual([])
  })

  it('Mistral: only the fields it knows', async () => {
    const base = 'https://api.mistral.ai/v1'
    const provider = fakeProvider(base, mistralJudge)
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'mistral-small-latest' }))
    expect(provider.log.refused).toEqual([])
  })

  it('Ollama: max_tokens, as its OpenAI compatibility documents', async () => {
    const base = 'http://localhost:11434/v1'
    const provider = fakeProvider(base, openSchemaJudge)
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'llama3.2' }))
    expect(provider.log.refused).toEqual([])
    expect(
      provider.log.accepted.every((body) => typeof body.max_tokens === 'number' && !('max_completion_tokens' in body)),
    ).toBe(true)
  })

  it(
    'vLLM without structured outputs: json_schema refused once, then json_object with the schema in the ' +
      'instructions',
    async () => {
      const base = 'http://vllm.newsroom.test:8000/v1'
      const provider = fakeProvider(base, noJsonSchemaJudge({ jsonObject: true }))
      const result = await translated(
        await translate({
          OPENAI_BASE_URL: base,
          MODEL: 'Qwen/Qwen3-8B',
          MODEL_PROFILE: 'vllm',
          MODEL_CONCURRENCY: '1',
        }),
      )
      expect(provider.log.refused).toHaveLength(1)
      const later = provider.log.accepted.at(-1) as { response_format: unknown; messages: Array<{ content: string }> }
      expect(later.response_format).toEqual({ type: 'json_object' })
      expect(later.messages[0]?.content).toMatch(/JSON Schema/)
      // The correction is not a retry of the answer: only accepted calls are counted.
      expect(result.usage.model_calls).toBe(provider.log.accepted.length)
    },
  )

  it('a server with no JSON mode at all: the schema in the instructions, a fenced answer unwrapped', async () => {
    const base = 'http://plain.newsroom.test/v1'
    const provider = fakeProvider(base, noJsonSchemaJudge({ jsonObject: false }), { wording: fenced })
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'local-model', MODEL_CONCURRENCY: '1' }))
    expect(provider.log.refused).toHaveLength(2)
    expect(provider.log.accepted.every((body) => !('response_format' in body))).toBe(true)
  })
})

describe('requests that correct themselves', () => {
  it('drops a field a new model refuses, once, remembers it, and says so once in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const base = 'https://tomorrow.openai.test/v1'
    // A model released tomorrow: refuses temperature like the reasoning models, and json_schema.
    const judge: Judge = (body) => {
      if ('temperature' in body) {
        return HttpResponse.json(
          {
            error: {
              message: "Unsupported value: 'temperature' does not support 0 with this model.",
              type: 'invalid_request_error',
              param: 'temperature',
              code: 'unsupported_value',
            },
          },
          { status: 400 },
        )
      }
      if ((body.response_format as { type?: string }).type === 'json_schema') {
        return HttpResponse.json(
          {
            error: {
              message:
                "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this " + 'model.',
              type: 'invalid_request_error',
              param: null,
              code: null,
            },
          },
          { status: 400 },
        )
      }
      return openSchemaJudge(body, new Headers())
    }
    const provider = fakeProvider(base, judge)
    // Six calls open at once: each may be refused before the first correction is learned.
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-7-mini' }))
    const refusedFirst = provider.log.refused.length
    expect(refusedFirst).toBeGreaterThanOrEqual(2)
    expect(refusedFirst).toBeLessThanOrEqual(12)
    const corrections = warn.mock.calls.map((args) => String(args[0])).filter((line) => / refused /.test(line))
    expect(corrections).toHaveLength(2)
    expect(corrections.join('\n')).not.toMatch(/does not support|Invalid parameter/)

    // The next request (a shorter summary: one new call) is sent right the first time.
    const accepted = provider.log.accepted.length
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-7-mini' }, 'short'))
    expect(provider.log.accepted).toHaveLength(accepted + 1)
    expect(provider.log.refused).toHaveLength(refusedFirst)
  })

  it('neither corrects nor retries a refusal that names no field of ours, and keeps its text out', async () => {
    const base = 'https://context.openai.test/v1'
    const secretish = 'This model maximum context length is 10 tokens; key sk-provider-test'
    const provider = fakeProvider(base, () =>
      HttpResponse.json(
        {
          error: {
            message: secretish,
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        },
        { status: 400 },
      ),
    )
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-4.1-mini' })
    expect(res.status).toBe(502)
    const text = await res.text()
    expect(JSON.parse(text)).toMatchObject({
      type: '/problems/model-refused-request',
      provider_status: 400,
      provider_code: 'context_length_exceeded',
    })
    expect(text).not.toMatch(/kept failing/)
    expect(text).not.toContain('maximum context length')
    expect(text).not.toContain(KEY)
    expect(JSON.stringify(error.mock.calls)).not.toContain(KEY)
    // One request per batch and one for the summary: none sent twice.
    const perInput = new Set(provider.log.refused.map((r) => JSON.stringify(r.body.messages)))
    expect(perInput.size).toBe(provider.log.refused.length)
  })
})

describe('what the replay model and local servers make honest', () => {
  it('marks token counts as estimates when the provider reports none', async () => {
    const base = 'http://no-usage.local.test/v1'
    fakeProvider(base, openSchemaJudge, { usage: false })
    const result = await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'local-model' }))
    expect(result.usage).toMatchObject({ tokens_estimated: true, input_tokens: expect.any(Number) })
    expect(result.usage.input_tokens).toBeGreaterThan(0)

    const reported = 'http://with-usage.local.test/v1'
    fakeProvider(reported, openSchemaJudge)
    const counted = await translated(await translate({ OPENAI_BASE_URL: reported, MODEL: 'local-model-2' }))
    expect(counted.usage).not.toHaveProperty('tokens_estimated')
  })

  it('passes on the replay model refusing text it has no recording for, with what was recorded', async () => {
    const base = 'http://127.0.0.1:8788/v1'
    // As the replay server answers an unrecorded paragraph: 422, code no_recording.
    server.use(
      http.post(`${base}/chat/completions`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>
        const user = JSON.parse((body.messages as Array<{ content: string }>)[1]?.content ?? '{}') as {
          paragraphs?: Array<{ fr: string }>
        }
        if (user.paragraphs?.some((p) => p.fr.includes('aucun enregistrement'))) {
          return HttpResponse.json(
            { error: { message: 'no recording', type: 'invalid_request_error', param: null, code: 'no_recording' } },
            { status: 422 },
          )
        }
        const memory = createMemory([seed])
        const answer = answerChatCompletion(body, memory, 'replay')
        return HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status })
      }),
    )
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const text = `${SEED_TEXT}\nUn paragraphe qu’aucun enregistrement ne connaît.`
    const res = await fetchWithEnv(
      {
        OPENAI_API_KEY: 'replay',
        OPENAI_BASE_URL: base,
        MODEL: 'replay',
        MODEL_PROFILE: 'openai-chat',
        MAX_RETRIES: '0',
        MIN_BATCH_TOKENS: '50',
      },
      '/v1/translations',
      jsonPost({ text, summary: 'none' }),
    )
    // The worker knows nothing of replay: the refusal is a provider's, with its code.
    expect(res.status).toBe(502)
    const problem = (await res.json()) as {
      type: string
      detail: string
      provider_code: string
      missing_paragraphs: number[]
    }
    expect(problem.type).toBe('/problems/model-refused-request')
    expect(problem.provider_code).toBe('no_recording')
    expect(problem.detail).toMatch(/HTTP 422, no_recording/)
    expect(problem.detail).not.toMatch(/kept failing|Everything else is cached/)
    expect(problem.missing_paragraphs).toContain(12)
  })
})

describe('errors that name the fix', () => {
  it('names OPENAI_BASE_URL and the host of an unreachable endpoint, and claims nothing was cached', async () => {
    const base = 'http://unreachable.newsroom.test:1/v1'
    server.use(http.post(`${base}/chat/completions`, () => HttpResponse.error()))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await translate({
      OPENAI_BASE_URL: base,
      MODEL: 'gpt-5.4-mini',
      MAX_RETRIES: '1',
      RETRY_BASE_DELAY_MS: '0',
    })
    expect(res.status).toBe(502)
    const problem = (await res.json()) as { setting: string; detail: string }
    expect(problem.setting).toBe('OPENAI_BASE_URL')
    expect(problem.detail).toContain('unreachable.newsroom.test:1')
    expect(problem.detail).not.toMatch(/Everything else is cached/)
  })
})

describe('provider signals', () => {
  it.each([
    [
      'a body that is not JSON',
      () =>
        new HttpResponse(`Bearer ${KEY} upstream exploded`, {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    ],
    ['JSON that is not a chat completion', () => HttpResponse.json({ [KEY]: 'odd', note: `Bearer ${KEY}` })],
    ['an empty body', () => new HttpResponse('', { status: 200, headers: { 'Content-Type': 'application/json' } })],
  ])('answers %s from a broken gateway with a 502 in our words, the key nowhere', async (_name, answer) => {
    const base = `https://broken-${_name.length}.gateway.test/v1`
    server.use(http.post(`${base}/chat/completions`, answer))
    const logged: string[] = []
    const keep = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    vi.spyOn(console, 'warn').mockImplementation(keep)
    vi.spyOn(console, 'error').mockImplementation(keep)
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-4.1-mini', MAX_RETRIES: '1' })
    expect(res.status).toBe(502)
    const text = await res.text()
    expect(text).toMatch(/not (valid JSON|a chat completion)|not valid JSON|does not match/)
    expect(text).not.toContain(KEY)
    expect(logged.join('\n')).not.toContain(KEY)
  })

  it('takes message.refusal as a refusal, whatever the content, and never serves it', async () => {
    const base = 'https://refuses.openai.test/v1'
    server.use(
      http.post(`${base}/chat/completions`, () =>
        HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'gpt-5.4-mini',
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: '{"translations":[]}',
                refusal: "I'm sorry, I can't help with that.",
              },
              finish_reason: 'stop',
              logprobs: null,
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      ),
    )
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-5.4-mini', MAX_RETRIES: '1' })
    expect(res.status).toBe(502)
    const text = await res.text()
    expect(text).toMatch(/declined/)
    expect(text).not.toContain("can't help")
  })

  it('obeys x-should-retry: true on a status it would not retry, and false on one it would', async () => {
    const base = 'https://hints.openai.test/v1'
    let attempts = 0
    const provider = fakeProvider(base, (body) => {
      attempts++
      if (attempts === 1)
        return HttpResponse.json(
          { error: { message: 'try again', type: 'invalid_request_error', param: null, code: null } },
          { status: 400, headers: { 'x-should-retry': 'true' } },
        )
      return openAIJudge(body, new Headers())
    })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await translated(await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-5.4-mini', MODEL_CONCURRENCY: '1' }))
    expect(provider.log.refused).toHaveLength(1)

    const never = 'https://never.openai.test/v1'
    const refusing = fakeProvider(never, () =>
      HttpResponse.json(
        { error: { message: 'overloaded', type: 'server_error', param: null, code: null } },
        { status: 503, headers: { 'x-should-retry': 'false' } },
      ),
    )
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await translate({ OPENAI_BASE_URL: never, MODEL: 'gpt-5.5', MODEL_CONCURRENCY: '1' })
    expect(res.status).toBe(502)
    const perInput = new Set(refusing.log.refused.map((r) => JSON.stringify(r.body.messages)))
    expect(perInput.size).toBe(refusing.log.refused.length)
  })
})

/** A stand-in for the `AI` binding that answers like Workers AI's JSON mode, from the recordings. */
function fakeAiBinding(behaviour: { jsonMode?: boolean; fail?: string } = {}) {
  const memory = createMemory([seed])
  const calls: Array<{ model: string; inputs: Record<string, unknown> }> = []
  return {
    calls,
    binding: {
      async run(model: string, inputs: Record<string, unknown>) {
        calls.push({ model, inputs })
        if (behaviour.fail) throw new Error(behaviour.fail)
        if (behaviour.jsonMode === false && inputs.response_format)
          throw new Error('5006: response_format is not supported for this model')
        const answer = answerChatCompletion({ model, messages: inputs.messages }, memory, model)
        if (answer.status !== 200) throw new Error('5006: bad input')
        const content =
          (answer.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content ?? ''
        // JSON mode answers with the object itself; plain mode with text.
        return {
          response: inputs.response_format ? JSON.parse(content) : content,
          usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        }
      },
    },
  }
}

describe('Workers AI through the AI binding', () => {
  const MODEL = '@cf/meta/llama-3.3-70b-instruct-fp8-fast'

  it('translates with no third-party key and no outbound request', async () => {
    const ai = fakeAiBinding()
    const res = await fetchWithEnv(
      { AI: ai.binding, MODEL, OPENAI_API_KEY: undefined },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    const result = await translated(res)
    expect(result.model).toBe(MODEL)
    expect(ai.calls.length).toBeGreaterThan(1)
    expect(ai.calls[0]?.inputs).toMatchObject({
      max_tokens: expect.any(Number),
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { type: 'object' } },
    })
  })

  it('asks with the schema in the instructions when a model has no JSON mode', async () => {
    const ai = fakeAiBinding({ jsonMode: false })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    await translated(
      await fetchWithEnv(
        { AI: ai.binding, MODEL: '@cf/some/model-without-json-mode', OPENAI_API_KEY: undefined },
        '/v1/translations',
        jsonPost({ text: SEED_TEXT }),
      ),
    )
    expect(ai.calls.at(-1)?.inputs).not.toHaveProperty('response_format')
  })

  it('names MODEL when Workers AI does not know the model', async () => {
    const ai = fakeAiBinding({ fail: '5007: No such model @cf/nobody/nothing or task' })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await fetchWithEnv(
      { AI: ai.binding, MODEL: '@cf/nobody/nothing', OPENAI_API_KEY: undefined },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ setting: 'MODEL' })
  })

  it("says the model's terms are not agreed to (5016), not that a key is wrong, and does not retry", async () => {
    const ai = fakeAiBinding({ fail: '5016: User has not agreed to Llama3.2 model terms' })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await fetchWithEnv(
      { AI: ai.binding, MODEL: '@cf/meta/llama-3.2-11b-vision-instruct', OPENAI_API_KEY: undefined, MAX_RETRIES: '3' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    const problem = await expectProblem(res, 503, 'model-not-configured')
    expect(problem.setting).toBe('MODEL')
    expect(problem.detail).toMatch(/terms are agreed to/)
    expect(problem.detail).not.toMatch(/OPENAI_API_KEY/)
    // One call per batch and one for the summary: a 403 is not retried.
    expect(ai.calls.length).toBeLessThanOrEqual(4)
  })

  it('tells the daily free allocation (3036) apart from a rate limit', async () => {
    const ai = fakeAiBinding({
      fail:
        '3036: You have used up your daily free allocation of 10,000 neurons. ' +
        "Please upgrade to Cloudflare's Workers Paid plan if you would like to continue usage.",
    })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await fetchWithEnv(
      { AI: ai.binding, MODEL, OPENAI_API_KEY: undefined, MAX_RETRIES: '3' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_code: '3036', setting: 'MODEL' })
    expect(problem.detail).toMatch(/daily free allocation is used up \(3036\)/)
    expect(ai.calls.length).toBeLessThanOrEqual(4)
  })

  it('says to add the binding when MODEL is a Workers AI model and there is none', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await fetchWithEnv(
      { MODEL, OPENAI_API_KEY: undefined },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    expect(res.status).toBe(503)
    const problem = (await res.json()) as { setting: string; detail: string }
    expect(problem.setting).toBe('AI')
    expect(problem.detail).toMatch(/\[ai\] binding = "AI"/)
  })
})
