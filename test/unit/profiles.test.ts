import { describe, expect, it } from 'vitest'
import { resolveProfile } from '../../src/model/profiles'
import {
  googleRetryDelayMs,
  safeIdentifier,
  toOpenAIErrorBody,
  withOpenAIErrorBodies,
} from '../../src/model/provider-errors'
import { buildChatBody, correctionFor, effectiveFields, unfence } from '../../src/model/request-fields'

const request = {
  system: 'Translate. Answer in JSON.',
  user: '{"paragraphs":[]}',
  schemaName: 'translation',
  schema: { type: 'object' },
  maxOutputTokens: 300,
}

describe('choosing a profile', () => {
  it.each([
    ['gpt-5.4-mini', 'https://api.openai.com/v1', 'openai-gpt-5.x'],
    ['gpt-5-nano', 'https://api.openai.com/v1', 'openai-gpt-5'],
    ['gpt-5-mini-2025-08-07', 'https://api.openai.com/v1', 'openai-gpt-5'],
    ['gpt-5.2-chat-latest', 'https://api.openai.com/v1', 'openai-chat'],
    ['o3', 'https://api.openai.com/v1', 'openai-o-series'],
    ['gpt-4.1-mini', 'https://api.openai.com/v1', 'openai-chat'],
    ['my-deployment', 'https://newsroom.openai.azure.com/openai/v1/', 'openai-chat'],
    ['gpt-5.4-mini', 'https://gateway.ai.cloudflare.com/v1/acc/gw/openai', 'openai-gpt-5.x'],
    [
      'workers-ai/@cf/meta/llama-3.3-70b-instruct-fp8-fast',
      'https://gateway.ai.cloudflare.com/v1/acc/gw/compat',
      'workers-ai',
    ],
    [
      '@cf/meta/llama-3.3-70b-instruct-fp8-fast',
      'https://api.cloudflare.com/client/v4/accounts/acc/ai/v1',
      'workers-ai',
    ],
    ['openai/gpt-5.4-mini', 'https://openrouter.ai/api/v1', 'openai-gpt-5.x'],
    ['anthropic/claude-sonnet-4.5', 'https://openrouter.ai/api/v1', 'openrouter'],
    ['mistral-small-latest', 'https://api.mistral.ai/v1', 'mistral'],
    ['llama3.2', 'http://localhost:11434/v1', 'ollama'],
    ['Qwen/Qwen3-8B', 'http://10.0.0.5:8000/v1', 'openai-compatible'],
    ['gemini-2.5-flash', 'https://generativelanguage.googleapis.com/v1beta/openai/', 'gemini'],
    ['gemini-3-pro-preview', 'https://generativelanguage.googleapis.com/v1beta/openai/', 'gemini-pro'],
    ['gemma-3-27b-it', 'https://generativelanguage.googleapis.com/v1beta/openai/', 'gemma'],
    ['claude-sonnet-4-5', 'https://api.anthropic.com/v1/', 'anthropic'],
    ['deepseek-chat', 'https://api.deepseek.com', 'deepseek'],
    ['deepseek-reasoner', 'https://api.deepseek.com/v1', 'deepseek-reasoner'],
    ['llama-3.3-70b-versatile', 'https://api.groq.com/openai/v1', 'groq'],
    ['grok-4-fast-non-reasoning', 'https://api.x.ai/v1', 'openai-compatible'],
    ['qwen/qwen3-8b', 'http://localhost:1234/v1', 'openai-compatible'],
    ['google-ai-studio/gemini-2.5-flash', 'https://gateway.ai.cloudflare.com/v1/acc/gw/compat', 'gemini'],
    ['deepseek-reasoner', 'https://gateway.ai.cloudflare.com/v1/acc/gw/deepseek', 'deepseek-reasoner'],
    ['openai/gpt-oss-120b', 'https://gateway.ai.cloudflare.com/v1/acc/gw/groq', 'groq'],
  ])('%s at %s → %s', (model, baseURL, name) => {
    expect(resolveProfile({ model, baseURL }).name).toBe(name)
  })

  it('takes MODEL_PROFILE over everything, and the binding for Workers AI', () => {
    expect(resolveProfile({ model: 'gpt-4.1-mini', baseURL: 'https://api.openai.com/v1', override: 'vllm' }).name).toBe(
      'vllm',
    )
    const binding = resolveProfile({
      model: '@cf/meta/llama-3.3-70b-instruct-fp8-fast',
      baseURL: 'https://api.openai.com/v1',
      binding: true,
    })
    expect([binding.name, binding.provider]).toEqual(['workers-ai', 'workers-ai'])
  })
})

