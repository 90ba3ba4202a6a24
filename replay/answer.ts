/**
 * The replay model: answers OpenAI chat-completions requests of passage's two kinds
 * (translation and summary) from recorded answers, so the service runs end to end with
 * no key and no network. Pure: the Node server (server.ts) and the tests share it.
 */

export interface Recording {
  paragraphs: Array<{ fr: string; en: string }>
  summaries: Partial<Record<'short' | 'standard' | 'long', { en: string; fr: string }>>
}

export interface ReplayMemory {
  translations: Map<string, string>
  recordings: Recording[]
}

export interface ReplayAnswer {
  status: number
  body: unknown
}

const LENGTH_BY_SENTENCES: Record<number, 'short' | 'standard' | 'long'> = { 1: 'short', 3: 'standard', 6: 'long' }

/** Indexes recordings by French paragraph, so any batching of recorded paragraphs is answered. */
export function createMemory(recordings: Recording[]): ReplayMemory {
  const translations = new Map<string, string>()
  for (const recording of recordings) for (const { fr, en } of recording.paragraphs) translations.set(key(fr), en)
  return { translations, recordings }
}

/**
 * Answers one `POST /chat/completions` body. Unrecorded text gets a 422 in OpenAI's
 * error shape whose message says to set OPENAI_API_KEY.
 */
export function answerChatCompletion(body: unknown, memory: ReplayMemory, model = 'replay'): ReplayAnswer {
  const request = asRecord(body)
  const messages = Array.isArray(request.messages) ? request.messages.map(asRecord) : []
  const user = messages.find((m) => m.role === 'user')?.content
  let input: Record<string, unknown>
  try {
    input = asRecord(JSON.parse(typeof user === 'string' ? user : ''))
  } catch {
    return failure(400, 'The replay model understands only requests made by passage (a JSON user message).')
  }

  // The kind of request shows in its input (whatever the structured-output mode).
  if (Array.isArray(input.paragraphs)) {
    const paragraphs = Array.isArray(input.paragraphs) ? input.paragraphs.map(asRecord) : []
    const translations: Array<{ id: unknown; en: string }> = []
    for (const paragraph of paragraphs) {
      const en = memory.translations.get(key(String(paragraph.fr)))
      if (en === undefined) return noRecording()
      translations.push({ id: paragraph.id, en })
    }
    return completion(model, JSON.stringify({ translations }), String(user))
  }

  if (Array.isArray(input.article)) {
    const article = Array.isArray(input.article) ? input.article.map((p) => key(String(p))) : []
    const length = LENGTH_BY_SENTENCES[Number(input.sentences)]
    const recording = memory.recordings.find(
      (r) => r.paragraphs.length === article.length && r.paragraphs.every((p, i) => key(p.fr) === article[i]),
    )
    const summary = length && recording?.summaries[length]
    if (!summary) return noRecording()
    return completion(model, JSON.stringify(summary), String(user))
  }
  return failure(400, 'The replay model answers only passage translation and summary requests.')
}

function completion(model: string, content: string, prompt: string): ReplayAnswer {
  return {
    status: 200,
    body: {
      id: `chatcmpl-replay-${content.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null },
      ],
      // Rough counts (4 characters a token) so usage figures are not all zero.
      usage: {
        prompt_tokens: Math.ceil(prompt.length / 4),
        completion_tokens: Math.ceil(content.length / 4),
        total_tokens: 0,
      },
    },
  }
}

function noRecording(): ReplayAnswer {
  return failure(
    422,
    'The replay model has no recording for this text: it only knows the articles in fixtures/recordings. ' +
      'Set OPENAI_API_KEY to translate anything else.',
    'no_recording',
  )
}

function failure(status: number, message: string, code = 'replay_error'): ReplayAnswer {
  return { status, body: { error: { message, type: 'invalid_request_error', param: null, code } } }
}

function key(text: string): string {
  return text.normalize('NFC').trim()
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
