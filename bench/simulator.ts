/**
 * A simulated model on the OpenAI chat-completions protocol, for benchmarks: each call
 * takes a fixed latency plus a time per output token, answers passage's translation and
 * summary requests (and plain-text ones, for baselines) with synthetic English, reports
 * usage, and logs every call so a benchmark can see what a request cost.
 */

import { createServer, type Server } from 'node:http'
import { inventEnglish, inventSummary } from '../replay/synthetic.ts'

export interface SimulatorTiming {
  latencyMs: number
  msPerOutputToken: number
}

export interface SimulatedCall {
  kind: 'translation' | 'summary' | 'plain'
  start: number
  end: number
  inputTokens: number
  outputTokens: number
}

/** Tokens as a GPT-style tokenizer counts English-like text: about 4 characters each. */
export const tokens = (text: string) => Math.ceil(text.length / 4)

/** The answer to one request body, computed without waiting. */
export function simulateAnswer(body: Record<string, unknown>): { kind: SimulatedCall['kind']; content: string; inputTokens: number; outputTokens: number } {
  const messages = (body.messages ?? []) as Array<{ role: string; content: string }>
  const user = messages.find((m) => m.role === 'user')?.content ?? ''
  const inputTokens = tokens(messages.map((m) => m.content).join('\n')) + 4 * messages.length
  const schema = (body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name
  let kind: SimulatedCall['kind'] = 'plain'
  let content: string
  if (schema === 'translation') {
    kind = 'translation'
    const request = JSON.parse(user) as { glossary: Record<string, string>; paragraphs: Array<{ id: string; fr: string }> }
    content = JSON.stringify({ translations: request.paragraphs.map(({ id, fr }) => ({ id, en: inventEnglish(fr, request.glossary) })) })
  } else if (schema === 'summary') {
    kind = 'summary'
    const request = JSON.parse(user) as { sentences: number; article: string[] }
    content = JSON.stringify(inventSummary(request.article, request.sentences))
  } else {
    content = inventEnglish(user)
  }
  return { kind, content, inputTokens, outputTokens: tokens(content) }
}

export interface Simulator {
  url: string
  calls: SimulatedCall[]
  timing: SimulatorTiming
  close(): void
}

export function startSimulator(timing: SimulatorTiming): Promise<Simulator> {
  const calls: SimulatedCall[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const start = performance.now()
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
      const answer = simulateAnswer(body)
      const delay = simulator.timing.latencyMs + answer.outputTokens * simulator.timing.msPerOutputToken
      setTimeout(() => {
        calls.push({ kind: answer.kind, start, end: performance.now(), inputTokens: answer.inputTokens, outputTokens: answer.outputTokens })
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify({
            id: 'chatcmpl-sim',
            object: 'chat.completion',
            created: 0,
            model: String(body.model),
            choices: [{ index: 0, message: { role: 'assistant', content: answer.content, refusal: null }, finish_reason: 'stop', logprobs: null }],
            usage: { prompt_tokens: answer.inputTokens, completion_tokens: answer.outputTokens, total_tokens: answer.inputTokens + answer.outputTokens },
          }),
        )
      }, delay)
    })
  })
  const simulator: Simulator = { url: '', calls, timing, close: () => server.close() }
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      simulator.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`
      resolve(simulator)
    }),
  )
}
