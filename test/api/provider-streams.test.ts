import { HttpResponse } from 'msw'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { expectProblem, fetchWithEnv, jsonPost, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { type ModelCall, normalAnswer, useFakeModel } from '../support/fake-model'
import { answerChatCompletion, createMemory } from '../../replay/answer.ts'
import { fakeProvider, mistralJudge, type Writer } from '../support/providers'

// Streams written as real providers write them (the chunk shapes are copied from their
// documentation and from what their users reported), around recorded human translations.
// Two recorded paragraphs, no summary: one streamed call, whose answer is the batch.
const ARTICLE = { text: SEED_PARAGRAPHS.slice(4, 6).join('\n'), summary: 'none' }
const RECORDED = seed.paragraphs.slice(4, 6).map((p) => p.en)

/** The recorded answer's text (the JSON the model writes) for this call. */
function answerText(call: ModelCall): string {
  const answer = normalAnswer(call.body, call) as { choices: Array<{ message: { content: string } }> }
  return answer.choices[0]?.message.content ?? ''
}

/** `text` cut in pieces of about `size` characters, as a model writes its tokens. */
function piecesOf(text: string, size = 19): string[] {
  const pieces: string[] = []
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size))
  return pieces
}

const data = (json: unknown) => `data: ${JSON.stringify(json)}`

/** A stream as a server writes it: each event, then a blank line; `end` replaces the last blank line. */
function eventStream(events: string[], end = '\n\n'): Response {
  const text = events.map((e, i) => `${e}${i === events.length - 1 ? end : '\n\n'}`).join('')
  return new HttpResponse(text, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } })
}

/** A chunk as OpenAI writes one (`chat.completion.chunk`, its fields in OpenAI's order). */
function openAIChunk(delta: Record<string, unknown>, finish: string | null = null): Record<string, unknown> {
  return {
    id: 'chatcmpl-BwoiPTGRbKkY5rncfaM0s9KtWrq5N',
    object: 'chat.completion.chunk',
    created: 1753357673,
    model: 'gpt-4.1-mini-2025-04-14',
    service_tier: 'default',
    system_fingerprint: 'fp_51e1070cf2',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  }
}

async function translation(res: Response): Promise<TranslationResult> {
  expect(res.status, await res.clone().text()).toBe(200)
  const result = TranslationResult.parse(await res.json())
  expect(result.paragraphs.map((p) => p.en)).toEqual(RECORDED)
  return result
}

const post = (settings: Record<string, string> = {}) => fetchWithEnv(settings, '/v1/translations', jsonPost(ARTICLE))

// The worker's own log: a failed attempt says so there, even when the retry then has nothing to ask.
let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => vi.restoreAllMocks())
const failedAttempts = () => warn.mock.calls.filter(([line]) => /^model: attempt \d+ failed/.test(String(line)))

