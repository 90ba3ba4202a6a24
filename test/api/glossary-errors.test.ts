import { describe, expect, it } from 'vitest'
import { expectProblem, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'

const BEIJING = SEED_PARAGRAPHS[4] as string

/** The problem's `errors` for a JSON body with this glossary. */
async function glossaryErrors(glossary: string): Promise<unknown> {
  const res = await postTranslation(`{"text": ${JSON.stringify(BEIJING)}, "glossary": ${glossary}}`, {
    headers: { 'Content-Type': 'application/json' },
  })
  return (await expectProblem(res, 400, 'invalid-request')).errors
}

describe('glossary errors', () => {
  it('says a term cannot be empty or blank, naming the entry', async () => {
    const model = useFakeModel()
    expect(await glossaryErrors('{"": "Beijing"}')).toEqual([
      { path: 'glossary.""', message: 'a glossary term cannot be empty' },
    ])
    expect(await glossaryErrors('{"   ": "Beijing"}')).toEqual([
      { path: 'glossary."   "', message: 'a glossary term cannot be empty' },
    ])
    expect(model.calls).toHaveLength(0)
  })

  it('says a term is over 200 characters, without echoing it whole', async () => {
    useFakeModel()
    const term = 'Pékin'.repeat(1000)
    expect(await glossaryErrors(JSON.stringify({ [term]: 'Beijing' }))).toEqual([
      { path: `glossary.${term.slice(0, 40)}…`, message: 'a glossary term can be at most 200 characters' },
    ])
  })

  it('says a rendering is over 200 characters', async () => {
    useFakeModel()
    expect(await glossaryErrors(JSON.stringify({ Pékin: 'Beijing '.repeat(30) }))).toEqual([
      { path: 'glossary.Pékin', message: 'a glossary rendering can be at most 200 characters' },
    ])
  })

  it('refuses "__proto__" as a term, whatever its rendering, in the body or the query string', async () => {
    const model = useFakeModel()
    const refused = [{ path: 'glossary.__proto__', message: '"__proto__" is not a glossary term' }]
    expect(await glossaryErrors('{"__proto__": 5}')).toEqual(refused)
    expect(await glossaryErrors('{"__proto__": "Beijing"}')).toEqual(refused)
    const res = await postTranslation(BEIJING, { query: '?glossary=__proto__=Beijing' })
    expect((await expectProblem(res, 400, 'invalid-request')).errors).toEqual(refused)
    expect(model.calls).toHaveLength(0)
  })
})
