import { HttpResponse } from 'msw'
import { afterEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import {
  anthropicJudge,
  cerebrasJudge,
  claudeWording,
  deepseekJudge,
  deepseekWriter,
  fakeProvider,
  fenced,
  gemmaReads,
  geminiJudge,
  geminiWriter,
  groqJudge,
  lmStudioJudge,
  xaiJudge,
} from '../support/providers'

// The providers users already pay for, beyond OpenAI's own family: each a strict copy of what its
// documentation says it refuses and how it answers, around the seed article's recorded human
// translation. Every request must be accepted on the first try, unless the test says otherwise.

const KEY = 'provider-key-test'
const RECORDED = seed.paragraphs.map((p) => p.en)

function translate(settings: Record<string, string>, summary = 'standard'): Promise<Response> {
  return fetchWithEnv({ OPENAI_API_KEY: KEY, ...settings }, '/v1/translations', jsonPost({ text: SEED_TEXT, summary }))
}

/** The seed article, translated as recorded, with the recorded summary. */
async function translatedAsRecorded(res: Response): Promise<TranslationResult> {
  expect(res.status, await res.clone().text()).toBe(200)
  const result = TranslationResult.parse(await res.json())
  expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
  expect(result.summary?.en).toBe(seed.summaries.standard.en)
  return result
}

let warn: MockInstance<typeof console.warn>
const corrections = () => warn.mock.calls.map(([line]) => String(line)).filter((line) => /^model: /.test(line))

afterEach(() => vi.restoreAllMocks())

describe('Google Gemini (OpenAI compatibility)', () => {
  const base = 'https://generativelanguage.googleapis.com/v1beta/openai/'

  it('translates with gemini-2.5-flash: thinking off, JSON mode, the default temperature', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter })
    const result = await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'gemini-2.5-flash' }))
    expect(gemini.log.refused).toEqual([])
    for (const body of gemini.log.accepted) {
      expect(body).toMatchObject({ reasoning_effort: 'none', response_format: { type: 'json_object' } })
      expect(body).not.toHaveProperty('temperature')
      expect(body).toHaveProperty('max_tokens')
      // The schema the endpoint will not take as a response_schema is in the instructions instead.
      expect(JSON.stringify(body.messages)).toContain('JSON Schema')
    }
    expect(gemini.log.headers[0]?.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(result.usage).not.toHaveProperty('tokens_estimated')
    expect(corrections()).toEqual([])
  })

  it('gives a pro model, which cannot stop thinking, the lowest effort and room to think', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter })
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'gemini-2.5-pro' }))
    expect(gemini.log.refused).toEqual([])
    expect(gemini.log.accepted.every((body) => body.reasoning_effort === 'low')).toBe(true)
    expect(gemini.log.accepted.every((body) => Number(body.max_tokens) > 1024)).toBe(true)
  })

  it('raises an effort a pro model refuses (it only works thinking) to low, once, and says so once', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter })
    // The flash profile named for a pro model: `none` is refused in words that name no field.
    await translatedAsRecorded(
      await translate({
        OPENAI_BASE_URL: base,
        MODEL: 'gemini-2.5-pro',
        MODEL_PROFILE: 'gemini',
        MODEL_CONCURRENCY: '1',
      }),
    )
    expect(gemini.log.refused).toHaveLength(1)
    expect(gemini.log.refused[0]?.body.reasoning_effort).toBe('none')
    expect(gemini.log.accepted.every((body) => body.reasoning_effort === 'low')).toBe(true)
    expect(corrections()).toEqual([
      expect.stringMatching(/refused reasoning_effort for gemini-2.5-pro; sending reasoning_effort low/),
    ])
    expect(corrections()[0]).not.toMatch(/Budget|thinking mode/)
  })

  it('Gemma, which takes no system message, JSON mode or thinking: the instructions open its one turn', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter, reads: gemmaReads, wording: fenced })
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'gemma-3-27b-it' }))
    expect(gemini.log.refused).toEqual([])
    for (const body of gemini.log.accepted) {
      expect(body.messages).toEqual([{ role: 'user', content: expect.stringMatching(/JSON Schema[\s\S]*\n\{"/) }])
      expect(body).not.toHaveProperty('response_format')
      expect(body).not.toHaveProperty('reasoning_effort')
    }
  })

  it('learns each of Gemma’s refusals once when a profile for another model is named', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter, reads: gemmaReads, wording: fenced })
    await translatedAsRecorded(
      await translate({
        OPENAI_BASE_URL: base,
        MODEL: 'gemma-3-12b-it',
        MODEL_PROFILE: 'openai-compatible',
        MODEL_CONCURRENCY: '1',
      }),
    )
    // The system message, then JSON mode twice (json_schema, then json_object): three refusals, once each.
    expect(gemini.log.refused).toHaveLength(3)
    expect(corrections()).toHaveLength(3)
    expect(corrections()[0]).toMatch(/refused the system message for gemma-3-12b-it/)
    expect(corrections().join('\n')).not.toMatch(/not enabled/)
  })

  it(
    'reads a refusal in Google’s list-shaped error body: a json_schema it will not take moves to JSON ' +
      'mode once, and says so once',
    async () => {
      warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter })
      // A profile that asks Gemini for json_schema (as a user naming the generic one would).
      await translatedAsRecorded(
        await translate({
          OPENAI_BASE_URL: base,
          MODEL: 'gemini-2.5-flash-lite',
          MODEL_PROFILE: 'openai-compatible',
          MODEL_CONCURRENCY: '1',
        }),
      )
      expect(gemini.log.refused).toHaveLength(1)
      expect(gemini.log.refused[0]?.status).toBe(400)
      expect(gemini.log.accepted.every((body) => formatType(body) === 'json_object')).toBe(true)
      expect(corrections()).toHaveLength(1)
      expect(corrections()[0]).toMatch(/refused response_format for gemini-2.5-flash-lite/)
      expect(corrections()[0]).not.toMatch(/Unknown name|additionalProperties/)
    },
  )

  it('retries a 429 RESOURCE_EXHAUSTED after the wait its body asks for, the quota text kept out', async () => {
    const logged: string[] = []
    const keep = (...args: unknown[]) => void logged.push(args.map(String).join(' '))
    warn = vi.spyOn(console, 'warn').mockImplementation(keep)
    vi.spyOn(console, 'error').mockImplementation(keep)
    let requests = 0
    const gemini = fakeProvider(
      base,
      (body, headers) => {
        requests++
        if (requests > 1) return geminiJudge(body, headers)
        return HttpResponse.json(
          [
            {
              error: {
                code: 429,
                message: 'You exceeded your current quota, please check your plan and billing details.',
                status: 'RESOURCE_EXHAUSTED',
                details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.05s' }],
              },
            },
          ],
          { status: 429 },
        )
      },
      { writer: geminiWriter },
    )
    await translatedAsRecorded(
      await translate({ OPENAI_BASE_URL: base, MODEL: 'gemini-2.5-flash-lite', MODEL_CONCURRENCY: '1' }),
    )
    expect(gemini.log.refused.map((r) => r.status)).toEqual([429])
    expect(logged.join('\n')).toMatch(/HTTP 429/)
    expect(logged.join('\n')).not.toMatch(/quota|billing/)
  })

  it('streams as Gemini streams: the finish reason and the usage on the last piece of text', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const gemini = fakeProvider(base, geminiJudge, { writer: geminiWriter })
    const res = await fetchWithEnv(
      { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: base, MODEL: 'gemini-3-flash-preview' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
    expect(gemini.log.accepted.some((body) => body.stream === true)).toBe(true)
    expect(result.usage).not.toHaveProperty('tokens_estimated')
    expect(result.usage.model_calls).toBe(gemini.log.accepted.length)
  })
})

