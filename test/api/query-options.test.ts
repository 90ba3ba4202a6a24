import { describe, expect, it } from 'vitest'
import { expectProblem, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'

// "Pékin a soutenu politiquement Moscou…": one paragraph, with a term for the glossary.
const BEIJING = SEED_PARAGRAPHS[4] as string
type FieldErrors = Array<{ path: string; message: string }>

describe('options in the query string', () => {
  it('refuses a misspelt option, naming it and the option it was meant to be', async () => {
    const model = useFakeModel()
    const problem = await expectProblem(
      await postTranslation(BEIJING, { query: '?sumary=none' }),
      400,
      'invalid-request',
    )
    const errors = problem.errors as FieldErrors
    expect(errors).toHaveLength(1)
    expect(errors[0]?.path).toBe('sumary')
    expect(errors[0]?.message).toMatch(/unknown query parameter \(did you mean summary\?\)/)
    expect(model.calls).toHaveLength(0)
  })

  it('lists each unknown parameter, whatever the body', async () => {
    useFakeModel()
    const asText = await expectProblem(
      await postTranslation(BEIJING, { query: '?foo=bar&lang=en' }),
      400,
      'invalid-request',
    )
    expect((asText.errors as FieldErrors).map((e) => e.path)).toEqual(['foo', 'lang'])
    const asJson = await expectProblem(
      await postTranslation({ text: BEIJING }, { query: '?foo=bar' }),
      400,
      'invalid-request',
    )
    expect((asJson.errors as FieldErrors).map((e) => e.path)).toEqual(['foo'])
  })

  it('names a long unknown parameter without echoing it whole', async () => {
    useFakeModel()
    const name = 'x'.repeat(5000)
    const problem = await expectProblem(await postTranslation(BEIJING, { query: `?${name}=1` }), 400, 'invalid-request')
    expect((problem.errors as FieldErrors).map((e) => e.path)).toEqual([`${'x'.repeat(40)}…`])
    expect(JSON.stringify(problem)).not.toContain('x'.repeat(41))
  })

  it('takes every documented option and the format', async () => {
    const model = useFakeModel()
    const res = await postTranslation(BEIJING, {
      query: '?summary=none&second_opinion=false&glossary=P%C3%A9kin=Peking&format=json',
    })
    expect(res.status).toBe(200)
    const result = (await res.json()) as { summary: unknown; paragraphs: Array<{ en: string }> }
    expect(result.summary).toBeNull()
    expect(model.summaryCalls()).toHaveLength(0)
    expect(model.translationCalls()[0]?.user.glossary).toMatchObject({ Pékin: 'Peking' })
  })

  it('applies the query string’s options to a JSON body', async () => {
    const model = useFakeModel()
    const res = await postTranslation({ text: BEIJING }, { query: '?summary=none&glossary=P%C3%A9kin=Peking' })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { summary: unknown }).summary).toBeNull()
    expect(model.summaryCalls()).toHaveLength(0)
    expect(model.translationCalls()[0]?.user.glossary).toMatchObject({ Pékin: 'Peking' })
  })

  it('merges a glossary given in both, and accepts an option both give the same value, spaces aside', async () => {
    const model = useFakeModel()
    const res = await postTranslation(
      { text: BEIJING, summary: 'none', glossary: { Moscou: 'Moscow ' } },
      { query: '?summary=none&glossary=P%C3%A9kin=Peking&glossary=Moscou=Moscow' },
    )
    expect(res.status).toBe(200)
    expect(model.translationCalls()[0]?.user.glossary).toEqual({ Pékin: 'Peking', Moscou: 'Moscow' })
  })

  it('refuses a JSON body and a query string that give an option different values', async () => {
    const model = useFakeModel()
    const problem = await expectProblem(
      await postTranslation(
        { text: BEIJING, summary: 'short', second_opinion: true, glossary: { Pékin: 'Beijing' } },
        { query: '?summary=none&second_opinion=false&glossary=P%C3%A9kin=Peking' },
      ),
      400,
      'invalid-request',
    )
    expect(problem.detail).toMatch(/different values/)
    expect(problem.errors).toEqual([
      { path: 'summary', message: 'the JSON body gives "short" and the query string "none"' },
      { path: 'second_opinion', message: 'the JSON body gives true and the query string false' },
      { path: 'glossary.Pékin', message: 'the JSON body gives "Beijing" and the query string "Peking"' },
    ])
    expect(model.calls).toHaveLength(0)
  })

  it('refuses an option the query string gives twice with different values', async () => {
    useFakeModel()
    const problem = await expectProblem(
      await postTranslation(BEIJING, { query: '?summary=short&summary=long' }),
      400,
      'invalid-request',
    )
    expect(problem.errors).toEqual([{ path: 'summary', message: 'given 2 different values: give it once' }])
  })

  it('refuses a format the query string gives twice differently, and takes one given twice alike', async () => {
    const model = useFakeModel()
    const problem = await expectProblem(
      await postTranslation(BEIJING, { query: '?format=md&format=json' }),
      400,
      'invalid-request',
    )
    expect(problem.errors).toEqual([{ path: 'format', message: 'given 2 different values: give it once' }])
    expect(model.calls).toHaveLength(0)
    const alike = await postTranslation(BEIJING, { query: '?summary=none&format=md&format=markdown&format=MD' })
    expect(alike.status).toBe(200)
    expect(alike.headers.get('content-type')).toMatch(/^text\/markdown/)
  })
})
