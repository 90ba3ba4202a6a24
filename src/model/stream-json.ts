/**
 * Incremental readers of a streamed answer, both linear in what they are fed: each piece
 * is scanned once, state is kept between pieces, and nothing read is scanned again.
 * - `createEventReader`: server-sent events (`data:` lines, `event:` names), as an
 *   OpenAI-compatible endpoint streams a chat completion.
 * - `contentDelta`: the text of an event that carries nothing else, read without parsing
 *   the whole event (most events of a stream are such pieces).
 * - `createItemReader`: the structured answer's text, `{"translations": [{…}, {…}]}`. Each
 *   object of the first array is handed over the moment its closing brace arrives, parsed;
 *   nothing else is interpreted.
 * - `createThinkingFilter` / `withoutThinking`: the answer without the `<think>` block a
 *   reasoning model served without a reasoning parser writes before it.
 * Pure: they only see the text they are fed (`contentDelta` remembers where the text sat
 * in the last piece, to find it faster in the next; what it returns is unchanged).
 */

export interface ItemReader {
  /** Feeds the next piece of the answer's text; calls `onItem` for every object it closes. */
  push(text: string): void
}

const QUOTE = 34 // "
const BACKSLASH = 92 // \
const OPEN_BRACE = 123 // {
const CLOSE_BRACE = 125 // }
const OPEN_BRACKET = 91 // [
const CLOSE_BRACKET = 93 // ]
const BACKTICK = 96 // `
const SPACE = 32

/**
 * @example
 * const reader = createItemReader((item, n) => console.log(n, item))
 * reader.push('{"translations":[{"id":"p0","en":"Hel')
 * reader.push('lo."},')   // logs 0 { id: 'p0', en: 'Hello.' }
 */
export function createItemReader(onItem: (item: unknown, index: number) => void): ItemReader {
  // Nesting: 1 inside the answer's object, 2 inside its array, 3 inside an item.
  let depth = 0
  let inString = false
  let escaped = false
  let inArray = false
  let done = false
  // The text of the item being read that earlier pieces held (an item cut across pieces).
  let held = ''
  let count = 0
  return {
    push(text: string) {
      if (done) return
      // Where the item being read starts in this piece (0 when it began in an earlier one).
      let start = depth >= 3 ? 0 : -1
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i)
        if (inString) {
          if (escaped) escaped = false
          else if (ch === BACKSLASH) escaped = true
          else if (ch === QUOTE) inString = false
          continue
        }
        if (ch === QUOTE) {
          // A string outside the answer's object (a fence's words) is not JSON.
          if (depth > 0) inString = true
        } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
          depth++
          if (depth === 2 && ch === OPEN_BRACKET) inArray = true
          if (depth === 3 && inArray && ch === OPEN_BRACE) {
            start = i
            held = ''
          }
        } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
          depth--
          if (depth === 2 && inArray && ch === CLOSE_BRACE) {
            const item = held + text.slice(start, i + 1)
            held = ''
            start = -1
            let parsed: unknown
            try {
              parsed = JSON.parse(item)
            } catch {
              // Not JSON after all: the whole answer's check will say so.
              done = true
              return
            }
            onItem(parsed, count++)
          } else if (depth === 1 && inArray) {
            // Only the first array is read.
            done = true
            return
          }
        }
      }
      if (depth >= 3 && start >= 0) held += text.slice(start)
    },
  }
}

export interface EventReader {
  /** Feeds the next piece of the stream's text; calls `onEvent` for every event it ends. */
  push(text: string): void
  /**
   * The stream has ended: an event it ended before its blank line is dispatched, as
   * openai-node's reader does (the standard would drop it; a server that closes right
   * after its last event's `data:` line means that event).
   */
  end(): void
}

/**
 * Server-sent events as the EventSource standard reads them (lines end with LF, CRLF or
 * CR; a blank line ends an event; `data:` lines join with LF; `:` starts a comment), for
 * a reader that wants only each event's data and name. An event with no data is skipped.
 *
 * @example
 * const reader = createEventReader((data) => console.log(data))
 * reader.push('data: {"a"')
 * reader.push(':1}\n\n')   // logs {"a":1}
 */