describe('Anthropic (OpenAI SDK compatibility)', () => {
  const base = 'https://api.anthropic.com/v1/'

  it('asks with the schema in the instructions, which Claude follows, and unwraps its fenced JSON', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const anthropic = fakeProvider(base, anthropicJudge, { wording: claudeWording })
    const result = await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'claude-sonnet-4-5' }))
    expect(anthropic.log.refused).toEqual([])
    for (const body of anthropic.log.accepted) {
      // response_format is ignored there: none is sent, and nothing is retried for its sake.
      expect(body).not.toHaveProperty('response_format')
      expect(body).not.toHaveProperty('reasoning_effort')
      expect(body).toMatchObject({ temperature: 0, max_tokens: expect.any(Number) })
    }
    expect(result.usage.model_calls).toBe(anthropic.log.accepted.length)
    expect(corrections()).toEqual([])
  })

  it(
    'learns from an answer in prose under json_schema (the format ignored) to put the schema in the ' +
      'instructions, logged once',
    async () => {
      warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      // Claude behind a proxy passage does not recognise: the generic profile asks for json_schema.
      const proxy = 'https://llm-proxy.newsroom.test/v1'
      const claude = fakeProvider(proxy, anthropicJudge, { wording: claudeWording })
      const result = await translatedAsRecorded(
        await translate({ OPENAI_BASE_URL: proxy, MODEL: 'claude-haiku-4-5', MODEL_CONCURRENCY: '1' }),
      )
      const first = claude.log.accepted[0] as Record<string, unknown>
      expect(formatType(first)).toBe('json_schema')
      expect(formatType(claude.log.accepted.at(-1) as Record<string, unknown>)).toBe('json_object')
      const learned = corrections().filter((line) => /not JSON/.test(line))
      expect(learned).toHaveLength(1)
      expect(learned[0]).not.toContain('Here is the translation')
      // The answer in prose was a real call: counted, and retried as any unusable answer is.
      expect(result.usage.model_calls).toBe(claude.log.accepted.length)

      // The lesson holds: the next article's calls are sent in JSON mode from the start.
      const before = claude.log.accepted.length
      await translatedAsRecorded(
        await translate({ OPENAI_BASE_URL: proxy, MODEL: 'claude-haiku-4-5', MODEL_CONCURRENCY: '1' }, 'standard'),
      )
      expect(claude.log.accepted.slice(before).every((body) => formatType(body) === 'json_object')).toBe(true)
    },
  )
})