describe('streams as providers send them are read in one call', () => {
  it("Azure OpenAI's: a first chunk of prompt filter results, with no choices, and filter annotations", async () => {
    const filters = {
      hate: { filtered: false, severity: 'safe' },
      self_harm: { filtered: false, severity: 'safe' },
      sexual: { filtered: false, severity: 'safe' },
      violence: { filtered: false, severity: 'safe' },
    }
    const azure = (choice: Record<string, unknown>, usage: unknown = null) => ({
      choices: [{ content_filter_results: filters, ...choice }],
      created: 1732539020,
      id: 'chatcmpl-AXdm8zYB3JUvqFBHO0hZmUh5PTMam',
      model: 'gpt-4o-2024-11-20',
      object: 'chat.completion.chunk',
      system_fingerprint: 'fp_04751d0b65',
      usage,
    })
    const model = useFakeModel({
      override: (call) =>
        eventStream([
          data({
            choices: [],
            created: 0,
            id: '',
            model: '',
            object: '',
            prompt_filter_results: [{ prompt_index: 0, content_filter_results: filters }],
          }),
          data(azure({ delta: { content: '', refusal: null, role: 'assistant' }, finish_reason: null, index: 0 })),
          ...piecesOf(answerText(call)).map((piece) =>
            data(azure({ delta: { content: piece }, finish_reason: null, index: 0, logprobs: null })),
          ),
          // An asynchronous filter's annotation: a choice with no delta at all.
          data({
            id: '',
            object: '',
            created: 0,
            model: '',
            choices: [
              {
                index: 0,
                finish_reason: null,
                content_filter_results: filters,
                content_filter_offsets: { check_offset: 44, start_offset: 44, end_offset: 198 },
              },
            ],
            usage: null,
          }),
          data(azure({ delta: {}, finish_reason: 'stop', index: 0, logprobs: null })),
          data({ ...azure({}), choices: [], usage: { completion_tokens: 57, prompt_tokens: 311, total_tokens: 368 } }),
          'data: [DONE]',
        ]),
    })
    const result = await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(result.usage).toMatchObject({ model_calls: 1, input_tokens: 311, output_tokens: 57 })
    expect(result.usage).not.toHaveProperty('tokens_estimated')
  })

  it("OpenRouter's: `: OPENROUTER PROCESSING` comments, and reasoning in its own `reasoning` field", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) => ({
      id: 'gen-1747923245-Lh3tMmUVvXnvWmDtGpYq',
      provider: 'OpenAI',
      model: 'openai/gpt-4.1-mini',
      object: 'chat.completion.chunk',
      created: 1747923245,
      choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
      ...(usage ? { usage } : {}),
    })
    const model = useFakeModel({
      override: (call) => {
        const [first = '', ...rest] = piecesOf(answerText(call))
        return eventStream([
          ': OPENROUTER PROCESSING',
          ': OPENROUTER PROCESSING',
          data(chunk({ role: 'assistant', content: '', reasoning: 'Two paragraphs: {"id": "p0"} first.' })),
          data(chunk({ role: 'assistant', content: first })),
          ': OPENROUTER PROCESSING',
          ...rest.map((piece) => data(chunk({ role: 'assistant', content: piece }))),
          data(chunk({ role: 'assistant', content: '' }, 'stop')),
          data(
            chunk({ role: 'assistant', content: '' }, null, {
              prompt_tokens: 402,
              completion_tokens: 88,
              total_tokens: 490,
              cost: 0.0002,
            }),
          ),
          'data: [DONE]',
        ])
      },
    })
    const result = await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(result.usage).toMatchObject({ input_tokens: 402, output_tokens: 88 })
  })

  it("DeepSeek's reasoner: its reasoning (`reasoning_content`, braces and all) is not read as the answer", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) => ({
      id: '0f2f1a4c-5a7e-4b55-9f3e-6c1b8d2f7e10',
      object: 'chat.completion.chunk',
      created: 1738000000,
      model: 'deepseek-reasoner',
      system_fingerprint: 'fp_7e73fd9a08_prod0225',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    })
    const thinking = [
      'The user wants the two paragraphs in English, as ',
      '{"translations": [{"id": "p0", "en": "..."}]}. ',
      'Let me translate each one faithfully.',
    ]
    const model = useFakeModel({
      override: (call) =>
        eventStream([
          data(chunk({ role: 'assistant', content: null, reasoning_content: '' })),
          ...thinking.map((text) => data(chunk({ content: null, reasoning_content: text }))),
          ...piecesOf(answerText(call)).map((piece) => data(chunk({ content: piece, reasoning_content: null }))),
          data(
            chunk({ content: '', reasoning_content: null }, 'stop', {
              prompt_tokens: 350,
              completion_tokens: 240,
              total_tokens: 590,
              completion_tokens_details: { reasoning_tokens: 160 },
            }),
          ),
          'data: [DONE]',
        ]),
    })
    const result = await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(result.usage).toMatchObject({ input_tokens: 350, output_tokens: 240 })
  })

  it("vLLM's with usage on every chunk (continuous usage stats): the last count is the call's", async () => {
    let written = 0
    const model = useFakeModel({
      override: (call) => {
        const pieces = piecesOf(answerText(call))
        written = pieces.length
        const chunk = (delta: Record<string, unknown>, n: number, finish: string | null = null) => ({
          id: 'chatcmpl-7b1f4f7ce0a54b0c9a3e0c2f5d1e8a62',
          object: 'chat.completion.chunk',
          created: 1740000000,
          model: 'Qwen/Qwen2.5-7B-Instruct',
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          usage: { prompt_tokens: 280, total_tokens: 280 + n, completion_tokens: n },
        })
        return eventStream([
          data(chunk({ role: 'assistant', content: '' }, 0)),
          ...pieces.map((piece, i) => data(chunk({ content: piece }, i + 1))),
          data(chunk({ content: '' }, pieces.length, 'stop')),
          data({ ...chunk({}, pieces.length), choices: [] }),
          'data: [DONE]',
        ])
      },
    })
    const result = await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(result.usage).toMatchObject({ input_tokens: 280, output_tokens: written })
  })
})

