/**
 * The replay model over HTTP: a local server that speaks the OpenAI chat-completions
 * protocol and answers from fixtures/recordings. `npm run dev` and `npm run demo` start
 * it when no OPENAI_API_KEY is set.
 *
 *   node replay/server.ts [--port 8788] [--latency-ms 0]
 */

import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { answerChatCompletion, createMemory, type Recording } from './answer.ts'
import { createOpenAIRules } from './openai-rules.ts'

const RECORDINGS = join(import.meta.dirname, '..', 'fixtures', 'recordings')

export function loadRecordings(folder = RECORDINGS): Recording[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as Recording)
}

const OPENAPI = join(import.meta.dirname, '..', 'fixtures', 'openai', 'chat-completions.openapi.json')

/**
 * Starts the replay server; resolves once it listens. Each request is first checked as
 * OpenAI would check it (its published schema, and the rules of the model it names: a
 * reasoning model refuses `max_tokens` and `temperature`), so what passes here passes there.
 */
export function startReplayServer(port: number, latencyMs = 0): Promise<Server> {
  const memory = createMemory(loadRecordings())
  const rules = createOpenAIRules(JSON.parse(readFileSync(OPENAPI, 'utf8')) as Record<string, unknown>, ['replay'])
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      const path = (req.url ?? '').split('?')[0]
      if (req.method === 'GET' && path === '/v1/models')
        return send(200, { object: 'list', data: [{ id: 'replay', object: 'model', owned_by: 'passage' }] })
      if (req.method !== 'POST' || path !== '/v1/chat/completions')
        return send(404, {
          error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error', code: null, param: null },
        })
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return send(400, { error: { message: 'invalid JSON', type: 'invalid_request_error', code: null, param: null } })
      }
      const refusal = rules.check(body)
      if (refusal) return send(refusal.status, refusal.body)
      const answer = answerChatCompletion(body, memory, String((body as { model: unknown }).model))
      // No usage: the replay model counts no tokens, and the worker says its figures are estimates.
      if (answer.status === 200) delete (answer.body as { usage?: unknown }).usage
      setTimeout(() => send(answer.status, answer.body), latencyMs)
    })
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8788' }, 'latency-ms': { type: 'string', default: '0' } },
  })
  const port = Number(values.port)
  await startReplayServer(port, Number(values['latency-ms']))
  console.log(`replay model: answering from fixtures/recordings on http://127.0.0.1:${port}/v1`)
}
