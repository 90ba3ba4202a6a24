/**
 * A simulated model on the OpenAI chat-completions protocol, for benchmarks, paced like a
 * hosted model: the first token comes after a latency that grows with the prompt
 * (`latencyMs` + `msPer1kPromptTokens` per 1,000 prompt tokens), then each output token
 * takes `msPerOutputToken`; answers stream (`stream: true`, SSE chunks, usage with
 * `stream_options.include_usage`) or come whole. Per API key, it allows `maxConcurrent`
 * requests at once and `tokensPerMinute` (prompt + maximum output, as OpenAI counts them
 * when a request arrives), answering 429 with `retry-after-ms` beyond, as OpenAI does. A
 * share `doubtRate` of translated paragraphs comes back doubtful (cut to half its length,
 * which passage's checks doubt), at the rate the fidelity benchmark measured for faithful
 * translations. It logs every call so a benchmark can see what a request cost.
 */

import { createServer, type Server } from 'node:http'
import { inventEnglish, inventSummary } from '../test/support/synthetic.ts'

export interface SimulatorTiming {
  /** Time to the first token of an empty prompt. */
  latencyMs: number
  msPerOutputToken: number
  /** Time to first token added per 1,000 prompt tokens. */
  msPer1kPromptTokens?: number
}

export interface SimulatorLimits {
  /** Requests one key may have open at once. */
  maxConcurrent: number
  /** Tokens one key may ask for per minute (prompt + max output tokens). */
  tokensPerMinute: number
}

export interface SimulatedCall {
  kind: 'translation' | 'summary' | 'plain'
  start: number
  /** When the first token was sent. */
  firstToken: number
  end: number
  inputTokens: number
  outputTokens: number
  /** Paragraphs answered doubtful on purpose. */
  doubted: number
}

/** Tokens as a GPT-style tokenizer counts English-like text: about 4 characters each. */
export const tokens = (text: string) => Math.ceil(text.length / 4)

/**
 * A deterministic stream of numbers in [0, 1) (mulberry32), so that two runs doubt the
 * same paragraphs.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A doubtful rendering of a faithful one: its first half, which a check finds much shorter than the French. */
function doubtful(en: string): string {
  const words = en.split(' ')
  return words.slice(0, Math.max(1, Math.floor(words.length / 2))).join(' ')
}

/**
 * The answer to one request body, computed without waiting. `doubt` decides, per
 * paragraph, whether it comes back doubtful.
 */
