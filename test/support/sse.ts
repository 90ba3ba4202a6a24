/** Reading a text/event-stream response event by event, as a client would. */

export interface SseEvent {
  event: string
  data: unknown
}

export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  return {
    /** The next event, or undefined when the stream has ended. */
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n')
          return { event, data: JSON.parse(data) }
        }
        const { value, done } = await reader.read()
        if (done) return undefined
        buffer += value
      }
    },
    async rest(): Promise<SseEvent[]> {
      const events: SseEvent[] = []
      for (let e = await this.next(); e; e = await this.next()) events.push(e)
      return events
    },
    cancel: () => reader.cancel(),
  }
}
