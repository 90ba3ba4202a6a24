import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { postTranslation, SEED_TEXT } from '../support/api'
import { chatCompletion, type ModelCall, providerError, useFakeModel } from '../support/fake-model'

const DISPATCH =
  'Le Conseil d’État a annulé jeudi l’arrêté municipal interdisant la baignade dans la Saône, ' +
  'jugeant la mesure disproportionnée.'
const DISPATCH_EN =
  'On Thursday the Council of State struck down the municipal order banning swimming in the Saône, ' +
  'finding the measure disproportionate.'
const ONE_SENTENCE = {
  en: 'The Council of State struck down a municipal ban on swimming in the Saône as disproportionate.',
  fr: 'Le Conseil d’État a annulé l’interdiction municipale de la baignade dans la Saône, jugée disproportionnée.',
}

// Two sentences for the seed article, where six were asked for.
const TWO_SENTENCES = {
  en:
    'Russian President Vladimir Putin will make a two-day state visit to China this week. ' +
    'He and Chinese President Xi Jinping will discuss bilateral relations and international questions.',
  fr:
    'Le président russe Vladimir Poutine effectuera cette semaine une visite d’État de deux jours en Chine. ' +
    'Lui et le président chinois Xi Jinping discuteront des relations bilatérales et des questions internationales.',
}

const answer = (content: unknown) => HttpResponse.json(chatCompletion(JSON.stringify(content)))

describe('a summary whose shape is not the one asked for', () => {
  it('summarises a one-sentence dispatch in one sentence, at the standard length, in one call', async () => {
    const model = useFakeModel({
      override: (call: ModelCall) =>
        call.kind === 'summary'
          ? answer({ ...ONE_SENTENCE, key_points: [] })
          : answer({ translations: [{ id: call.ids[0], en: DISPATCH_EN }] }),
    })
    const res = await postTranslation(DISPATCH)
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    // An empty list of key points is a summary without them.
    expect(result.summary).toEqual(ONE_SENTENCE)
    expect(model.summaryCalls()).toHaveLength(1)
  })

  it('asks once more for a summary shorter than asked, then serves the second answer', async () => {
    const model = useFakeModel({
      override: (call: ModelCall) =>
        call.kind === 'summary' ? answer({ ...TWO_SENTENCES, key_points: [] }) : undefined,
    })
    const res = await postTranslation(SEED_TEXT, { query: '?summary=long' })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.summary).toEqual(TWO_SENTENCES)
    expect(model.summaryCalls()).toHaveLength(2)
  })

  it('checks in full the first answer after a failure that was not its shape (here a 429)', async () => {
    let summaries = 0
    const model = useFakeModel({
      override: (call: ModelCall) => {
        if (call.kind !== 'summary') return undefined
        summaries++
        return summaries === 1
          ? providerError(429, { 'retry-after-ms': '10' })
          : answer({ ...TWO_SENTENCES, key_points: [] })
      },
    })
    const res = await postTranslation(SEED_TEXT, { query: '?summary=long' })
    expect(res.status).toBe(200)
    expect(TranslationResult.parse(await res.json()).summary).toEqual(TWO_SENTENCES)
    // The 429, the first answer refused for its length, the second served.
    expect(model.summaryCalls()).toHaveLength(3)
  })
})
