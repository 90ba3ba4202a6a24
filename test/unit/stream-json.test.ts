import { describe, expect, it } from 'vitest'
import { contentDelta, createEventReader, createItemReader } from '../../src/model/stream-json'

// Written by hand, with the characters that trip a naive reader: braces, brackets and
// escaped quotes inside strings, and non-ASCII text.
const ANSWER =
  String.raw`{"translations": [ {"id":"p0","en":"The minister said \"no {comment}\" on Tuesday."},` +
  '\n  {"id":"p1","en":"Prices rose by 3.2 % [provisional figures]."},' +
  String.raw` {"id":"p2","en":"Zoë’s café — closed\\open."} ]}`
const ITEMS = [
  { id: 'p0', en: 'The minister said "no {comment}" on Tuesday.' },
  { id: 'p1', en: 'Prices rose by 3.2 % [provisional figures].' },
  { id: 'p2', en: 'Zoë’s café — closed\\open.' },
]

function read(pieces: string[]) {
  const seen: Array<[unknown, number]> = []
  const reader = createItemReader((item, index) => seen.push([item, index]))
  for (const piece of pieces) reader.push(piece)
  return seen
}

describe('reading a structured answer as it streams', () => {
  it('hands over each item of the array, parsed and numbered, from the whole text at once', () => {
    expect(read([ANSWER])).toEqual(ITEMS.map((item, i) => [item, i]))
  })

  it('gives the same items however the text is cut into pieces', () => {
    for (let cut = 1; cut < ANSWER.length; cut++) {
      expect(read([ANSWER.slice(0, cut), ANSWER.slice(cut)])).toEqual(ITEMS.map((item, i) => [item, i]))
    }
    expect(read([...ANSWER])).toEqual(ITEMS.map((item, i) => [item, i]))
  })

  it('hands an item over the moment its closing brace arrives, before the rest is written', () => {
    const seen: unknown[] = []
    const reader = createItemReader((item) => seen.push(item))
    reader.push('{"translations":[{"id":"p0","en":"One."')
    expect(seen).toEqual([])
    reader.push('}')
    expect(seen).toEqual([{ id: 'p0', en: 'One.' }])
    reader.push(',{"id":"p1","en":"Tw')
    expect(seen).toHaveLength(1)
  })

  it('reads an answer fenced as a chat model writes it without a schema', () => {
    expect(read(['```json\n', '{"translations":[{"id":"p0","en":"Hello."}]}', '\n```'])).toEqual([
      [{ id: 'p0', en: 'Hello.' }, 0],
    ])
  })

  it('hands over nothing for an answer that is not the expected JSON', () => {
    expect(read(['I cannot translate this article.'])).toEqual([])
    expect(read(['{"translations":"none"}'])).toEqual([])
    expect(read(['{"translations":[{"id":"p0","en":"Hello."}]', '{"id":"p9","en":"After the array."}'])).toEqual([
      [{ id: 'p0', en: 'Hello.' }, 0],
    ])
  })
})

// Events as an OpenAI-compatible endpoint streams them, written by hand: a comment, an
// event split over two data lines, a named error event, the end marker.
const EVENTS =
  ': keep-alive\n\n' +
  'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n' +
  'data: {"choices":[{"delta":\ndata: {"content":"lo."}}]}\n\n' +
  'event: error\ndata: {"error":{"message":"overloaded"}}\n\n' +
  'data: [DONE]\n\n'
const EVENTS_READ: Array<[string, string | undefined]> = [
  ['{"choices":[{"delta":{"content":"Hel"}}]}', undefined],
  ['{"choices":[{"delta":\n{"content":"lo."}}]}', undefined],
  ['{"error":{"message":"overloaded"}}', 'error'],
  ['[DONE]', undefined],
]

function events(pieces: string[]) {
  const seen: Array<[string, string | undefined]> = []
  const reader = createEventReader((data, event) => seen.push([data, event]))
  for (const piece of pieces) reader.push(piece)
  return seen
}

describe('reading server-sent events as they stream', () => {
  it('hands over each event’s data and name, skipping comments, from the whole text at once', () => {
    expect(events([EVENTS])).toEqual(EVENTS_READ)
  })

  it('gives the same events however the text is cut into pieces', () => {
    for (let cut = 1; cut < EVENTS.length; cut++) {
      expect(events([EVENTS.slice(0, cut), EVENTS.slice(cut)])).toEqual(EVENTS_READ)
    }
    expect(events([...EVENTS])).toEqual(EVENTS_READ)
  })

  it('reads lines ended by CRLF or by CR alone, even when a CRLF is cut between two pieces', () => {
    const crlf = EVENTS.replaceAll('\n', '\r\n')
    const cr = EVENTS.replaceAll('\n', '\r')
    for (const text of [crlf, cr]) {
      expect(events([text])).toEqual(EVENTS_READ)
      for (let cut = 1; cut < text.length; cut++) {
        expect(events([text.slice(0, cut), text.slice(cut)])).toEqual(EVENTS_READ)
      }
    }
  })

  it('hands an event over at its blank line, and never one the stream ends before it', () => {
    expect(events(['data: one\n'])).toEqual([])
    expect(events(['data: one\n', '\n'])).toEqual([['one', undefined]])
    expect(events(['data:two\n\ndata: three'])).toEqual([['two', undefined]])
  })
})