describe('streams that end unlike OpenAI’s are read in one call', () => {
  it('a stream that sends `[DONE]` but never a finish reason (some Gemini and gateway proxies)', async () => {
    const model = useFakeModel({
      override: (call) =>
        eventStream([
          data(openAIChunk({ role: 'assistant', content: '' })),
          ...piecesOf(answerText(call)).map((piece) => data(openAIChunk({ content: piece }))),
          'data: [DONE]',
        ]),
    })
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })

  it('a stream whose last event has no blank line after it, and no `[DONE]`', async () => {
    const model = useFakeModel({
      override: (call) =>
        eventStream(
          [
            data(openAIChunk({ role: 'assistant', content: '' })),
            ...piecesOf(answerText(call)).map((piece) => data(openAIChunk({ content: piece }))),
            data(openAIChunk({}, 'stop')),
          ],
          '\n',
        ),
    })
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })
})

describe('a stream with a finish reason on every chunk', () => {
  /** A Gemini proxy's stream that says `stop` on each piece, `pauseAfter(i)` ms after piece i. */
  const stopOnEveryPiece = (pauseAfter: (i: number) => number) =>
    useFakeModel({
      override: (call) => {
        const encoder = new TextEncoder()
        const pieces = piecesOf(answerText(call))
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            for (const [i, piece] of pieces.entries()) {
              controller.enqueue(encoder.encode(`${data(openAIChunk({ content: piece }, 'stop'))}\n\n`))
              await new Promise((resolve) => setTimeout(resolve, pauseAfter(i)))
            }
            controller.enqueue(encoder.encode('data: [DONE]\n\n'))
            controller.close()
          },
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })

  it('is read to its end, however long it writes (a Gemini proxy that says `stop` on each piece)', async () => {
    // Each piece 100 ms after the last: about two seconds in all.
    const model = stopOnEveryPiece(() => 100)
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })

  it('is read to its end through a pause of more than a second between two pieces', async () => {
    // The model thinks for a second and a half after its fourth piece.
    const model = stopOnEveryPiece((i) => (i === 3 ? 1500 : 10))
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })
})