export function simulateAnswer(
  body: Record<string, unknown>,
  doubt: () => boolean = () => false,
): { kind: SimulatedCall['kind']; content: string; inputTokens: number; outputTokens: number; doubted: number } {
  const messages = (body.messages ?? []) as Array<{ role: string; content: string }>
  const user = messages.find((m) => m.role === 'user')?.content ?? ''
  const inputTokens = tokens(messages.map((m) => m.content).join('\n')) + 4 * messages.length
  const schema = (body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name
  let kind: SimulatedCall['kind'] = 'plain'
  let content: string
  let doubted = 0
  if (schema === 'translation') {
    kind = 'translation'
    const request = JSON.parse(user) as {
      glossary: Record<string, string>
      paragraphs: Array<{ id: string; fr: string }>
    }
    const translations = request.paragraphs.map(({ id, fr }) => {
      const en = inventEnglish(fr, request.glossary)
      if (!doubt()) return { id, en }
      doubted++
      return { id, en: doubtful(en) }
    })
    content = JSON.stringify({ translations })
  } else if (schema === 'summary') {
    kind = 'summary'
    const request = JSON.parse(user) as { sentences: number; article: string[]; glossary?: Record<string, string> }
    content = JSON.stringify({
      ...inventSummary(request.article, request.sentences, request.glossary),
      key_points: keyPoints(request.article, request.sentences, request.glossary),
    })
  } else {
    content = inventEnglish(user)
  }
  return { kind, content, inputTokens, outputTokens: tokens(content), doubted }
}

/**
 * The key points a model writes with its summary, as the strict schema requires: 3 to 5
 * (one more than the summary's sentences), each the opening words of a paragraph spread
 * over the article, in English and French, citing that paragraph.
 */
function keyPoints(article: readonly string[], sentences: number, glossary: Record<string, string> = {}) {
  const count = Math.min(5, Math.max(3, sentences + 1))
  return Array.from({ length: count }, (_, i) => {
    const at = Math.floor((i * article.length) / count)
    const fr = `${(article[at] ?? '')
      .split(/\s+/)
      .slice(0, 14)
      .join(' ')
      .replace(/[,;:]$/, '')}.`
    return { en: inventEnglish(fr, glossary), fr, paragraphs: [at] }
  })
}

/** When the first token of a call comes, in ms after it arrives. */
export function timeToFirstToken(timing: SimulatorTiming, inputTokens: number): number {
  return timing.latencyMs + ((timing.msPer1kPromptTokens ?? 0) * inputTokens) / 1000
}

/** How long a whole call takes, by the simulator's own pacing. */
export function callMs(timing: SimulatorTiming, inputTokens: number, outputTokens: number): number {
  return timeToFirstToken(timing, inputTokens) + outputTokens * timing.msPerOutputToken
}

/** The SSE text of a streamed chat completion, in `pieces` (each a run of content), OpenAI's way. */
export function chunkEvents(
  content: string,
  inputTokens: number,
  outputTokens: number,
  options: { model: string; usage: boolean; pieceTokens?: number },
): string[] {
  const base = {
    id: 'chatcmpl-sim',
    object: 'chat.completion.chunk',
    created: 0,
    model: options.model,
    system_fingerprint: null,
    ...(options.usage ? { usage: null } : {}),
  }
  const event = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`
  const events = [event({ role: 'assistant', content: '', refusal: null })]
  const step = 4 * (options.pieceTokens ?? 1)
  for (let i = 0; i < content.length; i += step) events.push(event({ content: content.slice(i, i + step) }))
  events.push(event({}, 'stop'))
  if (options.usage) {
    const usage = {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    }
    events.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`)
  }
  events.push('data: [DONE]\n\n')
  return events
}

/** A whole chat completion's JSON. */
export function completionJson(
  content: string,
  inputTokens: number,
  outputTokens: number,
  model: string,
): Record<string, unknown> {
  return {
    id: 'chatcmpl-sim',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null },
    ],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  }
}

/**
 * An immediate answer as a fetch Response, streamed when the request asks (for in-process
 * benchmarks): one token a chunk, as OpenAI streams, so the worker's CPU per chunk counts.
 */
export function answerResponse(
  body: Record<string, unknown>,
  answer: { content: string; inputTokens: number; outputTokens: number },
): Response {
  const model = String(body.model)
  if (body.stream !== true)
    return Response.json(completionJson(answer.content, answer.inputTokens, answer.outputTokens, model))
  const usage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true
  const text = chunkEvents(answer.content, answer.inputTokens, answer.outputTokens, {
    model,
    usage,
    pieceTokens: 1,
  }).join('')
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } })
}

export interface Simulator {
  url: string
  calls: SimulatedCall[]
  timing: SimulatorTiming
  limits: SimulatorLimits | undefined
  /** Share of translated paragraphs answered doubtful (0 to 1). */
  doubtRate: number
  /** Requests answered 429 by the limits. */
  throttled: number
  close(): void
}