describe('the request body', () => {
  it(
    'carries the current token field, the lowest effort and no temperature for a reasoning model, with room ' +
      'to reason',
    () => {
      const body = buildChatBody(
        'gpt-5.4-mini',
        effectiveFields(resolveProfile({ model: 'gpt-5.4-mini', baseURL: 'https://api.openai.com/v1' })),
        request,
      )
      expect(body).toEqual({
        model: 'gpt-5.4-mini',
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        max_completion_tokens: 812,
        reasoning_effort: 'none',
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'translation', strict: true, schema: { type: 'object' } },
        },
      })
    },
  )

  it('puts the schema in the instructions when the mode cannot enforce it', () => {
    const body = buildChatBody(
      'm',
      effectiveFields(resolveProfile({ model: 'm', baseURL: 'http://x.test/v1' }), { structured: 'prompt' }),
      request,
    )
    expect(body).not.toHaveProperty('response_format')
    expect((body.messages as Array<{ content: string }>)[0]?.content).toContain('{"type":"object"}')
  })
})

describe('correcting a refused request', () => {
  const body = {
    model: 'm',
    messages: [],
    max_tokens: 10,
    temperature: 0,
    reasoning_effort: 'low',
    response_format: { type: 'json_schema' },
  }

  it('follows the field the refusal names', () => {
    expect(
      correctionFor({ status: 400, param: 'max_tokens', code: 'unsupported_parameter' }, body, {})?.adjustments,
    ).toEqual({ tokenField: 'max_completion_tokens' })
    expect(correctionFor({ status: 400, param: 'temperature' }, body, {})?.adjustments).toEqual({
      omitTemperature: true,
    })
    expect(correctionFor({ status: 400, param: 'reasoning_effort' }, body, {})?.adjustments).toEqual({
      omitReasoningEffort: true,
    })
    expect(
      correctionFor({ status: 422, param: 'max_completion_tokens' }, { ...body, max_completion_tokens: 10 }, {})
        ?.adjustments,
    ).toEqual({ tokenField: 'max_tokens' })
  })

  it('finds the field in the message when no param is given, and steps down the structured-output modes', () => {
    const refusal = {
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    }
    expect(correctionFor(refusal, body, {})?.adjustments).toEqual({ structured: 'json_object' })
    expect(
      correctionFor(refusal, { ...body, response_format: { type: 'json_object' } }, { structured: 'json_object' })
        ?.adjustments,
    ).toEqual({ structured: 'prompt' })
  })

  it('raises an effort below low that is refused to low, and drops an effort of low that is refused', () => {
    const none = { ...body, reasoning_effort: 'none' }
    const thinkingOnly = { status: 400, message: 'Budget 0 is invalid. This model only works in thinking mode.' }
    expect(correctionFor(thinkingOnly, none, {})).toMatchObject({
      adjustments: { reasoningEffort: 'low' },
      field: 'reasoning_effort',
      instead: 'reasoning_effort low',
    })
    expect(
      effectiveFields(resolveProfile({ model: 'gemini-3-pro', baseURL: 'https://x.test/v1', override: 'gemini' }), {
        reasoningEffort: 'low',
      }).reasoningEffort,
    ).toBe('low')
    expect(
      correctionFor({ status: 400, message: 'Thinking level LOW is not supported for this model.' }, body, {
        reasoningEffort: 'low',
      })?.adjustments,
    ).toEqual({ reasoningEffort: 'low', omitReasoningEffort: true })
  })

  it('moves the instructions into the user message when the system message is refused', () => {
    const refusal = { status: 400, message: 'Developer instruction is not enabled for models/gemma-3-27b-it' }
    const correction = correctionFor(refusal, body, {})
    expect(correction).toMatchObject({ adjustments: { instructionsInUser: true }, field: 'the system message' })
    const fields = effectiveFields(
      resolveProfile({ model: 'local', baseURL: 'http://10.0.0.5:8000/v1' }),
      correction?.adjustments,
    )
    expect(buildChatBody('local', fields, request).messages).toEqual([
      { role: 'user', content: expect.stringMatching(/^Translate\. Answer in JSON\.[\s\S]*\n\{"paragraphs":\[\]\}$/) },
    ])
    // Learned once: the same words later name nothing left to move.
    expect(correctionFor(refusal, body, { instructionsInUser: true })).toBeUndefined()
    expect(
      correctionFor({ status: 400, message: 'JSON mode is not enabled for models/gemma-3-27b-it' }, body, {})
        ?.adjustments,
    ).toEqual({ structured: 'json_object' })
  })

  it("takes a refusal of the schema's own keywords (Gemini's) as a refusal of json_schema", () => {
    const refusal = {
      status: 400,
      message:
        'Invalid JSON payload received. Unknown name "additionalProperties" at ' +
        "'generation_config.response_schema.properties[0].value.items': Cannot find field.",
    }
    expect(correctionFor(refusal, body, {})).toMatchObject({
      adjustments: { structured: 'json_object' },
      field: 'response_format',
    })
    // Asked in JSON mode already, the same words name nothing sent.
    const jsonMode = { ...body, response_format: { type: 'json_object' } }
    expect(correctionFor(refusal, jsonMode, { structured: 'json_object' })).toBeUndefined()
  })

  it('leaves alone a refusal about anything else, or one it cannot improve on', () => {
    expect(correctionFor({ status: 400, param: 'messages', code: 'context_length_exceeded' }, body, {})).toBeUndefined()
    expect(correctionFor({ status: 401, param: 'temperature' }, body, {})).toBeUndefined()
    expect(
      correctionFor({ status: 400, message: 'temperature is bad' }, { model: 'm', messages: [] }, {}),
    ).toBeUndefined()
    const plain = { model: 'm', messages: [], max_tokens: 5 }
    expect(
      correctionFor({ status: 400, message: 'response_format json_schema unsupported' }, plain, {
        structured: 'prompt',
      }),
    ).toBeUndefined()
  })
})

