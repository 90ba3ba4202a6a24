import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, postTranslation, SEED_TEXT } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

const rows = async () => (await env.DB.prepare('SELECT count(*) AS n FROM paragraphs').first<{ n: number }>())?.n ?? 0

async function until(condition: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('work that outlives its request', () => {
  it('keeps every paragraph a stream sent before its client went away', async () => {
    useFakeModel({ latencyMs: 150 })
    const res = await fetchWithEnv(
      { MIN_BATCH_TOKENS: '100', BATCH_MAX_TOKENS: '100', MODEL_CONCURRENCY: '1' },
      '/v1/translations?format=sse',
      jsonPost({ text: SEED_TEXT, summary: 'none' }),
    )
    const stream = sseReader(res)
    expect((await stream.next())?.event).toBe('meta')
    const sent = await stream.next()
    expect(sent?.event).toBe('paragraph')
    await stream.cancel()
    const { index, en } = (sent as { data: { index: number; en: string } }).data

    // The run ends on its own (no new model call) and its writes land after the response.
    await until(async () => (await rows()) > 0)
    const again = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT, summary: 'none' })).json())
    expect(again.paragraphs[index]).toMatchObject({ cache: 'hit', en })
  })
})
