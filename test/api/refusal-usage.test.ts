import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { postTranslation, SEED_TEXT } from '../support/api'
import { chatCompletion, type ModelCall, useFakeModel } from '../support/fake-model'

describe('usage', () => {
  it('counts the tokens of an answer the model refused, as the provider bills them', async () => {
    let refused = false
    const model = useFakeModel({
      override: (call: ModelCall) => {
        if (call.kind !== 'translation' || refused) return undefined
        refused = true
        // The provider reports 100 prompt and 50 completion tokens for this answer too.
        const answer = chatCompletion('')
        const choice = (answer.choices as Array<{ message: { refusal: string | null } }>)[0]
        if (choice) choice.message.refusal = "I'm sorry, I can't help with that."
        return HttpResponse.json(answer)
      },
    })
    const res = await postTranslation({ text: SEED_TEXT, summary: 'none' })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    // Every call the fake answered reports 100 and 50 tokens, the refused one included.
    expect(result.usage.model_calls).toBe(model.calls.length)
    expect(model.calls.length).toBeGreaterThan(2)
    expect(result.usage.input_tokens).toBe(100 * model.calls.length)
    expect(result.usage.output_tokens).toBe(50 * model.calls.length)
  })
})