describe('DeepSeek', () => {
  const base = 'https://api.deepseek.com'

  it('deepseek-chat: JSON Output (json_object), never the json_schema it refuses', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const deepseek = fakeProvider(base, deepseekJudge, { writer: deepseekWriter })
    const result = await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'deepseek-chat' }))
    expect(deepseek.log.refused).toEqual([])
    for (const body of deepseek.log.accepted) {
      expect(body).toMatchObject({ temperature: 0, response_format: { type: 'json_object' } })
      expect(Number(body.max_tokens)).toBeLessThanOrEqual(8192)
    }
    expect(result.usage).not.toHaveProperty('tokens_estimated')
  })

  it('deepseek-reasoner: its streamed reasoning_content is not the answer; no temperature sent', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const deepseek = fakeProvider(base, deepseekJudge, { writer: deepseekWriter })
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'deepseek-reasoner' }))
    expect(deepseek.log.refused).toEqual([])
    expect(deepseek.log.accepted.some((body) => body.stream === true)).toBe(true)
    expect(deepseek.log.accepted.every((body) => !('temperature' in body))).toBe(true)
  })

  it('a refusal of json_schema (as DeepSeek words it) is corrected to json_object once', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const deepseek = fakeProvider(base, deepseekJudge, { writer: deepseekWriter })
    await translatedAsRecorded(
      await translate({
        OPENAI_BASE_URL: base,
        MODEL: 'deepseek-chat',
        MODEL_PROFILE: 'openai-compatible',
        MODEL_CONCURRENCY: '1',
      }),
    )
    expect(deepseek.log.refused).toHaveLength(1)
    expect(corrections()).toHaveLength(1)
    expect(corrections()[0]).toMatch(/refused response_format/)
  })
})