describe('a stream that never closes after its finish reason', () => {
  it('is read as soon as its answer is finished, though the server keeps it alive with comments', async () => {
    let open = true
    const model = useFakeModel({
      override: (call) => {
        const encoder = new TextEncoder()
        const events = [
          data(openAIChunk({ role: 'assistant', content: '' })),
          ...piecesOf(answerText(call)).map((piece) => data(openAIChunk({ content: piece }))),
          data(openAIChunk({}, 'stop')),
        ]
        // No usage, no `[DONE]`, no end: a heartbeat comment every 100 ms until the test is over.
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode(events.map((e) => `${e}\n\n`).join('')))
            while (open) {
              await new Promise((resolve) => setTimeout(resolve, 100))
              controller.enqueue(encoder.encode(': keep-alive\n\n'))
            }
            controller.close()
          },
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    try {
      // The deadline is far (2 min): only reading the answer as finished ends the call in time.
      const result = await translation(await post({ ATTEMPT_TIMEOUT_MS: '60000' }))
      expect(result.usage).toMatchObject({ model_calls: 1, tokens_estimated: true })
      expect(model.calls).toHaveLength(1)
      expect(failedAttempts()).toEqual([])
    } finally {
      open = false
    }
  })
})

describe("Mistral's reasoning models (Magistral) write their answer in content chunks", () => {
  const base = 'https://api.mistral.ai/v1'
  const settings = { OPENAI_API_KEY: 'sk-mistral', OPENAI_BASE_URL: base, MODEL: 'magistral-medium-latest' }
  const thinking = { type: 'thinking', thinking: [{ type: 'text', text: 'The answer is {"translations": [...]}.' }] }
  const textOf = (completion: Record<string, unknown>) =>
    (completion.choices as Array<{ message: { content: string } }>)[0]?.message.content ?? ''

  // As Mistral streams them: its thinking as a chunk list, then the answer's text.
  const magistral: Writer = (completion, body) => {
    const usage = { prompt_tokens: 420, total_tokens: 700, completion_tokens: 280 }
    const chunk = (delta: Record<string, unknown>, finish: string | null = null, withUsage = false) => ({
      id: 'c3c77283055240cbbaf6f01d384cfccb',
      object: 'chat.completion.chunk',
      created: 1762355135,
      model: 'magistral-medium-2509',
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(withUsage ? { usage } : {}),
    })
    if (body.stream !== true)
      return HttpResponse.json({
        id: 'c3c77283055240cbbaf6f01d384cfccc',
        object: 'chat.completion',
        created: 1762355135,
        model: 'magistral-medium-2509',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: [thinking, { type: 'text', text: textOf(completion) }] },
            finish_reason: 'stop',
          },
        ],
        usage,
      })
    const [first = '', ...rest] = piecesOf(textOf(completion))
    return eventStream([
      data(chunk({ role: 'assistant', content: '' })),
      data(chunk({ content: [thinking] })),
      data(chunk({ content: [{ type: 'text', text: first }] })),
      ...rest.map((piece) => data(chunk({ content: piece }))),
      data(chunk({ content: '' }, 'stop', true)),
      'data: [DONE]',
    ])
  }

  it('reads the text chunks as the answer and leaves the thinking out, streamed or whole', async () => {
    const provider = fakeProvider(base, mistralJudge, { writer: magistral })
    const res = await fetchWithEnv(settings, '/v1/translations', jsonPost({ text: SEED_TEXT, summary: 'short' }))
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(result.summary?.en).toMatch(/\w/)
    expect(provider.log.refused).toEqual([])
    // Every call answered the first time: the batches streamed, the summary whole.
    expect(provider.log.accepted.some((b) => b.stream === true)).toBe(true)
    expect(result.usage.model_calls).toBe(provider.log.accepted.length)
  })
})

