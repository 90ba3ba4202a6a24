import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { UsageReport } from '../../src/schemas/usage'
import { AUTH, fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { countingD1, type D1Counts, drainWrites } from '../support/storage'

const TEAM = { API_TOKENS: 'alice:tok_alice_1, bob:tok_bob_1, alice:tok_alice_2' }
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const translateAs = (token: string, body: unknown, overrides: Record<string, unknown> = {}) =>
  fetchWithEnv({ ...TEAM, ...overrides }, '/v1/translations', jsonPost(body, bearer(token)))
const usageOf = async (token: string) => {
  const res = await fetchWithEnv(TEAM, '/v1/usage', { headers: bearer(token) })
  expect(res.status).toBe(200)
  return UsageReport.parse(await res.json())
}
const today = () => new Date().toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
const twoParagraphs = { text: SEED_PARAGRAPHS.slice(1, 3).join('\n'), summary: 'none' }

afterEach(() => vi.restoreAllMocks())

describe('GET /v1/usage', () => {
  it('counts the articles, paragraphs, model calls and tokens of today, and sums them over 30 days', async () => {
    useFakeModel()
    const first = await translateAs('tok_alice_1', twoParagraphs)
    const second = await translateAs('tok_alice_1', { text: SEED_PARAGRAPHS[4], summary: 'short' })
    const spent = [
      (await first.json()) as { usage: Record<string, number> },
      (await second.json()) as { usage: Record<string, number> },
    ].map((r) => r.usage)

    const report = await usageOf('tok_alice_1')
    expect(report.caller).toBe('alice')
    expect(report.days).toHaveLength(30)
    expect(report.to).toBe(today())
    expect(report.from).toBe(daysAgo(29))
    const day = report.days.at(-1)
    expect(day).toMatchObject({ day: today(), articles: 2, paragraphs: 3, cached_results: 0 })
    expect(day?.model_calls).toBe((spent[0]?.model_calls ?? 0) + (spent[1]?.model_calls ?? 0))
    expect(day?.model_calls).toBeGreaterThanOrEqual(3)
    expect(day?.input_tokens).toBe((spent[0]?.input_tokens ?? 0) + (spent[1]?.input_tokens ?? 0))
    expect(day?.output_tokens).toBe((spent[0]?.output_tokens ?? 0) + (spent[1]?.output_tokens ?? 0))
    expect(day?.input_tokens).toBeGreaterThan(0)
    expect(report.days.slice(0, -1).every((d) => d.articles === 0 && d.model_calls === 0)).toBe(true)
    const { day: _today, ...counts } = day ?? { day: '' }
    expect(report.totals).toEqual(counts)
  })

  it('counts a repeat served whole from the cache as a cache hit with no model call', async () => {
    useFakeModel()
    const first = (await (await translateAs('tok_bob_1', twoParagraphs)).json()) as { usage: { model_calls: number } }
    const repeat = await translateAs('tok_bob_1', twoParagraphs)
    expect(repeat.headers.get('cache-status')).toBe('passage; hit')

    const day = (await usageOf('tok_bob_1')).days.at(-1)
    expect(day).toMatchObject({ articles: 2, paragraphs: 4, cached_results: 1, cached_paragraphs: 2 })
    expect(first.usage.model_calls).toBeGreaterThan(0)
    expect(day?.model_calls).toBe(first.usage.model_calls)
  })

  it('counts a streamed translation once it is done, and its repeat as a cache hit', async () => {
    useFakeModel()
    for (let i = 0; i < 2; i++) {
      const res = await postTranslation(twoParagraphs, { query: '?format=sse' })
      expect(await res.text()).toMatch(/^event: done$/m)
    }
    await drainWrites()
    const res = await get('/v1/usage', AUTH)
    const day = UsageReport.parse(await res.json()).days.at(-1)
    expect(day).toMatchObject({ articles: 2, paragraphs: 4, cached_results: 1, cached_paragraphs: 2 })
    expect(day?.model_calls).toBeGreaterThan(0)
  })

  it('counts paragraphs served from the cache inside a new article', async () => {
    useFakeModel()
    await translateAs('tok_bob_1', { text: SEED_PARAGRAPHS[1], summary: 'none' })
    await translateAs('tok_bob_1', twoParagraphs)
    const day = (await usageOf('tok_bob_1')).days.at(-1)
    expect(day).toMatchObject({ articles: 2, paragraphs: 3, cached_paragraphs: 1, cached_results: 0, model_calls: 2 })
  })

  it("shows one person's usage across their tokens, and never another person's", async () => {
    useFakeModel()
    await translateAs('tok_alice_1', { text: SEED_PARAGRAPHS[1], summary: 'none' })
    await translateAs('tok_alice_2', { text: SEED_PARAGRAPHS[2], summary: 'none' })
    await translateAs('tok_bob_1', twoParagraphs)

    expect((await usageOf('tok_alice_2')).totals).toMatchObject({ articles: 2, paragraphs: 2 })
    expect((await usageOf('tok_bob_1')).totals).toMatchObject({ articles: 1, paragraphs: 2 })
    const plain = await fetchWithEnv({ API_TOKENS: 'carol:tok_carol' }, '/v1/usage', { headers: bearer('tok_carol') })
    expect(UsageReport.parse(await plain.json()).totals.articles).toBe(0)
  })

  it('returns only the last 30 days, and a write removes the caller rows older than that', async () => {
    useFakeModel()
    const insert = 'INSERT INTO usage (caller, day, articles, paragraphs) VALUES (?1, ?2, ?3, ?4)'
    await env.DB.batch([
      env.DB.prepare(insert).bind('name:alice', daysAgo(29), 1, 7),
      env.DB.prepare(insert).bind('name:alice', daysAgo(30), 5, 50),
      env.DB.prepare(insert).bind('name:alice', daysAgo(45), 9, 90),
    ])
    const report = await usageOf('tok_alice_1')
    expect(report.days[0]).toMatchObject({ day: daysAgo(29), articles: 1, paragraphs: 7 })
    expect(report.totals).toMatchObject({ articles: 1, paragraphs: 7 })

    await translateAs('tok_alice_1', { text: SEED_PARAGRAPHS[1], summary: 'none' })
    const { results } = await env.DB.prepare('SELECT day FROM usage WHERE caller = ? ORDER BY day')
      .bind('name:alice')
      .all<{ day: string }>()
    expect(results.map((r) => r.day)).toEqual([daysAgo(29), today()])
  })

  it('asks for a token like POST does: 401 without one, 503 when none is configured', async () => {
    const missing = await fetchWithEnv(TEAM, '/v1/usage')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const wrong = await fetchWithEnv(TEAM, '/v1/usage', { headers: bearer('tok_nobody') })
    expect(wrong.status).toBe(401)
    const closed = await fetchWithEnv({ API_TOKENS: '' }, '/v1/usage', { headers: bearer('tok_alice_1') })
    expect(closed.status).toBe(503)
    expect(((await closed.json()) as { type: string }).type).toBe('/problems/auth-not-configured')
  })
})

describe('recording usage', () => {
  it('costs one D1 round trip per translation request, served from the cache or not', async () => {
    useFakeModel()
    const fresh: D1Counts = { roundTrips: 0, statements: 0, sql: [] }
    await translateAs('tok_alice_1', twoParagraphs, { DB: countingD1(env.DB, fresh) })
    const usageSql = (counts: D1Counts) => counts.sql.filter((sql) => /\busage\b/.test(sql))
    // The upsert and its sweep of old rows, in one batch.
    expect(usageSql(fresh)).toHaveLength(2)
    expect(usageSql(fresh).filter((sql) => sql.startsWith('INSERT INTO usage'))).toHaveLength(1)

    const repeat: D1Counts = { roundTrips: 0, statements: 0, sql: [] }
    await translateAs('tok_alice_1', twoParagraphs, { DB: countingD1(env.DB, repeat) })
    expect(repeat.roundTrips).toBe(1)
    expect(usageSql(repeat)).toHaveLength(2)
  })

  it('answers the translation when the usage write fails, and says so in the log', async () => {
    useFakeModel()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const failing = (sql: string[]) => () =>
      sql.at(-1)?.startsWith('DELETE FROM usage') ? new Error('D1_ERROR: database unavailable') : undefined
    const counts: D1Counts = { roundTrips: 0, statements: 0, sql: [] }
    const res = await translateAs('tok_alice_1', twoParagraphs, { DB: countingD1(env.DB, counts, failing(counts.sql)) })

    expect(res.status).toBe(200)
    expect(((await res.json()) as { paragraphs: unknown[] }).paragraphs).toHaveLength(2)
    expect(warn.mock.calls.map((call) => String(call[0]))).toContain(
      'usage: not recorded for alice: D1_ERROR: database unavailable',
    )
    expect((await usageOf('tok_alice_1')).totals.articles).toBe(0)
  })
})
