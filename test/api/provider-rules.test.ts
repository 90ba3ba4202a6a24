import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { expectProblem, fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import {
  anthropicJudge,
  deepseekJudge,
  fakeProvider,
  geminiJudge,
  groqJudge,
  type Judge,
  mistralJudge,
  openRouterJudge,
  openSchemaJudge,
  workersAiJudge,
} from '../support/providers'

// Each provider's documented request rules, held against what the worker sends: a request the real
// provider refuses must be refused by its copy here, and never sent.

const KEY = 'provider-rules-key'

function translate(settings: Record<string, string>, summary = 'standard'): Promise<Response> {
  return fetchWithEnv({ OPENAI_API_KEY: KEY, ...settings }, '/v1/translations', jsonPost({ text: SEED_TEXT, summary }))
}

afterEach(() => vi.restoreAllMocks())

describe('OpenRouter, a Claude model with structured outputs', () => {
  const base = 'https://openrouter.ai/api/v1'

  it('gets a summary schema without the integer bounds Anthropic refuses, and summarises first time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const openrouter = fakeProvider(base, openRouterJudge)
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'anthropic/claude-haiku-4.5' })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(result.summary?.en).toBe(seed.summaries.standard.en)
    expect(openrouter.log.refused).toEqual([])
    const summaryCall = openrouter.log.accepted.find((body) => JSON.stringify(body).includes('"key_points"'))
    expect(summaryCall?.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'summary' } })
    expect(JSON.stringify(summaryCall?.response_format)).not.toMatch(/"(minimum|maximum)"/)
    expect(warn.mock.calls.filter(([line]) => /^model: /.test(String(line)))).toEqual([])
  })
})

describe('Workers AI over REST, whose JSON mode does not stream', () => {
  it.each([
    ['its OpenAI-compatible endpoint', 'https://api.cloudflare.com/client/v4/accounts/acc123/ai/v1', ''],
    ["AI Gateway's unified endpoint", 'https://gateway.ai.cloudflare.com/v1/acc123/newsroom/compat', 'workers-ai/'],
  ])('through %s: json_schema, answered whole, nothing refused', async (_name, base, prefix) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const workersAi = fakeProvider(base, workersAiJudge)
    const model = `${prefix}@cf/meta/llama-3.3-70b-instruct-fp8-fast`
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: model })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(workersAi.log.refused).toEqual([])
    for (const body of workersAi.log.accepted) {
      expect(body.response_format).toMatchObject({ type: 'json_schema' })
      expect(body).not.toHaveProperty('stream')
    }
    expect(warn.mock.calls.filter(([line]) => /^model: /.test(String(line)))).toEqual([])
  })
})

/** `judge`, except that the first request gets `error` instead: a provider's bad moment. */
function firstAnswered(error: () => Response, judge: Judge): Judge {
  let sent = 0
  return (body, headers) => (sent++ === 0 ? error() : judge(body, headers))
}

// Each provider's documented error body for a moment of overload or a rate limit, word for word where
// its documentation gives one: another attempt may succeed, so the request is retried and translated.
const PASSING_ERRORS: Array<[string, string, string, Judge, () => Response]> = [
  [
    "Anthropic's 529 overloaded_error (docs.claude.com, errors)",
    'https://api.anthropic.com/v1',
    'claude-haiku-4-5',
    anthropicJudge,
    () =>
      HttpResponse.json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { status: 529 }),
  ],
  [
    "Anthropic's 429 rate_limit_error, with retry-after in seconds",
    'https://api.anthropic.com/v1',
    'claude-haiku-4-5',
    anthropicJudge,
    () =>
      HttpResponse.json(
        {
          type: 'error',
          error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your rate limit.' },
        },
        { status: 429, headers: { 'retry-after': '1' } },
      ),
  ],
  [
    "Gemini's 503 UNAVAILABLE, in Google's list",
    'https://generativelanguage.googleapis.com/v1beta/openai/',
    'gemini-2.5-flash',
    geminiJudge,
    () =>
      HttpResponse.json(
        [{ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } }],
        { status: 503 },
      ),
  ],
  [
    "Mistral's 429",
    'https://api.mistral.ai/v1',
    'mistral-small-latest',
    mistralJudge,
    () =>
      HttpResponse.json(
        { object: 'error', message: 'Requests rate limit exceeded', type: 'rate_limited', param: null, code: '1300' },
        { status: 429 },
      ),
  ],
  [
    "DeepSeek's 503 Server Overloaded (api-docs.deepseek.com, error codes)",
    'https://api.deepseek.com',
    'deepseek-chat',
    deepseekJudge,
    () =>
      HttpResponse.json(
        { error: { message: 'Server Overloaded', type: 'unknown_error', param: null, code: 'server_overloaded' } },
        { status: 503 },
      ),
  ],
  [
    "Groq's 429 rate_limit_exceeded, with retry-after",
    'https://api.groq.com/openai/v1',
    'openai/gpt-oss-120b',
    groqJudge,
    () =>
      HttpResponse.json(
        {
          error: {
            message: 'Rate limit reached for model `openai/gpt-oss-120b` on tokens per minute (TPM). Please try again.',
            type: 'tokens',
            code: 'rate_limit_exceeded',
          },
        },
        { status: 429, headers: { 'retry-after': '1' } },
      ),
  ],
  [
    "Workers AI's REST 429, code 3040: out of capacity (developers.cloudflare.com, Workers AI errors)",
    'https://api.cloudflare.com/client/v4/accounts/acc123/ai/v1',
    '@cf/meta/llama-3.3-70b-instruct-fp8-fast',
    openSchemaJudge,
    () =>
      HttpResponse.json(
        {
          errors: [{ code: 3040, message: 'AiError: Capacity temporarily exceeded, please try again.' }],
          success: false,
          result: {},
          messages: [],
        },
        { status: 429 },
      ),
  ],
]

describe("a provider's documented overload or rate limit", () => {
  it.each(PASSING_ERRORS)('%s is retried, and the article translated', async (_name, base, model, judge, error) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const provider = fakeProvider(base, firstAnswered(error, judge))
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: model })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(provider.log.refused).toHaveLength(1)
  })
})

describe("a provider's documented answer for an account out of credit", () => {
  it("DeepSeek's 402 Insufficient Balance is not retried, and names the key", async () => {
    const base = 'https://api.deepseek.com'
    const insufficientBalance = () =>
      HttpResponse.json(
        {
          error: { message: 'Insufficient Balance', type: 'unknown_error', param: null, code: 'invalid_request_error' },
        },
        { status: 402 },
      )
    const provider = fakeProvider(base, () => insufficientBalance())
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'deepseek-chat' })
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ setting: 'OPENAI_API_KEY', provider_status: 402 })
    expect(JSON.stringify(problem)).not.toContain('Insufficient Balance')
    // One request per batch and one for the summary: none repeated.
    const sent = provider.log.refused.map((r) => JSON.stringify(r.body.messages))
    expect(new Set(sent).size).toBe(sent.length)
  })
})
