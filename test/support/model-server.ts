/** The msw server that stands in for the model's HTTP API. Unhandled requests fail the test. */

import { setupServer } from 'msw/node'

export const server = setupServer()

const unhandled: string[] = []

export function listen(): void {
  server.listen({
    onUnhandledRequest(request, print) {
      unhandled.push(`${request.method} ${request.url}`)
      print.error()
    },
  })
}

/** Throws (failing the test) when the worker made a request no handler expected. */
export function assertNoUnhandledRequests(): void {
  const seen = unhandled.splice(0)
  if (seen.length > 0) throw new Error(`unexpected outbound requests: ${seen.join(', ')}`)
}
