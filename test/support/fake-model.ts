/**
 * A fake model on the OpenAI HTTP API (msw). It answers with human translations recorded
 * apart from the checks — the seed recordings, the FLORES-200 pairs and passage's own news
 * pairs (with their summaries) — through the same replay code as `npm run dev`; French
 * nobody recorded gets a word-for-word gloss (synthetic.ts). It records every call
 * so tests can assert what the worker asked for. Nothing here imports from src/.
 */

import { delay, http, HttpResponse } from 'msw'
import flores from '../../fixtures/corpora/flores200-devtest.fra-eng.tsv?raw'
import news from '../../fixtures/fidelity/news-pairs.json'
import nightTrains from '../../fixtures/recordings/lemonde-trains-de-nuit.json'
import seed from '../../fixtures/recordings/seed.json'
import names from '../../prompts/names.json'
import { answerChatCompletion, createMemory, type Recording } from '../../replay/answer.ts'
import { inventEnglish, inventSummary } from './synthetic.ts'
import openapi from '../../fixtures/openai/chat-completions.openapi.json'
import { createOpenAIRules, type Refusal } from '../../replay/openai-rules.ts'
import { server } from './model-server'

export { inventEnglish }

/** FLORES-200 devtest pairs (CC BY-SA 4.0, see fixtures/corpora/README.md), one recording per article. */
export const FLORES: Recording[] = (() => {
  const byUrl = new Map<string, Recording>()
  for (const line of flores.trim().split('\n').slice(1)) {
    const [, url = '', , fr = '', en = ''] = line.split('\t')
    const recording = byUrl.get(url) ?? { paragraphs: [], summaries: {} }
    recording.paragraphs.push({ fr, en })
    byUrl.set(url, recording)
  }
  return [...byUrl.values()]
})()

/** passage's own French news articles, with faithful English and summaries (fixtures/fidelity). */
export const NEWS: Recording[] = (news as { articles: Recording[] }).articles

export const MODEL_URL = 'https://model.test/v1/chat/completions'

export interface ModelCall {
  kind: 'translation' | 'summary'
  /** Segment ids of a translation call. */
  ids: string[]
  /** The French sent: paragraphs of a translation, the article of a summary. */
  texts: string[]
  body: Record<string, unknown>
  user: Record<string, unknown>
  /** The request's headers, lower-cased names (the worker's Authorization included). */
  headers: Record<string, string>
  /** When the worker's request reached the model, and when the answer left (ms). */
  startedAt: number
  endedAt?: number
}

/** Return a Response to answer a call yourself, or undefined for the normal answer. */
export type Override = (call: ModelCall, n: number) => Response | undefined | Promise<Response | undefined>

export interface FakeModel {
  calls: ModelCall[]
  /** Requests refused as OpenAI would refuse them (schema or model rules), not counted in `calls`. */
  refused: Array<{ body: Record<string, unknown>; refusal: Refusal }>
  maxInFlight: number
  translationCalls(): ModelCall[]
  summaryCalls(): ModelCall[]
}

const memory = createMemory([seed, nightTrains, ...NEWS, ...FLORES])
const SENTENCES: Record<number, number> = { 1: 1, 3: 3, 6: 6 }
// Every request is checked against OpenAI's published schema and per-model rules first.
const rules = createOpenAIRules(openapi)