export function createEventReader(onEvent: (data: string, event: string | undefined) => void): EventReader {
  // The unfinished last line of the pieces so far.
  let partial = ''
  // A piece ended with CR: an LF that starts the next one belongs to the same line end.
  let afterCR = false
  let data: string | undefined
  let event: string | undefined

  const line = (text: string) => {
    // Nearly every line of a stream is `data: {…}`, then a blank line. (Its opening is
    // compared as a copy: \`startsWith\` costs more in V8.)
    if (text.charCodeAt(5) === SPACE && text.slice(0, 6) === 'data: ') {
      const value = text.slice(6)
      data = data === undefined ? value : `${data}\n${value}`
      return
    }
    if (text === '') {
      if (data !== undefined) onEvent(data, event)
      data = undefined
      event = undefined
      return
    }
    const colon = text.indexOf(':')
    if (colon === 0) return
    const field = colon < 0 ? text : text.slice(0, colon)
    let value = colon < 0 ? '' : text.slice(colon + 1)
    if (value.charCodeAt(0) === 32) value = value.slice(1)
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`
    else if (field === 'event') event = value
  }

  return {
    push(text: string) {
      let from = 0
      if (afterCR && text.charCodeAt(0) === 10) from = 1
      afterCR = false
      // A piece with no CR (nearly every stream's) is split at its LFs alone.
      if (text.indexOf('\r', from) < 0) {
        for (let lf = text.indexOf('\n', from); lf >= 0; lf = text.indexOf('\n', from)) {
          line(partial === '' ? text.slice(from, lf) : partial + text.slice(from, lf))
          partial = ''
          from = lf + 1
        }
        if (from < text.length) partial += text.slice(from)
        return
      }
      // Split at LF first (a search V8 runs fast), then at the CRs of each line, if any. The
      // unfinished line is only appended to (a rope), and read once, when it ends.
      while (from < text.length) {
        const lf = text.indexOf('\n', from)
        const piece = text.slice(from, lf < 0 ? text.length : lf)
        // A CR right before the LF is one line end with it.
        const stop = lf >= 0 && piece.charCodeAt(piece.length - 1) === 13 ? piece.length - 1 : piece.length
        let start = 0
        for (let cr = piece.indexOf('\r'); cr >= 0 && cr < stop; cr = piece.indexOf('\r', start)) {
          line(partial + piece.slice(start, cr))
          partial = ''
          start = cr + 1
        }
        if (lf < 0) {
          // The piece ends mid-line, or with a CR whose LF may open the next piece.
          afterCR = piece.charCodeAt(piece.length - 1) === 13
          partial += piece.slice(start)
          return
        }
        line(partial + piece.slice(start, stop))
        partial = ''
        from = lf + 1
      }
    },
    end() {
      if (partial !== '') line(partial)
      partial = ''
      line('')
    },
  }
}

// A JSON value that is neither an object nor an array, as the chunks' other fields are.
const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`
const SCALAR = String.raw`(?:"[^"\\\x00-\x1f]*"|${NUMBER}|null|true|false)`
// The body of a JSON string: any character but a quote, a backslash or a control
// character, or an escape.
const STRING_BODY = String.raw`(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*`
// A top-level field other than `choices` and `error` (an error is never a text piece).
const FIELD = `"(?!error"|choices")[A-Za-z_]+":${SCALAR}`
// A field of the choice beside its delta; a finish reason must be null (not the last piece).
const CHOICE_FIELD = `"(?:index|logprobs|finish_reason)":(?:null|${NUMBER})`
const TEXT_PIECE = new RegExp(
  [
    String.raw`^\{(?:${FIELD},)*"choices":\[\{(?:${CHOICE_FIELD},)*`,
    String.raw`"delta":\{"content":"(${STRING_BODY})"\}`,
    String.raw`(?:,${CHOICE_FIELD})*\}\](?:,${FIELD})*\}$`,
  ].join(''),
)

// What came before and after the text in the last event read as a text piece: the pieces
// of one stream differ only in their text, and an event with the same surroundings around
// plain text is a text piece too (the pattern is a concatenation, and plain text matches
// its middle), read without running the pattern.
const CONTENT_OPENING = '"delta":{"content":"'
let before = ''
let after = ''

/**
 * The text of a `chat.completion.chunk` event that carries only a piece of the answer
 * (one choice whose delta is `{"content": …}`, no finish reason, no usage, no error,
 * written without spaces as OpenAI writes it), or undefined for any other event, which
 * the caller parses whole. What it returns is what `JSON.parse` would find there.
 *
 * @example
 * contentDelta('{"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}') // 'Hel'
 * contentDelta('{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}') // undefined
 */
export function contentDelta(data: string): string | undefined {
  const end = data.length - after.length
  if (before !== '' && end >= before.length && data.slice(0, before.length) === before && data.slice(end) === after) {
    const text = data.slice(before.length, end)
    if (isPlain(text)) return text
    // Escaped text (a quote, a line break) between the same surroundings: a text piece if it
    // is a whole JSON string's body (what the pattern's middle matches), read as JSON reads it.
    const decoded = stringBody(text)
    if (decoded !== undefined) return decoded
  }
  const body = TEXT_PIECE.exec(data)?.[1]
  if (body === undefined) return undefined
  // The fields before the text hold no quote of their own (their strings hold none): the
  // first opening of a content string is the text's.
  const start = data.indexOf(CONTENT_OPENING) + CONTENT_OPENING.length
  if (data.slice(start, start + body.length) === body) {
    before = data.slice(0, start)
    after = data.slice(start + body.length)
  }
  return body.includes('\\') ? (JSON.parse(`"${body}"`) as string) : body
}

/** The text of a JSON string's body, or undefined when it is none (an unescaped quote, a bad escape). */
function stringBody(text: string): string | undefined {
  try {
    return JSON.parse(`"${text}"`) as string
  } catch {
    return undefined
  }
}

/** Whether a JSON string's body holds no quote, backslash or control character: it is its own text. */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch < 32 || ch === QUOTE || ch === BACKSLASH) return false
  }
  return true
}

