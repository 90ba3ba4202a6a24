/**
 * An incremental reader of a structured answer as it streams: `{"translations": [{…}, {…}]}`.
 * Each object of the first array is handed over the moment its closing brace arrives, parsed;
 * nothing else is interpreted. Pure: it only sees the text it is fed.
 */

export interface ItemReader {
  /** Feeds the next piece of the answer's text; calls `onItem` for every object it closes. */
  push(text: string): void
}

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
  let item = ''
  let count = 0
  return {
    push(text: string) {
      if (done) return
      for (let i = 0; i < text.length; i++) {
        const ch = text[i] as string
        if (depth >= 3) item += ch
        if (inString) {
          if (escaped) escaped = false
          else if (ch === '\\') escaped = true
          else if (ch === '"') inString = false
          continue
        }
        if (ch === '"') {
          // A string outside the answer's object (a fence's words) is not JSON.
          if (depth > 0) inString = true
        } else if (ch === '{' || ch === '[') {
          depth++
          if (depth === 2 && ch === '[') inArray = true
          if (depth === 3 && inArray && ch === '{') item = '{'
        } else if (ch === '}' || ch === ']') {
          depth--
          if (depth === 2 && inArray && ch === '}') {
            let parsed: unknown
            try {
              parsed = JSON.parse(item)
            } catch {
              // Not JSON after all: the whole answer's check will say so.
              done = true
              return
            }
            onItem(parsed, count++)
            item = ''
          } else if (depth === 1 && inArray) {
            // Only the first array is read.
            done = true
            return
          }
        }
      }
    },
  }
}
