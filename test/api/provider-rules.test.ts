import { afterEach, describe, expect, it, vi } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'
import { fakeProvider, openRouterJudge } from '../support/providers'

// Each provider's documented request rules, held against what the worker sends: a request the real
// provider refuses must be refused by its copy here, and never sent.

const KEY = 'provider-rules-key'

function translate(settings: Record<string, string>, summary = 'standard'): Promise<Response> {
  return fetchWithEnv({ OPENAI_API_KEY: KEY, ...settings }, '/v1/translations', jsonPost({ text: SEED_TEXT, summary }))
}

afterEach(() => vi.restoreAllMocks())

describe('OpenRouter, a Claude model with structured outputs', () => {
  const base = 'https://openrouter.ai/api/v1'

  it('gets a summary schema without the integer bounds Anthropic refuses, and summarises first time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const openrouter = fakeProvider(base, openRouterJudge)
    const res = await translate({ OPENAI_BASE_URL: base, MODEL: 'anthropic/claude-haiku-4.5' })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(seed.paragraphs.map((p) => p.en))
    expect(result.summary?.en).toBe(seed.summaries.standard.en)
    expect(openrouter.log.refused).toEqual([])
    const summaryCall = openrouter.log.accepted.find((body) => JSON.stringify(body).includes('"key_points"'))
    expect(summaryCall?.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'summary' } })
    expect(JSON.stringify(summaryCall?.response_format)).not.toMatch(/"(minimum|maximum)"/)
    expect(warn.mock.calls.filter(([line]) => /^model: /.test(String(line)))).toEqual([])
  })
})