describe("a reasoning model's thinking left in its answer's text is not read as the answer", () => {
  // Thinking that drafts the answer, braces, ids and all: read as the answer, it would be served.
  const THINKING =
    'Okay, the user wants these two paragraphs in English. A first draft: ' +
    '{"translations": [{"id": "p0", "en": "A draft."}, {"id": "p1", "en": "Another draft."}]}. ' +
    'Let me check the figures and names again before answering.'

  it('DeepSeek-R1 on Ollama: a stream that opens with its `<think>` block', async () => {
    const model = useFakeModel({
      override: (call) => {
        const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
          id: 'chatcmpl-412',
          object: 'chat.completion.chunk',
          created: 1738000000,
          model: 'deepseek-r1:14b',
          system_fingerprint: 'fp_ollama',
          choices: [{ index: 0, delta: { role: 'assistant', ...delta }, finish_reason: finish }],
        })
        const text = `<think>\n${THINKING}\n</think>\n\n${answerText(call)}`
        return eventStream([
          ...piecesOf(text, 5).map((piece) => data(chunk({ content: piece }))),
          data(chunk({ content: '' }, 'stop')),
          data({ ...chunk({}), choices: [], usage: { prompt_tokens: 300, completion_tokens: 200, total_tokens: 500 } }),
          'data: [DONE]',
        ])
      },
    })
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })

  it("DeepSeek-R1's distills on vLLM: a stream whose thinking has only its closing tag", async () => {
    // A draft good enough to pass every check: read as the answer, it would be served.
    const draft =
      'Okay, a first draft: {"translations": [{"id": "p0", "en": "Beijing has supported Moscow politically ' +
      'in the Ukraine conflict and kept exporting machinery, electronics and other goods that feed the ' +
      'Russian war effort."}]}. "Backed" is closer to "soutenu"; let me write the final answer.'
    const model = useFakeModel({
      override: (call) =>
        eventStream([
          data(openAIChunk({ role: 'assistant', content: '' })),
          ...piecesOf(`${draft}\n</think>\n\n${answerText(call)}`, 7).map((piece) =>
            data(openAIChunk({ content: piece })),
          ),
          data(openAIChunk({}, 'stop')),
          'data: [DONE]',
        ]),
    })
    await translation(await post())
    expect(model.calls).toHaveLength(1)
    expect(failedAttempts()).toEqual([])
  })

  it("DeepSeek-R1's distills on vLLM: a whole answer whose thinking has only its closing tag", async () => {
    const model = useFakeModel({
      override: (call) => {
        if (call.kind !== 'summary') return undefined
        const answer = normalAnswer(call.body, call) as { choices: Array<{ message: { content: string } }> }
        const message = answer.choices[0]?.message as { content: string }
        message.content = `${THINKING}\n</think>\n\n${message.content}`
        return HttpResponse.json(answer)
      },
    })
    const res = await fetchWithEnv({}, '/v1/translations', jsonPost({ ...ARTICLE, summary: 'short' }))
    const result = await translation(res)
    expect(result.summary?.en).toMatch(/\w/)
    expect(result.summary?.en).not.toMatch(/draft|<\/?think>/)
    expect(model.summaryCalls()).toHaveLength(1)
  })

  it("DeepSeek-R1 on Workers AI: the binding's `response` opens with thinking and `</think>`", async () => {
    const memory = createMemory([seed])
    const calls: string[] = []
    const ai = {
      async run(model: string, inputs: Record<string, unknown>) {
        calls.push(model)
        const answer = answerChatCompletion({ model, messages: inputs.messages }, memory, model)
        const content = (answer.body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message
          .content
        return {
          response: `${THINKING}\n</think>\n\n${content}`,
          usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
        }
      },
    }
    const res = await fetchWithEnv(
      { AI: ai, MODEL: '@cf/deepseek-ai/deepseek-r1-distill-qwen-32b', OPENAI_API_KEY: undefined },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT, summary: 'short' }),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(result.summary?.en).not.toMatch(/draft|<\/?think>/)
    expect(result.usage.model_calls).toBe(calls.length)
  })
})

