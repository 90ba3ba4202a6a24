import { describe, expect, it } from 'vitest'
import { createEventReader, createItemReader } from '../../src/model/stream-json'

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
