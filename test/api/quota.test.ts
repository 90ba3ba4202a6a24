import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { expectProblem, fetchWithEnv, get, jsonPost, postTranslation, SEED_PARAGRAPHS, SEED_TEXT } from '../support/api'
import { googleQuotaExceeded, insufficientQuota, type ModelCall, useFakeModel } from '../support/fake-model'
import { sseReader } from '../support/sse'

// OpenRouter's, which carries its status as a number in `code`.
const insufficientCredits = () =>
  HttpResponse.json(
    { error: { message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', code: 402 } },
    { status: 402 },
  )

const paragraphFive = (call: ModelCall) =>
  call.kind === 'translation' && call.texts.includes(SEED_PARAGRAPHS[5] as string)

describe('an account out of credit or quota', () => {
  it('is not retried, and says to add credit rather than to wait', async () => {
    const model = useFakeModel({ override: insufficientQuota })
    const started = Date.now()
    const res = await fetchWithEnv(
      { MAX_RETRIES: '3', RETRY_BASE_DELAY_MS: '2000' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }),
    )
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({
      setting: 'OPENAI_API_KEY',
      provider_status: 429,
      provider_code: 'insufficient_quota',
      summary_failed: true,
      paragraphs: [],
    })
    expect(problem.detail).toMatch(/no credit or quota left/)
    expect(problem.detail).toMatch(/Add credit/)
    // One call for each batch and one for the summary: none repeated, no backoff waited.
    const summaries = model.calls.filter((call) => call.kind === 'summary')
    expect(summaries).toHaveLength(1)
    const sent = model.calls.filter((call) => call.kind === 'translation').flatMap((call) => call.texts)
    expect(new Set(sent).size).toBe(sent.length)
    expect(Date.now() - started).toBeLessThan(2000)
    // The provider's words stay with the provider.
    expect(JSON.stringify(problem)).not.toContain('exceeded your current quota')
  })

  it('keeps what was translated before the credit ran out, and the same request finishes the rest', async () => {
    useFakeModel({ override: (call) => (paragraphFive(call) ? insufficientCredits() : undefined) })
    const first = await fetchWithEnv({ BATCH_MAX_TOKENS: '100' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(first, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_status: 402, summary_failed: false })
    expect(problem).not.toHaveProperty('provider_code')
    const failed = problem.failed_paragraphs as number[]
    expect(failed).toContain(5)
    expect(problem.missing_paragraphs).toEqual(failed)
    const kept = problem.paragraphs as Array<{ index: number; en: string }>
    expect(kept.map((p) => p.index)).toEqual([...Array(12).keys()].filter((i) => !failed.includes(i)))
    expect(problem.summary).toMatchObject({ en: expect.any(String), fr: expect.any(String) })

    // Credit added: the same request asks the model only for what was missing.
    const model = useFakeModel()
    const again = await fetchWithEnv({ BATCH_MAX_TOKENS: '100' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    expect(again.status).toBe(200)
    const asked = model.calls.filter((call) => call.kind === 'translation').flatMap((call) => call.texts)
    expect(asked.sort()).toEqual(failed.map((i) => SEED_PARAGRAPHS[i]).sort())
  })

  it('ends an event stream with the problem, after the paragraphs already sent', async () => {
    useFakeModel({ override: (call) => (paragraphFive(call) ? insufficientQuota() : undefined) })
    const res = await fetchWithEnv(
      { BATCH_MAX_TOKENS: '100' },
      '/v1/translations',
      jsonPost({ text: SEED_TEXT }, { Authorization: 'Bearer test-token-1', Accept: 'text/event-stream' }),
    )
    expect(res.status).toBe(200)
    const events = await sseReader(res).rest()
    const error = events.at(-1)
    expect(error?.event).toBe('error')
    expect(error?.data).toMatchObject({ type: '/problems/model-quota-exhausted', status: 503 })
    const sent = events.filter((e) => e.event === 'paragraph').map((e) => (e.data as { index: number }).index)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent).not.toContain(5)
    // The address the stream announced holds nothing, and says why.
    const id = (events[0]?.data as { id: string } | undefined)?.id ?? 'none'
    expect(res.headers.get('location')).toBe(`/v1/translations/${id}`)
    const gone = await expectProblem(await get(`/v1/translations/${id}`), 404, 'not-found')
    expect(gone.detail).toMatch(/a request that ended with an error stored none: send the article again/)
  })

  it("tells Workers AI's daily allocation apart: it comes back the next day", async () => {
    useFakeModel({
      override: () =>
        HttpResponse.json(
          { errors: [{ code: 4006, message: 'you have used up your daily free allocation of 10,000 neurons' }] },
          { status: 429 },
        ),
    })
    const res = await postTranslation({ text: SEED_TEXT })
    // Through the REST endpoint the code arrives as a number; only a 4006 reads as the allocation.
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_code: '4006', setting: 'MODEL' })
    expect(problem.detail).toMatch(/daily free allocation/)
  })

  it("tells Google's daily quota apart from its per-minute one: only the latter is retried", async () => {
    // As Gemini's OpenAI-compatible endpoint answers a free-tier key past its requests of the day.
    const violation = (period: 'Minute' | 'Day') => ({
      quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
      quotaId: `GenerateRequestsPer${period}PerProjectPerModel-FreeTier`,
      quotaDimensions: { location: 'global', model: 'gemini-2.5-flash' },
      quotaValue: period === 'Day' ? '250' : '10',
    })
    const googleQuota = (...violations: ReturnType<typeof violation>[]) => googleQuotaExceeded(violations, '0.01s')
    const daily = useFakeModel({ override: () => googleQuota(violation('Minute'), violation('Day')) })
    const res = await fetchWithEnv({ MAX_RETRIES: '3' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_status: 429, provider_code: 'daily_quota_exceeded' })
    expect(problem.detail).toMatch(/daily quota of the key .* is used up/)
    expect(problem.detail).toMatch(/comes back the next day/)
    expect(daily.calls.filter((call) => call.kind === 'summary')).toHaveLength(1)

    // A per-minute quota alone: waited for (RetryInfo) and tried again.
    let refused = 0
    const minute = useFakeModel({
      override: (call) => (call.kind === 'summary' && refused++ === 0 ? googleQuota(violation('Minute')) : undefined),
    })
    expect((await postTranslation({ text: SEED_TEXT })).status).toBe(200)
    expect(minute.calls.filter((call) => call.kind === 'summary')).toHaveLength(2)
  })

  it("tells a model the key's tier does not offer at all (Google's limit of 0)", async () => {
    useFakeModel({
      override: () =>
        HttpResponse.json(
          {
            error: {
              code: 429,
              message:
                'You exceeded your current quota, please check your plan and billing details.\n' +
                '* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, ' +
                'limit: 0, model: gemini-2.5-pro\nPlease retry in 20.04466179s.',
              status: 'RESOURCE_EXHAUSTED',
            },
          },
          { status: 429 },
        ),
    })
    const res = await fetchWithEnv({ MAX_RETRIES: '3' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 503, 'model-quota-exhausted')
    expect(problem).toMatchObject({ provider_code: 'no_quota_for_model', setting: 'MODEL' })
    expect(problem.detail).toMatch(/has no quota for/)
    expect(JSON.stringify(problem)).not.toContain('generate_content_free_tier_requests')
  })

  it("reads Workers AI's 3036, Anthropic's credit balance and OpenRouter's daily free limit as quota", async () => {
    const answers: Array<[() => Response, number, string | undefined]> = [
      [
        () =>
          HttpResponse.json(
            {
              errors: [{ code: 3036, message: 'You have used up your daily free allocation of 10,000 neurons.' }],
              success: false,
              result: {},
              messages: [],
            },
            { status: 429 },
          ),
        429,
        '3036',
      ],
      [
        // Anthropic's OpenAI-compatible endpoint: an account without credit is a 400 that says so only in words.
        () =>
          HttpResponse.json(
            {
              type: 'error',
              error: {
                type: 'invalid_request_error',
                message:
                  'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to ' +
                  'upgrade or purchase credits.',
              },
            },
            { status: 400 },
          ),
        400,
        'insufficient_credits',
      ],
      [
        () =>
          HttpResponse.json(
            {
              error: {
                message: 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests',
                code: 429,
                metadata: {
                  headers: {
                    'X-RateLimit-Limit': '50',
                    'X-RateLimit-Remaining': '0',
                    'X-RateLimit-Reset': '1764460800000',
                  },
                },
              },
            },
            { status: 429 },
          ),
        429,
        'daily_quota_exceeded',
      ],
    ]
    for (const [answer, status, code] of answers) {
      const model = useFakeModel({ override: answer })
      const res = await fetchWithEnv({ MAX_RETRIES: '3' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
      const problem = await expectProblem(res, 503, 'model-quota-exhausted')
      expect(problem).toMatchObject({ provider_status: status, provider_code: code })
      expect(model.calls.filter((call) => call.kind === 'summary')).toHaveLength(1)
    }
  })

  it("refuses, without a retry, an article OpenRouter's moderation flagged", async () => {
    const model = useFakeModel({
      override: () =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message: 'meta-llama/llama-guard requires moderation on this model. Your input was flagged.',
              metadata: { reasons: ['violence'], flagged_input: 'Le Conseil…', provider_name: 'Meta', model_slug: 'x' },
            },
          },
          { status: 403 },
        ),
    })
    const res = await fetchWithEnv({ MAX_RETRIES: '3' }, '/v1/translations', jsonPost({ text: SEED_TEXT }))
    const problem = await expectProblem(res, 502, 'model-refused-request')
    expect(problem).toMatchObject({ provider_status: 403, provider_code: 'input_flagged' })
    expect(problem.detail).toMatch(/content policy refused the text/)
    expect(problem.detail).not.toMatch(/OPENAI_API_KEY/)
    expect(JSON.stringify(problem)).not.toContain('violence')
    expect(model.calls.filter((call) => call.kind === 'summary')).toHaveLength(1)
  })

  it('leaves an ordinary rate limit to be retried', async () => {
    let refused = 0
    const model = useFakeModel({
      override: (call) => {
        if (call.kind !== 'summary' || refused > 0) return undefined
        refused++
        return HttpResponse.json(
          { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
          { status: 429, headers: { 'retry-after-ms': '10' } },
        )
      },
    })
    const res = await postTranslation({ text: SEED_TEXT })
    expect(res.status).toBe(200)
    expect(model.calls.filter((call) => call.kind === 'summary')).toHaveLength(2)
  })
})
