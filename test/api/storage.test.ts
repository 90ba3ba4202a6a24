import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { d1ParagraphStore } from '../../src/cache/paragraph-store'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost } from '../support/api'
import { FLORES, useFakeModel } from '../support/fake-model'
import { countingD1, countingKv, type D1Counts, type KvCounts } from '../support/storage'

// A long article of real French: 275 distinct paragraphs (FLORES-200 sentences).
const PARAGRAPHS = [...new Set(FLORES.flatMap((r) => r.paragraphs.map((p) => p.fr)))].slice(0, 275)
const ARTICLE = PARAGRAPHS.join('\n')
const LIMITS = { MAX_ARTICLE_CHARS: String(ARTICLE.length + 1_000) }

const parse = async (res: Response) => TranslationResult.parse(await res.json())
const rows = async () => (await env.DB.prepare('SELECT count(*) AS n FROM paragraphs').first<{ n: number }>())?.n

function counted(fail?: () => Error | undefined) {
  const d1: D1Counts = { roundTrips: 0, statements: 0, sql: [] }
  const kv: KvCounts = { reads: 0, writes: 0 }
  return { d1, kv, env: { ...LIMITS, DB: countingD1(env.DB, d1, fail), CACHE: countingKv(env.CACHE, kv) } }
}

describe('storage within the platform budgets', () => {
  afterEach(() => vi.restoreAllMocks())

  it('translates 275 paragraphs in one D1 read, two D1 writes (paragraphs, usage) and four KV operations', async () => {
    useFakeModel()
    expect(PARAGRAPHS).toHaveLength(275)
    const storage = counted()
    const res = await fetchWithEnv(storage.env, '/v1/translations', jsonPost({ text: ARTICLE }))
    expect(res.status).toBe(200)
    expect((await parse(res)).paragraphs).toHaveLength(275)

    // One SELECT for every paragraph's cache entry; one batch with the rows and a bounded
    // sweep; one batch adding to the caller's usage row (and sweeping its old ones).
    expect(storage.d1.roundTrips).toBe(3)
    expect(storage.d1.statements).toBeLessThanOrEqual(5)
    expect(storage.d1.sql.filter((sql) => sql.startsWith('SELECT'))).toHaveLength(1)
    expect(storage.d1.sql.filter((sql) => sql.startsWith('INSERT INTO paragraphs'))).toHaveLength(1)
    expect(storage.d1.sql.filter((sql) => sql.startsWith('INSERT INTO usage'))).toHaveLength(1)
    // The stored result and summary: looked up, then written.
    expect(storage.kv).toEqual({ reads: 2, writes: 2 })
    expect(await rows()).toBe(275)
  })

  it('re-translates only the edited paragraph of a long article, in one read and one paragraph write', async () => {
    const model = useFakeModel()
    await fetchWithEnv(LIMITS, '/v1/translations', jsonPost({ text: ARTICLE, summary: 'none' }))
    model.calls.length = 0

    const edited = [...PARAGRAPHS]
    edited[100] =
      'Le conseil municipal a voté mardi soir le budget de la nouvelle médiathèque, après trois heures de débat.'
    const storage = counted()
    const result = await parse(
      await fetchWithEnv(storage.env, '/v1/translations', jsonPost({ text: edited.join('\n'), summary: 'none' })),
    )

    expect(model.translationCalls().flatMap((c) => c.texts)).toEqual([edited[100]])
    expect(result.usage.cached_paragraphs).toBe(274)
    // The read, the paragraph write, the usage write.
    expect(storage.d1.roundTrips).toBe(3)
    expect(storage.kv).toEqual({ reads: 1, writes: 1 })
    expect(await rows()).toBe(276)
  })

  it('serves a repeated article from one KV read, touching D1 only to count the usage', async () => {
    useFakeModel()
    await fetchWithEnv(LIMITS, '/v1/translations', jsonPost({ text: ARTICLE, summary: 'none' }))
    const storage = counted()
    const res = await fetchWithEnv(storage.env, '/v1/translations', jsonPost({ text: ARTICLE, summary: 'none' }))
    expect(res.headers.get('cache-status')).toBe('passage; hit')
    expect(storage.d1.roundTrips).toBe(1)
    expect(storage.d1.sql.every((sql) => /^(INSERT INTO|DELETE FROM) usage /.test(sql))).toBe(true)
    expect(storage.kv).toEqual({ reads: 1, writes: 0 })
  })

  it('answers when the paragraph write fails, says so in the log, and does not claim it stored anything', async () => {
    useFakeModel()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const storage = counted(() => new Error('D1_ERROR: database unavailable'))
    const res = await fetchWithEnv(
      storage.env,
      '/v1/translations',
      jsonPost({ text: PARAGRAPHS.slice(0, 20).join('\n'), summary: 'none' }),
    )

    expect(res.status).toBe(200)
    expect((await parse(res)).paragraphs).toHaveLength(20)
    expect(res.headers.get('cache-status')).not.toMatch(/stored/)
    const lines = warn.mock.calls.map((call) => String(call[0]))
    expect(lines).toContain('cache: 20 paragraph translations were not stored')
    expect(lines.some((line) => line.startsWith('cache: D1 write failed'))).toBe(true)
    expect(await rows()).toBe(0)
  })

  it('splits a write too large for one D1 string into statements of one round trip, and reads it back', async () => {
    const d1: D1Counts = { roundTrips: 0, statements: 0, sql: [] }
    const store = d1ParagraphStore(countingD1(env.DB, d1))
    const long = (n: number) => JSON.stringify({ en: `${'The council met again. '.repeat(15_000)}${n}` })
    const rows = [1, 2, 3].map((n) => ({ key: `k${n}`, json: long(n) }))
    await store.write(rows, 3600)
    expect(d1.roundTrips).toBe(1)
    expect(d1.sql.filter((sql) => sql.startsWith('INSERT')).length).toBeGreaterThan(1)
    const read = await store.read(['k1', 'k2', 'k3', 'k4'])
    expect(d1.roundTrips).toBe(2)
    expect([...read.keys()].sort()).toEqual(['k1', 'k2', 'k3'])
    expect(read.get('k2')).toBe(rows[1]?.json)
  })

  it('does not serve a row past its lifetime', async () => {
    let now = Date.UTC(2026, 10, 29)
    const store = d1ParagraphStore(env.DB, () => now)
    await store.write([{ key: 'k', json: '{"en":"The council met."}' }], 60)
    expect((await store.read(['k'])).size).toBe(1)
    now += 61_000
    expect((await store.read(['k'])).size).toBe(0)
  })
})