export function startSimulator(
  timing: SimulatorTiming,
  options: { limits?: SimulatorLimits; doubtRate?: number; seed?: number } = {},
): Promise<Simulator> {
  const calls: SimulatedCall[] = []
  const random = seededRandom(options.seed ?? 12)
  // Per key: requests open, and the tokens asked for in the last minute.
  const open = new Map<string, number>()
  const spent = new Map<string, Array<[number, number]>>()
  // New limits start a new minute: what was spent under the old ones does not count.
  let limitsInForce: SimulatorLimits | undefined
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const start = performance.now()
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      const key = String(req.headers.authorization ?? '')
      const answer = simulateAnswer(body, () => random() < simulator.doubtRate)
      const limits = simulator.limits
      if (limits !== limitsInForce) {
        spent.clear()
        limitsInForce = limits
      }
      if (limits) {
        const now = Date.now()
        const window = (spent.get(key) ?? []).filter(([at]) => at > now - 60_000)
        const asked = answer.inputTokens + Number(body.max_completion_tokens ?? body.max_tokens ?? answer.outputTokens)
        const used = window.reduce((n, [, t]) => n + t, 0)
        const busy = (open.get(key) ?? 0) >= limits.maxConcurrent
        if (busy || used + asked > limits.tokensPerMinute) {
          simulator.throttled++
          // The tokens come back when the oldest spending leaves the window.
          const wait = busy ? 1000 : Math.max(1, (window[0]?.[0] ?? now) + 60_000 - now)
          res.writeHead(429, {
            'content-type': 'application/json',
            'retry-after-ms': String(wait),
            'retry-after': String(Math.ceil(wait / 1000)),
          })
          res.end(
            JSON.stringify({
              error: {
                message: `Rate limit reached for requests. Please try again in ${wait}ms.`,
                type: 'requests',
                param: null,
                code: 'rate_limit_exceeded',
              },
            }),
          )
          return
        }
        window.push([now, asked])
        spent.set(key, window)
      }
      open.set(key, (open.get(key) ?? 0) + 1)
      const first = timeToFirstToken(simulator.timing, answer.inputTokens)
      const perToken = simulator.timing.msPerOutputToken
      const model = String(body.model)
      const call: SimulatedCall = {
        kind: answer.kind,
        start,
        firstToken: start,
        end: start,
        inputTokens: answer.inputTokens,
        outputTokens: answer.outputTokens,
        doubted: answer.doubted,
      }
      const finish = () => {
        open.set(key, (open.get(key) ?? 1) - 1)
        call.end = performance.now()
        calls.push(call)
      }
      if (body.stream === true) {
        const usage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true
        // Pieces of 8 tokens: the pacing stays exact without a timer per token.
        const events = chunkEvents(answer.content, answer.inputTokens, answer.outputTokens, {
          model,
          usage,
          pieceTokens: 8,
        })
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
        const contentEvents = events.length - (usage ? 4 : 3)
        let sent = 0
        // Each event's time is fixed from the call's start, as a model writes at its own pace:
        // the role chunk at once, the first piece at the first token, each later piece after
        // its 8 tokens; a timer that fires late does not delay the pieces after it.
        const due = (event: number) =>
          event === 0 ? start : start + first + Math.min(event - 1, contentEvents) * 8 * perToken
        const next = () => {
          if (res.destroyed) return finish()
          if (sent === 1) call.firstToken = performance.now()
          res.write(events[sent++] as string)
          if (sent === events.length) {
            res.end()
            finish()
            return
          }
          setTimeout(next, Math.max(0, due(sent) - performance.now()))
        }
        next()
      } else {
        setTimeout(
          () => {
            call.firstToken = start + first
            res.writeHead(200, { 'content-type': 'application/json' })
            res.end(JSON.stringify(completionJson(answer.content, answer.inputTokens, answer.outputTokens, model)))
            finish()
          },
          first + answer.outputTokens * perToken,
        )
      }
    })
  })
  const simulator: Simulator = {
    url: '',
    calls,
    timing,
    limits: options.limits,
    doubtRate: options.doubtRate ?? 0,
    throttled: 0,
    close: () => server.close(),
  }
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      simulator.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`
      resolve(simulator)
    }),
  )
}