const THINK_OPEN = '<think>'
const THINK_CLOSE = '</think>'

/**
 * The answer in a reasoning model's text, when the server left its thinking in the content
 * (DeepSeek-R1 or Qwen3 on Ollama, vLLM or LM Studio without a reasoning parser): what
 * follows the first `</think>`, when the text opens with `<think>` (spaces aside), or holds
 * a `</think>` and no `<think>` (a chat template that opens the tag in the prompt), unless
 * it opens as an answer does (`{`, or a fence's backtick). Any other text is returned as is.
 *
 * @example withoutThinking('<think>\nThe user wants…\n</think>\n\n{"a":1}') // '{"a":1}'
 */
export function withoutThinking(text: string): string {
  const close = text.indexOf(THINK_CLOSE)
  if (close < 0) return text
  // Text that opens as an answer is one, whatever it quotes (an article may say "</think>").
  const first = text.trimStart().charCodeAt(0)
  if (first === OPEN_BRACE || first === BACKTICK) return text
  const open = text.indexOf(THINK_OPEN)
  if (open >= 0 && (open > close || text.slice(0, open).trim() !== '')) return text
  return text.slice(close + THINK_CLOSE.length).trimStart()
}

export interface ThinkingFilter {
  /** Feeds the next piece of the answer's text; passes on what is not thinking. */
  push(text: string): void
}

/**
 * Passes on a streamed answer's text, less the thinking a reasoning model may write before
 * it (see `withoutThinking`). Text that opens as an answer does (`{`, or a fence's
 * backtick) passes as it comes. Text that opens with anything else is thinking, tagged or
 * not, until a `</think>`, after which the rest passes; with none, nothing passes, and
 * only the whole text is judged: objects drafted in thinking are never read as the answer.
 */
export function createThinkingFilter(onText: (text: string) => void): ThinkingFilter {
  let state: 'start' | 'thinking' | 'answer' = 'start'
  // The text not passed on yet: the opening while undecided, the tail of the thinking after.
  let held = ''
  return {
    push(text: string) {
      if (state === 'answer') {
        onText(text)
        return
      }
      held += text
      if (state === 'start') {
        const opening = held.trimStart()
        // Nothing but spaces yet, or possibly `<thi…`: wait for more.
        if (THINK_OPEN.startsWith(opening)) return
        const first = opening.charCodeAt(0)
        if (first === OPEN_BRACE || first === BACKTICK) {
          state = 'answer'
          const all = held
          held = ''
          onText(all)
          return
        }
        state = 'thinking'
      }
      const close = held.indexOf(THINK_CLOSE)
      if (close < 0) {
        // Only a tag cut across pieces needs what came before.
        held = held.slice(-(THINK_CLOSE.length - 1))
        return
      }
      state = 'answer'
      const rest = held.slice(close + THINK_CLOSE.length)
      held = ''
      if (rest !== '') onText(rest)
    },
  }
}
