import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { checkModel } from '../../src/check-model'
import { googleQuotaExceeded } from '../support/fake-model'
import { server } from '../support/model-server'

const ENV = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'https://model.test/v1', MODEL: 'gpt-4.1-mini' }
const FR =
  'Le président russe Vladimir Poutine effectuera cette semaine une visite d’État en Chine, a annoncé le Kremlin.'

/** The endpoint answers every request with this English for paragraph p0, as OpenAI would. */
function modelAnswers(en: string): void {
  server.use(
    http.post('https://model.test/v1/chat/completions', () =>
      HttpResponse.json({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1_764_400_000,
        model: 'gpt-4.1-mini',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: JSON.stringify({ translations: [{ id: 'p0', en }] }),
              refusal: null,
            },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
      }),
    ),
  )
}

describe('npm run check-model’s probe', () => {
  it('passes a model that translates', async () => {
    modelAnswers('Russian President Vladimir Putin will make a state visit to China this week, the Kremlin announced.')
    const report = await checkModel(ENV, 'Translate.', FR)
    expect(report.lines.at(-1)).toBe('OK    the model works with passage.')
    expect(report.ok).toBe(true)
  })

  it('fails a model that echoes the French, saying why', async () => {
    modelAnswers(FR)
    const report = await checkModel(ENV, 'Translate.', FR)
    expect(report.ok).toBe(false)
    expect(report.lines.join('\n')).toMatch(
      /^FAIL .*would not use the translation: the translation is the French text/m,
    )
    expect(report.lines.join('\n')).not.toMatch(/^OK/m)
  })

  it('fails a model that refuses, saying why', async () => {
    modelAnswers("I'm sorry, but I can't help with that request.")
    const report = await checkModel(ENV, 'Translate.', FR)
    expect(report.ok).toBe(false)
    expect(report.lines.join('\n')).toMatch(/^FAIL .*would not use the translation: .*refus/m)
  })

  it("says a Gemini key's daily quota is used up, and that it comes back, rather than to check billing", async () => {
    const gemini = 'https://generativelanguage.googleapis.com/v1beta/openai'
    server.use(
      http.post(`${gemini}/chat/completions`, () =>
        googleQuotaExceeded([
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_requests_per_model_per_day',
            quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
          },
        ]),
      ),
    )
    const report = await checkModel({ ...ENV, OPENAI_BASE_URL: gemini, MODEL: 'gemini-2.5-flash' }, 'Translate.', FR)
    expect(report.ok).toBe(false)
    const said = report.lines.join('\n')
    expect(said).toMatch(/daily quota for gemini-2\.5-flash is used up \(HTTP 429\)\. It comes back the next day/)
    expect(said).not.toMatch(/billing details/)
  })
})