describe('an error a provider reports inside its stream, after its 200', () => {
  // OpenAI's own words when it fails midway (no `event:` line, no `[DONE]`).
  const openAIError = data({
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
    },
  })
  const failingMidway = (call: ModelCall) => {
    const pieces = piecesOf(answerText(call))
    return eventStream([
      data(openAIChunk({ role: 'assistant', content: '', refusal: null })),
      ...pieces.slice(0, 3).map((piece) => data(openAIChunk({ content: piece }))),
      openAIError,
    ])
  }

  it("is retried, as the same provider's HTTP 500 is", async () => {
    const model = useFakeModel({ override: (call, n) => (n === 1 ? failingMidway(call) : undefined) })
    await translation(await post())
    expect(model.calls).toHaveLength(2)
  })

  it('ends, when it keeps coming, in a problem saying the model failed, not that it was out of reach', async () => {
    const model = useFakeModel({ override: failingMidway })
    const problem = await expectProblem(await post({ MAX_RETRIES: '1' }), 502, 'model-failed')
    expect(model.calls).toHaveLength(2)
    expect(problem.reason).toMatch(/model\.test reported an error midway through its answer \(server_error\)/)
    expect(problem).not.toHaveProperty('setting')
    expect(problem.detail).not.toMatch(/OPENAI_BASE_URL/)
  })

  /** A fake model whose first answer streams its first piece, then `fault`; the calls after it answer well. */
  const faultyOnce = (...fault: string[]) =>
    useFakeModel({
      override: (call, n) =>
        n === 1
          ? eventStream([data(openAIChunk({ role: 'assistant', content: piecesOf(answerText(call))[0] })), ...fault])
          : undefined,
    })

  it("vLLM's (`BadRequestError`, code 400, whatever went wrong) is retried, as the request was accepted", async () => {
    const model = faultyOnce(
      data({
        error: {
          object: 'error',
          message: 'The decoder prompt cannot be empty',
          type: 'BadRequestError',
          param: null,
          code: 400,
        },
      }),
      'data: [DONE]',
    )
    await translation(await post())
    expect(model.calls).toHaveLength(2)
  })

  it("OpenRouter's 402 (the credit ran out midway) is not retried: the account needs credit", async () => {
    const model = faultyOnce(data({ error: { code: 402, message: 'Insufficient credits.' } }))
    const problem = await expectProblem(await post(), 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_status: 402 })
    expect(model.calls.filter((call) => call.kind === 'translation')).toHaveLength(1)
  })

  it('as a named `event: error` (llama.cpp, OpenAI) is retried', async () => {
    const model = faultyOnce(
      `event: error\n${data({ error: { code: 500, message: 'llama_decode failed', type: 'server_error' } })}`,
    )
    await translation(await post())
    expect(model.calls).toHaveLength(2)
  })

  it("keeps the provider's 429, a status the retry policy knows", async () => {
    const model = faultyOnce(data({ error: { code: 429, message: 'Rate limit exceeded: free-models-per-min' } }))
    await translation(await post())
    expect(model.calls).toHaveLength(2)
    expect(failedAttempts().map(([line]) => line)).toEqual([
      expect.stringMatching(/reported an error midway through its answer \(429\)\); retrying/),
    ])
  })

  it('as a lone finish reason of `error`, with no error object, is retried', async () => {
    const model = faultyOnce(data(openAIChunk({}, 'error')), 'data: [DONE]')
    await translation(await post())
    expect(model.calls).toHaveLength(2)
    expect(failedAttempts().map(([line]) => line)).toEqual([
      expect.stringMatching(/reported an error midway through its answer\); retrying/),
    ])
  })

  it("OpenRouter's (an `error` beside a choice whose finish reason is `error`) is retried", async () => {
    const model = useFakeModel({
      override: (call, n) => {
        if (n > 1) return undefined
        const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
          id: 'gen-1747923245-Lh3tMmUVvXnvWmDtGpYq',
          provider: 'Together',
          model: 'meta-llama/llama-3.3-70b-instruct',
          object: 'chat.completion.chunk',
          created: 1747923245,
          choices: [{ index: 0, delta, finish_reason: finish, native_finish_reason: finish, logprobs: null }],
        })
        return eventStream([
          data(chunk({ role: 'assistant', content: piecesOf(answerText(call))[0] })),
          data({
            ...chunk({ content: '' }, 'error'),
            error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Together' } },
          }),
        ])
      },
    })
    await translation(await post())
    expect(model.calls).toHaveLength(2)
  })
})

describe('a stream whose connection breaks', () => {
  it('keeps the paragraphs it finished and asks again only for the rest', async () => {
    const model = useFakeModel({
      override: (call, n) => {
        if (n > 1) return undefined
        const text = answerText(call)
        // The first paragraph's object and a little more, then the connection resets.
        const upTo = text.indexOf('"}') + 12
        const encoder = new TextEncoder()
        const events = [
          data(openAIChunk({ role: 'assistant', content: '' })),
          ...piecesOf(text.slice(0, upTo)).map((piece) => data(openAIChunk({ content: piece }))),
        ]
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode(events.map((e) => `${e}\n\n`).join('')))
            // Once that much has gone out (an error at once would discard what is queued).
            await new Promise((resolve) => setTimeout(resolve, 50))
            controller.error(new TypeError('Network connection lost.'))
          },
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    await translation(await post())
    expect(model.translationCalls().map((c) => c.ids)).toEqual([['p0', 'p1'], ['p1']])
  })
})

describe('a stream that stalls', () => {
  it('is abandoned when the request deadline passes, long before its own idle timeout', async () => {
    useFakeModel({
      override: (call) => {
        const opening = data(openAIChunk({ role: 'assistant', content: piecesOf(answerText(call))[0] }))
        // One piece of the answer, then nothing: the connection stays open.
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode(`${opening}\n\n`)),
        })
        return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
      },
    })
    // Silent for a minute would be a timeout; the deadline, one second, comes first (the test's own limit is 20 s).
    const res = await post({ REQUEST_DEADLINE_MS: '1000', ATTEMPT_TIMEOUT_MS: '60000' })
    const problem = await expectProblem(res, 504, 'deadline-exceeded')
    expect(problem).toMatchObject({ missing_paragraphs: [0, 1] })
  })
})