export function useFakeModel(options: { override?: Override; latencyMs?: number } = {}): FakeModel {
  const model: FakeModel = {
    calls: [],
    refused: [],
    maxInFlight: 0,
    translationCalls: () => model.calls.filter((c) => c.kind === 'translation'),
    summaryCalls: () => model.calls.filter((c) => c.kind === 'summary'),
  }
  let inFlight = 0
  server.use(
    http.post(MODEL_URL, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>
      const refusal = rules.check(body)
      if (refusal) {
        model.refused.push({ body, refusal })
        return HttpResponse.json(refusal.body, { status: refusal.status })
      }
      const call = { ...describeCall(body), headers: Object.fromEntries(request.headers) }
      model.calls.push(call)
      inFlight++
      model.maxInFlight = Math.max(model.maxInFlight, inFlight)
      try {
        if (options.latencyMs) await delay(options.latencyMs)
        const custom = await options.override?.(call, model.calls.length)
        if (custom) return body.stream === true ? await asStream(custom, body) : custom
        const answer = normalAnswer(body, call)
        return body.stream === true
          ? streamedCompletion(answer, { usage: includesUsage(body) })
          : HttpResponse.json(answer)
      } finally {
        inFlight--
        call.endedAt = Date.now()
      }
    }),
  )
  return model
}

/**
 * The answer a well-behaved model gives: recorded where recorded, a gloss otherwise, and
 * in both cases following the glossary it was sent.
 */
export function normalAnswer(body: Record<string, unknown>, call: ModelCall): Record<string, unknown> {
  const glossary = (call.user.glossary ?? {}) as Record<string, string>
  if (call.kind === 'summary') {
    const replayed = answerChatCompletion(body, memory, String(body.model))
    if (replayed.status === 200) return replayed.body as Record<string, unknown>
    const sentences = SENTENCES[Number(call.user.sentences)] ?? 3
    return chatCompletion(JSON.stringify(inventSummary(call.texts, sentences, glossary)))
  }
  const translations = call.ids.map((id, i) => {
    const fr = call.texts[i] ?? ''
    const recorded = memory.translations.get(fr.normalize('NFC').trim())
    return { id, en: recorded === undefined ? inventEnglish(fr, glossary) : followGlossary(recorded, fr, glossary) }
  })
  return chatCompletion(JSON.stringify({ translations }))
}

/** A recorded translation with the glossary's renderings in place of the default names. */
function followGlossary(en: string, fr: string, glossary: Record<string, string>): string {
  let text = en
  for (const [term, rendering] of Object.entries(glossary)) {
    const usual = (names.names as Record<string, string>)[term]
    if (usual && usual !== rendering && fr.includes(term)) text = text.replaceAll(usual, rendering)
  }
  return text
}

export function chatCompletion(content: string, finishReason = 'stop'): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4.1-mini',
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason, logprobs: null },
    ],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  }
}

/** A translation answer built from the call, with each text transformed by `en`. */
export function translationAnswer(
  call: ModelCall,
  en: (id: string, fr: string) => string = (_id, fr) =>
    inventEnglish(fr, (call.user.glossary ?? {}) as Record<string, string>),
): Response {
  const translations = call.ids.map((id, i) => ({ id, en: en(id, call.texts[i] ?? '') }))
  return HttpResponse.json(chatCompletion(JSON.stringify({ translations })))
}

export function providerError(
  status: number,
  headers: Record<string, string> = {},
  message = 'provider error',
): Response {
  return HttpResponse.json({ error: { message, type: 'server_error', code: null, param: null } }, { status, headers })
}

/** OpenAI's answer for an account out of credit, as its API sends it. */
/**
 * Gemini's OpenAI-compatible endpoint refusing for a quota (as reported by its users): a
 * list-shaped 429 `RESOURCE_EXHAUSTED` whose `google.rpc.QuotaFailure` names the quotas
 * violated, and a `google.rpc.RetryInfo` wait when `retryDelay` is given.
 */
export function googleQuotaExceeded(violations: Array<Record<string, string | object>>, retryDelay?: string): Response {
  const details: object[] = [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations }]
  if (retryDelay) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay })
  return HttpResponse.json(
    [
      {
        error: {
          code: 429,
          message: 'You exceeded your current quota, please check your plan and billing details.',
          status: 'RESOURCE_EXHAUSTED',
          details,
        },
      },
    ],
    { status: 429 },
  )
}

export function insufficientQuota(): Response {
  return HttpResponse.json(
    {
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    },
    { status: 429 },
  )
}

