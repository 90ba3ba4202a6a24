import { describe, expect, it } from 'vitest'
import { createEventReader, createThinkingFilter, withoutThinking } from '../../src/model/stream-json'

// Written by hand: an answer, and the thinking a reasoning model writes before it.
const ANSWER = '{"translations": [{"id": "p0", "en": "The minister said no."}]}'
const THINKING = 'The user wants {"translations": [...]}; a <b>draft</b> first, then the answer.'

function filtered(pieces: string[]): string {
  let out = ''
  const filter = createThinkingFilter((text) => {
    out += text
  })
  for (const piece of pieces) filter.push(piece)
  return out
}

describe("a reasoning model's thinking in its text", () => {
  it('is left out of a whole answer that opens with it, or holds only its closing tag', () => {
    expect(withoutThinking(`<think>\n${THINKING}\n</think>\n\n${ANSWER}`)).toBe(ANSWER)
    expect(withoutThinking(`  \n<think></think>${ANSWER}`)).toBe(ANSWER)
    expect(withoutThinking(`${THINKING}\n</think>\n\n${ANSWER}`)).toBe(ANSWER)
  })

  it('leaves any other text as it is', () => {
    expect(withoutThinking(ANSWER)).toBe(ANSWER)
    const quoted = `{"translations": [{"id": "p0", "en": "He wrote <think> and </think>."}]}`
    expect(withoutThinking(quoted)).toBe(quoted)
    // An article that quotes a closing tag alone: the answer opens as one, so it is one.
    const closing = `{"translations": [{"id": "p0", "en": "The tag </think> ends a model's reasoning."}]}`
    expect(withoutThinking(closing)).toBe(closing)
    expect(withoutThinking(`\n\`\`\`json\n${closing}\n\`\`\``)).toBe(`\n\`\`\`json\n${closing}\n\`\`\``)
  })

  it('is left out of a stream however its tags are cut into pieces', () => {
    const text = `<think>\n${THINKING}\n</think>\n\n${ANSWER}`
    for (let cut = 1; cut < text.length; cut++)
      expect(filtered([text.slice(0, cut), text.slice(cut)]).trimStart()).toBe(ANSWER)
    expect(filtered([...text]).trimStart()).toBe(ANSWER)
  })

  it('passes a stream that opens as an answer does on as it comes, once its first characters show it', () => {
    const seen: string[] = []
    const filter = createThinkingFilter((text) => seen.push(text))
    filter.push('  \n')
    expect(seen).toEqual([])
    filter.push('{"tr')
    expect(seen).toEqual(['  \n{"tr'])
    filter.push('anslations"')
    expect(seen).toEqual(['  \n{"tr', 'anslations"'])
    expect(filtered(['```json\n', ANSWER, '\n```'])).toBe(`\`\`\`json\n${ANSWER}\n\`\`\``)
  })

  it('holds thinking whose opening tag is missing until its closing tag, then passes the answer', () => {
    const text = `${THINKING}\n</think>\n\n${ANSWER}`
    for (let cut = 1; cut < text.length; cut += 7)
      expect(filtered([text.slice(0, cut), text.slice(cut)]).trimStart()).toBe(ANSWER)
  })

  it('passes nothing of a text that opens with neither an answer nor a tag, and never closes one', () => {
    expect(filtered(['Here is the translation: ', ANSWER])).toBe('')
  })
})

describe('the end of an event stream', () => {
  const read = (text: string, end: boolean) => {
    const seen: Array<[string, string | undefined]> = []
    const reader = createEventReader((data, event) => seen.push([data, event]))
    reader.push(text)
    if (end) reader.end()
    return seen
  }

  it('dispatches a last event the server closed without its blank line', () => {
    expect(read('data: {"a":1}\n\ndata: {"b":2}\n', true)).toEqual([
      ['{"a":1}', undefined],
      ['{"b":2}', undefined],
    ])
    expect(read('data: {"a":1}\n\nevent: error\ndata: {"b":2}', true)).toEqual([
      ['{"a":1}', undefined],
      ['{"b":2}', 'error'],
    ])
  })

  it('dispatches nothing twice, and nothing before the stream ends', () => {
    expect(read('data: {"a":1}\n\n', true)).toEqual([['{"a":1}', undefined]])
    expect(read('data: {"a":1}\n\ndata: {"b":2}\n', false)).toEqual([['{"a":1}', undefined]])
    expect(read(': keep-alive\n', true)).toEqual([])
  })
})
