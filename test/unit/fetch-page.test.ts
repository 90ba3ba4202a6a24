import { describe, expect, it } from 'vitest'
import { fetchPage, PageFetchError } from '../../src/extract'

const options = { timeoutMs: 50, maxBytes: 1024, maxRedirects: 2, allowLocal: false }

describe('fetching a page', () => {
  it('gives up on a site that does not answer within the timeout', async () => {
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )
    const error = await fetchPage('https://www.lemonde.fr/slow', { ...options, fetch: silent }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageFetchError)
    expect((error as PageFetchError).problem).toMatchObject({ status: 502, extensions: { reason: 'timeout' } })
  })

  it('gives up on a page that trickles in past the timeout', async () => {
    const trickle: typeof fetch = async (_input, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('<html><body><p>Le début'))
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')))
        },
      })
      return new Response(body, { headers: { 'Content-Type': 'text/html' } })
    }
    const error = await fetchPage('https://www.lemonde.fr/slow', { ...options, fetch: trickle }).catch(
      (e: unknown) => e,
    )
    expect((error as PageFetchError).problem.extensions).toMatchObject({ reason: 'timeout' })
  })

  it('stops reading at the size cap even when the site declares no length', async () => {
    const big: typeof fetch = async () =>
      new Response(new Blob(['<p>', 'x'.repeat(4096)]).stream(), { headers: { 'Content-Type': 'text/html' } })
    const error = await fetchPage('https://www.lemonde.fr/big', { ...options, fetch: big }).catch((e: unknown) => e)
    expect((error as PageFetchError).problem.extensions).toMatchObject({ reason: 'too-large', limit_bytes: 1024 })
  })

  it('decodes a page by the charset it declares', async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('<p>'),
      0xe9,
      0x74,
      0xe9,
      ...new TextEncoder().encode('</p>'),
    ])
    const old: typeof fetch = async () =>
      new Response(latin1, { headers: { 'Content-Type': 'text/html; charset=ISO-8859-1' } })
    const page = await fetchPage('https://www.lemonde.fr/ancien', { ...options, fetch: old })
    expect(page.html).toBe('<p>été</p>')
  })
})