function describeCall(body: Record<string, unknown>): Omit<ModelCall, 'headers'> {
  const messages = body.messages as Array<{ role: string; content: string }>
  const user = JSON.parse(messages.find((m) => m.role === 'user')?.content ?? '{}') as Record<string, unknown>
  if (Array.isArray(user.paragraphs)) {
    const paragraphs = user.paragraphs as Array<{ id: string; fr: string }>
    return {
      kind: 'translation',
      ids: paragraphs.map((p) => p.id),
      texts: paragraphs.map((p) => p.fr),
      body,
      user,
      startedAt: Date.now(),
    }
  }
  return { kind: 'summary', ids: [], texts: user.article as string[], body, user, startedAt: Date.now() }
}

const includesUsage = (body: Record<string, unknown>) =>
  (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true

/**
 * A chat completion streamed the way OpenAI streams it: `chat.completion.chunk` events
 * (the role, then the content in small pieces, then the finish reason; the usage in a last
 * chunk without choices when asked for), then `data: [DONE]`. `stopAfter` cuts the stream
 * after that many characters of content, with no finish reason and no [DONE]: a stream
 * that stopped midway.
 */
export function streamedCompletion(
  completion: Record<string, unknown>,
  options: { usage?: boolean; pieceLength?: number; stopAfter?: number } = {},
): Response {
  const choice = (
    completion.choices as Array<{
      message: { content?: string | null; refusal?: string | null }
      finish_reason: string
    }>
  )[0]
  const content = choice?.message.content ?? ''
  const refusal = choice?.message.refusal ?? null
  const base = {
    id: completion.id ?? 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 0,
    model: completion.model ?? 'gpt-4.1-mini',
    system_fingerprint: null,
  }
  const usage = options.usage ? { usage: null } : {}
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...usage,
  })
  const events: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })]
  const step = options.pieceLength ?? 17
  const end = options.stopAfter === undefined ? content.length : Math.min(options.stopAfter, content.length)
  for (let i = 0; i < end; i += step) events.push(chunk({ content: content.slice(i, Math.min(i + step, end)) }))
  if (refusal) events.push(chunk({ refusal }))
  const stopped = options.stopAfter !== undefined
  if (!stopped) {
    events.push(chunk({}, choice?.finish_reason ?? 'stop'))
    if (options.usage && completion.usage) events.push({ ...base, choices: [], usage: completion.usage })
  }
  const text = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('') + (stopped ? '' : 'data: [DONE]\n\n')
  return new HttpResponse(text, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
  })
}

/**
 * `completion` streamed as OpenAI streams it, its events up to the first `upTo` characters
 * of its content at once and the rest only when `held` settles: a model still writing.
 */
export async function heldStream(
  completion: Record<string, unknown>,
  upTo: number,
  held: Promise<unknown>,
): Promise<Response> {
  const events = (await streamedCompletion(completion, { usage: true }).text()).split('\n\n').filter(Boolean)
  let written = ''
  let cut = events.length
  for (const [i, event] of events.entries()) {
    const data = event.slice(6)
    if (data !== '[DONE]')
      written +=
        (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? ''
    if (written.length >= upTo) {
      cut = i + 1
      break
    }
  }
  const encoder = new TextEncoder()
  const text = (part: string[]) => encoder.encode(part.map((e) => `${e}\n\n`).join(''))
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(text(events.slice(0, cut)))
      await held
      controller.enqueue(text(events.slice(cut)))
      controller.close()
    },
  })
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
}

/** A test's own answer, streamed when the request asked for a stream and the answer is a completion. */
async function asStream(response: Response, body: Record<string, unknown>): Promise<Response> {
  if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json')) return response
  const json = (await response
    .clone()
    .json()
    .catch(() => undefined)) as Record<string, unknown> | undefined
  if (json?.object !== 'chat.completion') return response
  return streamedCompletion(json, { usage: includesUsage(body) })
}