describe('Groq', () => {
  const base = 'https://api.groq.com/openai/v1'

  it('a model with structured outputs: json_schema, answered whole (it does not stream with a format)', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const groq = fakeProvider(base, groqJudge)
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'openai/gpt-oss-120b' }))
    expect(groq.log.refused).toEqual([])
    for (const body of groq.log.accepted) {
      expect(body).toMatchObject({
        max_completion_tokens: expect.any(Number),
        response_format: { type: 'json_schema', json_schema: { strict: true } },
      })
      expect(body).not.toHaveProperty('stream')
    }
    expect(corrections()).toEqual([])
  })

  it('llama-3.3-70b-versatile, without structured outputs: json_schema refused once, then JSON mode', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const groq = fakeProvider(base, groqJudge)
    await translatedAsRecorded(
      await translate({ OPENAI_BASE_URL: base, MODEL: 'llama-3.3-70b-versatile', MODEL_CONCURRENCY: '1' }),
    )
    expect(groq.log.refused).toHaveLength(1)
    expect(groq.log.accepted.every((body) => formatType(body) === 'json_object')).toBe(true)
  })

  it('a stream refused for its response_format stops streaming, and keeps the format', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const groq = fakeProvider(base, groqJudge)
    // The generic profile streams: Groq refuses a stream with structured output.
    await translatedAsRecorded(
      await translate({
        OPENAI_BASE_URL: base,
        MODEL: 'moonshotai/kimi-k2-instruct',
        MODEL_PROFILE: 'openai-compatible',
        MODEL_CONCURRENCY: '1',
      }),
    )
    expect(groq.log.refused).toHaveLength(1)
    expect(groq.log.accepted.every((body) => formatType(body) === 'json_schema' && !('stream' in body))).toBe(true)
    expect(corrections()).toEqual([expect.stringMatching(/refused stream for moonshotai\/kimi-k2-instruct/)])
  })
})

describe('Cerebras', () => {
  const base = 'https://api.cerebras.ai/v1'

  it('a reasoning model refuses to stream structured output: streaming stops, json_schema stays', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const cerebras = fakeProvider(base, cerebrasJudge)
    await translatedAsRecorded(
      await translate({ OPENAI_BASE_URL: base, MODEL: 'gpt-oss-120b', MODEL_CONCURRENCY: '1' }),
    )
    expect(cerebras.log.refused).toHaveLength(1)
    expect(cerebras.log.accepted.every((body) => formatType(body) === 'json_schema' && !('stream' in body))).toBe(true)
    expect(corrections()).toEqual([expect.stringMatching(/refused stream for gpt-oss-120b; sending plain calls/)])
  })

  it('llama-3.3-70b streams its structured answer, and nothing is refused', async () => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const cerebras = fakeProvider(base, cerebrasJudge)
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: 'llama-3.3-70b' }))
    expect(cerebras.log.refused).toEqual([])
    expect(cerebras.log.accepted.some((body) => body.stream === true)).toBe(true)
  })
})

describe('more OpenAI-compatible endpoints, with the fields every one of them knows', () => {
  it.each([
    ['xAI', 'https://api.x.ai/v1', 'grok-4-fast-non-reasoning', xaiJudge],
    ['LM Studio', 'http://localhost:1234/v1', 'qwen/qwen3-8b', lmStudioJudge],
  ])('%s: json_schema, max_tokens and temperature 0, accepted on the first call', async (_name, base, model, judge) => {
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const provider = fakeProvider(base, judge)
    await translatedAsRecorded(await translate({ OPENAI_BASE_URL: base, MODEL: model }))
    expect(provider.log.refused).toEqual([])
    for (const body of provider.log.accepted)
      expect(body).toMatchObject({
        temperature: 0,
        max_tokens: expect.any(Number),
        response_format: { type: 'json_schema' },
      })
  })
})

function formatType(body: Record<string, unknown>): string | undefined {
  return (body.response_format as { type?: string } | undefined)?.type
}