// Chunks as OpenAI writes them (fields around `choices` in its order, a random
// `obfuscation` pad), written by hand.
const OPENAI_PIECE =
  '{"id":"chatcmpl-B9","object":"chat.completion.chunk","created":1764000000,"model":"gpt-5.4-mini",' +
  '"service_tier":"default","system_fingerprint":null,' +
  '"choices":[{"index":0,"delta":{"content":"The minister"},"logprobs":null,"finish_reason":null}],' +
  '"usage":null,"obfuscation":"Xq3"}'
const piece = (delta: string, around = '') =>
  `{"id":"c1","object":"chat.completion.chunk"${around},"choices":[{"index":0,"delta":${delta},"finish_reason":null}]}`

describe('reading a piece of text from a chunk without parsing it whole', () => {
  it('reads the text of a chunk that carries only a piece of the answer, whatever its other fields', () => {
    expect(contentDelta(OPENAI_PIECE)).toBe('The minister')
    expect(contentDelta(piece('{"content":" said"}', ',"usage":null'))).toBe(' said')
    expect(contentDelta(piece('{"content":""}'))).toBe('')
  })

  it('decodes the escapes of the text as JSON does', () => {
    const escaped = String.raw`{"content":"\"Non\", a-t-il dit \u00e0 l\u2019AFP\\\n"}`
    expect(contentDelta(piece(escaped))).toBe('"Non", a-t-il dit à l’AFP\\\n')
  })

  it('leaves every other chunk to a full parse', () => {
    // The first chunk (a role), the last ones (a finish reason, the usage), a refusal, an error.
    expect(contentDelta(piece('{"role":"assistant","content":"","refusal":null}'))).toBeUndefined()
    expect(contentDelta('{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}')).toBeUndefined()
    expect(
      contentDelta('{"id":"c1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}'),
    ).toBeUndefined()
    expect(contentDelta(piece('{"refusal":"I cannot help with that."}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"x"}', ',"error":"overloaded"'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"x"}', ',"error":{"message":"overloaded"}'))).toBeUndefined()
    // Two choices, spaces between tokens, a nested field: not the shape read here.
    expect(
      contentDelta(
        '{"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null},' +
          '{"index":1,"delta":{"content":"b"},"finish_reason":null}]}',
      ),
    ).toBeUndefined()
    expect(
      contentDelta('{"choices": [{"index": 0, "delta": {"content": "a"}, "finish_reason": null}]}'),
    ).toBeUndefined()
    expect(contentDelta(piece('{"content":"a"}', ',"meta":{"k":1}'))).toBeUndefined()
  })

  it('reads the pieces of one stream alike, whether their text is plain or not', () => {
    // The same fields around the text, one piece after the other, as a stream sends them.
    expect(contentDelta(piece('{"content":"Le"}'))).toBe('Le')
    expect(contentDelta(piece('{"content":" «\u00a0Non"}'))).toBe(' «\u00a0Non')
    expect(contentDelta(piece(String.raw`{"content":" \"oui\""}`))).toBe(' "oui"')
    expect(contentDelta(piece('{"content":""}'))).toBe('')
    expect(contentDelta(piece('{"content":"a\tb"}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"a"},"x":"}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"x"}', ',"error":"overloaded"'))).toBeUndefined()
    expect(contentDelta(`${piece('{"content":"a"}')} trailing`)).toBeUndefined()
    expect(contentDelta(piece('{"content":"fin."}'))).toBe('fin.')
  })

  it('reads escaped text between the surroundings of the piece before as JSON does, and nothing else', () => {
    expect(contentDelta(piece('{"content":"Le"}'))).toBe('Le')
    expect(contentDelta(piece(String.raw`{"content":"\n\u00e0 \"oui\""}`))).toBe('\nà "oui"')
    // An escape cut short by the closing quote, a second field, a raw tab: no piece of text.
    expect(contentDelta(piece(String.raw`{"content":"a\"}`))).toBeUndefined()
    expect(contentDelta(piece('{"content":"a","b":"c"}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"a\tb"}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"fin."}'))).toBe('fin.')
  })

  it('leaves text that is not valid JSON to the full parse, which refuses it', () => {
    // An unknown escape, a raw line break inside the text, a number with a leading zero, text after the object.
    expect(contentDelta(piece(String.raw`{"content":"a\x"}`))).toBeUndefined()
    expect(contentDelta(piece('{"content":"line\nbreak"}'))).toBeUndefined()
    expect(contentDelta(piece('{"content":"a"}', ',"created":01'))).toBeUndefined()
    expect(contentDelta(`${piece('{"content":"a"}')} trailing`)).toBeUndefined()
  })
})