describe("providers' error bodies", () => {
  it("reads the upstream provider's refusal that OpenRouter passes on in metadata.raw", () => {
    const raw = JSON.stringify({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required', param: 'max_tokens' },
    })
    const body = {
      error: { code: 400, message: 'Provider returned error', metadata: { provider_name: 'Anthropic', raw } },
    }
    expect(toOpenAIErrorBody(body).error).toEqual({
      message: 'max_tokens: Field required',
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: '400',
    })
    // A raw body that is not JSON leaves OpenRouter's own words.
    const opaque = { error: { code: 502, message: 'Provider returned error', metadata: { raw: 'upstream timeout' } } }
    expect(toOpenAIErrorBody(opaque).error).toMatchObject({ message: 'Provider returned error', code: '502' })
  })

  it("reads Mistral's, vLLM's and Cloudflare's shapes as OpenAI's", () => {
    expect(
      toOpenAIErrorBody({
        object: 'error',
        message: {
          detail: [
            { type: 'extra_forbidden', loc: ['body', 'max_completion_tokens'], msg: 'Extra inputs are not permitted' },
          ],
        },
        type: 'invalid_request_error',
      }).error,
    ).toMatchObject({ param: 'max_completion_tokens', code: 'extra_forbidden' })
    expect(
      toOpenAIErrorBody({ object: 'error', message: 'bad', type: 'BadRequestError', param: null, code: 400 }).error,
    ).toMatchObject({ message: 'bad', code: '400' })
    expect(
      toOpenAIErrorBody({ success: false, errors: [{ code: 2009, message: 'Unauthorized' }] }).error,
    ).toMatchObject({ code: '2009' })
  })

  it("reads Google's list of one error, its status as the type; Anthropic's and xAI's bodies", () => {
    expect(
      toOpenAIErrorBody([
        {
          error: {
            code: 400,
            message: 'Invalid reasoning_effort: minimal. Valid values are: high, low, medium, none',
            status: 'INVALID_ARGUMENT',
          },
        },
      ]).error,
    ).toEqual({
      message: 'Invalid reasoning_effort: minimal. Valid values are: high, low, medium, none',
      type: 'invalid_argument',
      param: null,
      code: '400',
    })
    expect(
      toOpenAIErrorBody({ type: 'error', error: { type: 'invalid_request_error', message: 'n: only n=1' } }).error,
    ).toMatchObject({ type: 'invalid_request_error', message: 'n: only n=1' })
    expect(
      toOpenAIErrorBody({ code: 'Client specified an invalid argument', error: 'Argument not supported: stop' }).error,
    ).toMatchObject({ message: 'Argument not supported: stop', code: null })
  })

  it("turns the wait in Google's RetryInfo into retry-after-ms, unless a header already says one", async () => {
    const quota = [
      {
        error: {
          code: 429,
          message: 'You exceeded your current quota, please check your plan and billing details.',
          status: 'RESOURCE_EXHAUSTED',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
            { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '41s' },
          ],
        },
      },
    ]
    expect(googleRetryDelayMs(quota)).toBe(41_000)
    expect(googleRetryDelayMs({ error: { details: [{ retryDelay: '41s' }] } })).toBeUndefined()
    const answer = (headers: Record<string, string>) =>
      withOpenAIErrorBodies(async () =>
        Response.json(quota, { status: 429, headers: { 'content-type': 'application/json', ...headers } }),
      )('https://x.test/v1/chat/completions')
    const rewritten = await answer({})
    expect(rewritten.headers.get('retry-after-ms')).toBe('41000')
    // Google's `"code": 429` is the status again: dropped, as it says nothing more.
    expect(await rewritten.json()).toMatchObject({ error: { type: 'resource_exhausted', code: null } })
    expect((await answer({ 'retry-after': '3' })).headers.get('retry-after-ms')).toBeNull()
  })

  it('keeps codes that look like identifiers and drops anything that could be text or a key', () => {
    expect(safeIdentifier('unsupported_parameter')).toBe('unsupported_parameter')
    expect(safeIdentifier(3040)).toBe('3040')
    expect(safeIdentifier('sk-proj-AbC123')).toBeUndefined()
    expect(safeIdentifier('Invalid value for temperature')).toBeUndefined()
  })

  it('unwraps a fenced JSON answer, also after a line of introduction', () => {
    expect(unfence('```json\n{"a":1}\n```')).toBe('{"a":1}')
    expect(unfence('{"a":1}')).toBe('{"a":1}')
    expect(unfence('Here is the translation:\n\n```json\n{"a":1}\n```\n')).toBe('{"a":1}')
    // A fence holding something else, or prose alone, is left as it came.
    expect(unfence('Here:\n```\nnot json\n```')).toBe('Here:\n```\nnot json\n```')
    expect(unfence('The translation follows.')).toBe('The translation follows.')
  })
})

describe('why a profile was chosen, as /readyz and check-model say it', () => {
  it('names the provider by its name, and the model where the model chose the profile', () => {
    expect(resolveProfile({ model: 'claude-haiku-4-5', baseURL: 'https://api.anthropic.com/v1/' }).reason).toBe(
      "OPENAI_BASE_URL is Anthropic's endpoint",
    )
    expect(resolveProfile({ model: 'deepseek-reasoner', baseURL: 'https://api.deepseek.com' }).reason).toBe(
      "OPENAI_BASE_URL is DeepSeek's endpoint, and MODEL deepseek-reasoner takes the deepseek-reasoner profile",
    )
    expect(resolveProfile({ model: 'mistral-small-latest', baseURL: 'https://api.mistral.ai/v1' }).reason).toBe(
      "OPENAI_BASE_URL is Mistral's endpoint",
    )
  })
})
