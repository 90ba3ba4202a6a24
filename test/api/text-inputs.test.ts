import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { expectProblem, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'

const parse = async (res: Response) => {
  expect(res.status).toBe(200)
  return TranslationResult.parse(await res.json())
}
type FieldErrors = Array<{ path: string; message: string }>

// "Le président russe Vladimir Poutine effectuera cette semaine une visite d’État…"
const STATE_VISIT = SEED_PARAGRAPHS[0] as string
// "Le Kremlin a confirmé le voyage dans un communiqué, affirmant que Poutine se rendrait…"
const KREMLIN = SEED_PARAGRAPHS[3] as string
// "Pékin a soutenu politiquement Moscou dans le conflit en Ukraine … et d’autres articles…"
const BEIJING = SEED_PARAGRAPHS[4] as string
const FOUR = SEED_PARAGRAPHS.slice(0, 4)

describe('a glossary term typed with another apostrophe than the article prints', () => {
  it('applies a straight-apostrophe term to an article with curly ones, and sends it to the model', async () => {
    expect(STATE_VISIT).toContain('visite d’État')
    const model = useFakeModel()
    const result = await parse(
      await postTranslation({ text: STATE_VISIT, summary: 'none', glossary: { "visite d'État": 'state visit' } }),
    )
    expect(model.translationCalls()[0]?.user.glossary).toEqual({ "visite d'État": 'state visit' })
    expect(result.paragraphs[0]?.en).toContain('state visit')
    expect(result.paragraphs[0]?.warnings).toBeUndefined()
  })

  it('applies a curly-apostrophe term to an article typed with straight ones', async () => {
    const model = useFakeModel()
    const typed = "Le président russe effectuera cette semaine une visite d'État de deux jours en Chine."
    await parse(await postTranslation({ text: typed, summary: 'none', glossary: { 'visite d’État': 'state visit' } }))
    expect(model.translationCalls()[0]?.user.glossary).toEqual({ 'visite d’État': 'state visit' })
  })

  it('makes the paragraph a new translation for the cache: the term changes what the model is asked', async () => {
    const model = useFakeModel()
    await parse(await postTranslation({ text: STATE_VISIT, summary: 'none' }))
    expect(model.translationCalls()).toHaveLength(1)
    const res = await postTranslation({
      text: STATE_VISIT,
      summary: 'none',
      glossary: { "visite d'État": 'state visit' },
    })
    const result = await parse(res)
    expect(result.paragraphs[0]?.cache).toBe('miss')
    expect(model.translationCalls()).toHaveLength(2)
  })

  it('applies a term with a plain hyphen to a name written with a non-breaking one', async () => {
    const model = useFakeModel()
    const text = `${FOUR[0]}\nLe chef de l’État a reçu mardi à l’Élysée le maire de Saint\u2011Étienne et ses adjoints.`
    await parse(await postTranslation({ text, summary: 'none', glossary: { 'Saint-Étienne': 'Saint-Etienne' } }))
    const calls = model.translationCalls().filter((call) => call.texts.some((fr) => fr.includes('Étienne')))
    expect(calls.length).toBeGreaterThan(0)
    for (const call of calls) expect(call.user.glossary).toEqual({ 'Saint-Étienne': 'Saint-Etienne' })
  })
})

describe('glossary terms that matching cannot tell apart', () => {
  it('refuses two terms differing only by case, naming both', async () => {
    const model = useFakeModel()
    const res = await postTranslation({ text: BEIJING, glossary: { pékin: 'Peking', Pékin: 'Beijing' } })
    const errors = (await expectProblem(res, 400, 'invalid-request')).errors as FieldErrors
    expect(errors).toHaveLength(1)
    expect(errors[0]?.path).toBe('glossary.Pékin')
    expect(errors[0]?.message).toMatch(/^"pékin" and "Pékin" are one term to matching/)
    expect(model.calls).toHaveLength(0)
  })

  it('refuses two terms differing only by their apostrophe, or by how their accents are composed', async () => {
    useFakeModel()
    const apostrophes = await postTranslation({
      text: STATE_VISIT,
      glossary: { 'visite d’État': 'state visit', "visite d'État": 'official visit' },
    })
    const byApostrophe = (await expectProblem(apostrophes, 400, 'invalid-request')).errors as FieldErrors
    expect(byApostrophe.map((e) => e.message)).toEqual([
      expect.stringMatching(/^"visite d’État" and "visite d'État" are one term/),
    ])
    const composed = await postTranslation({
      text: BEIJING,
      glossary: { Pékin: 'Beijing', ['Pékin'.normalize('NFD')]: 'Peking' },
    })
    expect((await expectProblem(composed, 400, 'invalid-request')).errors).toHaveLength(1)
  })

  it('refuses them in the query string too, and across the query string and the JSON body', async () => {
    const model = useFakeModel()
    const query = await postTranslation(BEIJING, { query: '?glossary=nantes=Nantes&glossary=Nantes=NANTES' })
    const errors = (await expectProblem(query, 400, 'invalid-request')).errors as FieldErrors
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^"nantes" and "Nantes" are one term/)])
    const both = await postTranslation(
      { text: BEIJING, glossary: { Pékin: 'Beijing' } },
      { query: `?glossary=${encodeURIComponent('pékin=Peking')}` },
    )
    expect((await expectProblem(both, 400, 'invalid-request')).errors).toHaveLength(1)
    expect(model.calls).toHaveLength(0)
  })

  it('takes an acronym and its spelling as a word as two terms: matching tells them apart', async () => {
    useFakeModel()
    const res = await postTranslation({ text: BEIJING, summary: 'none', glossary: { OTAN: 'NATO', Otan: 'NATO' } })
    expect(res.status).toBe(200)
  })
})

describe('line and paragraph separators other than the newline', () => {
  for (const [name, separator] of [
    ['a vertical tab (a manual line break in Word)', '\u000B'],
    ['a form feed', '\u000C'],
    ['a next-line character (NEL)', '\u0085'],
    ['a line separator (U+2028)', '\u2028'],
    ['a paragraph separator (U+2029)', '\u2029'],
  ] as const) {
    it(`makes ${name} end a paragraph, never gluing two words together`, async () => {
      const model = useFakeModel()
      const result = await parse(await postTranslation(FOUR.join(separator), { query: '?summary=none' }))
      expect(result.paragraphs.map((p) => p.fr)).toEqual(FOUR)
      expect(model.translationCalls().flatMap((call) => call.texts)).toEqual(FOUR)
    })
  }
})

describe('invisible characters inside words', () => {
  it('drops soft hyphens, so that a name cut by them is the name', async () => {
    const hyphenated = KREMLIN.replace('Kremlin', 'Krem\u00ADlin').replaceAll('Poutine', 'Pou\u00ADtine')
    const model = useFakeModel()
    const result = await parse(await postTranslation(hyphenated, { query: '?summary=none' }))
    expect(result.paragraphs.map((p) => p.fr)).toEqual([KREMLIN])
    expect(model.translationCalls().flatMap((call) => call.texts)).toEqual([KREMLIN])
    expect(result.paragraphs[0]?.warnings).toBeUndefined()
  })

  it('drops word joiners, zero-width non-joiners, invisible operators and a byte-order mark mid-text', async () => {
    const sprinkled = KREMLIN.replace('Kremlin', 'Krem\u2060lin')
      .replace('communiqué', 'commu\u200Cniqué')
      .replace('voyage', 'voy\u2062age')
      .replace('Xi', '\uFEFFXi')
    useFakeModel()
    const result = await parse(await postTranslation({ text: sprinkled, summary: 'none' }))
    expect(result.paragraphs.map((p) => p.fr)).toEqual([KREMLIN])
  })
})

describe('HTML character references in a text', () => {
  it('decodes named and numeric references, as a page’s source gives them, in text/plain', async () => {
    const escaped = BEIJING.replace('Pékin', 'P&eacute;kin')
      .replace('d’autres', 'd&rsquo;autres')
      .replace('électroniques', '&#233;lectroniques')
      .replace('contribuent au', 'contribuent&nbsp;au')
      .replace('russe', 'rus&#x73;e')
    const expected = BEIJING.replace('contribuent au', 'contribuent\u00A0au')
    const model = useFakeModel()
    const result = await parse(await postTranslation(escaped, { query: '?summary=none' }))
    expect(result.paragraphs.map((p) => p.fr)).toEqual([expected])
    // The deployment's glossary name (Pékin) applies to the decoded text.
    expect(model.translationCalls()[0]?.user.glossary).toMatchObject({ Pékin: 'Beijing' })
  })

  it('decodes them in a JSON text too, and `&amp;` once only', async () => {
    useFakeModel()
    const text =
      'Le Conseil d&rsquo;&Eacute;tat a valid&eacute; mardi le projet de la soci&eacute;t&eacute; &amp;eacute;.'
    const result = await parse(await postTranslation({ text, summary: 'none' }))
    expect(result.paragraphs[0]?.fr).toBe('Le Conseil d’État a validé mardi le projet de la société &eacute;.')
  })

  it('leaves an ampersand in prose as it is', async () => {
    useFakeModel()
    const text =
      'Les groupes AT&T et Marks & Spencer ont annoncé mardi une hausse de leurs dépenses de R&D, ' +
      'selon un communiqué publié à Paris par le cabinet Ernst &Young.'
    const result = await parse(await postTranslation(text, { query: '?summary=none' }))
    expect(result.paragraphs[0]?.fr).toBe(text)
  })
})

describe('text that is not what its writer typed', () => {
  it('refuses a lone surrogate in the text, saying where it is', async () => {
    const model = useFakeModel()
    const body = `{"text": "Le maire de Lyon a présenté \\ud800 un budget de 85 millions d’euros."}`
    const res = await postTranslation(body, { headers: { 'Content-Type': 'application/json' } })
    const errors = (await expectProblem(res, 400, 'invalid-request')).errors as FieldErrors
    expect(errors).toEqual([
      { path: 'text', message: expect.stringMatching(/^text holds a lone UTF-16 surrogate .* at character 29:/) },
    ])
    expect(model.calls).toHaveLength(0)
  })

  it('refuses a lone surrogate in a glossary term or rendering', async () => {
    useFakeModel()
    const glossary = '{"P\\udc00kin": "Beijing", "Moscou": "Mosc\\ud83dw"}'
    const body = `{"text": ${JSON.stringify(BEIJING)}, "glossary": ${glossary}}`
    const res = await postTranslation(body, { headers: { 'Content-Type': 'application/json' } })
    const errors = (await expectProblem(res, 400, 'invalid-request')).errors as FieldErrors
    expect(errors.map((e) => e.path).sort()).toEqual(['glossary.Moscou', 'glossary.P\udc00kin'])
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^a glossary (term|rendering) holds a lone UTF-16 surrogate/),
      expect.stringMatching(/^a glossary (term|rendering) holds a lone UTF-16 surrogate/),
    ])
  })

  it('keeps a character beyond the Basic Plane, whose two halves JSON spells apart', async () => {
    useFakeModel()
    const body = `{"text": ${JSON.stringify(BEIJING).slice(0, -1)} \\ud83c\\uddeb\\ud83c\\uddf7"}`
    const result = await parse(await postTranslation(body, { headers: { 'Content-Type': 'application/json' } }))
    expect(result.paragraphs[0]?.fr).toBe(`${BEIJING} 🇫🇷`)
  })

  it('refuses a JSON text whose letters a wrong decoding replaced with U+FFFD, saying how to fix it', async () => {
    const model = useFakeModel()
    const text = 'Le Conseil d\uFFFD\uFFFDtat a valid\uFFFD mardi le plan de Nantes pour r\uFFFDnover ses \uFFFDcoles.'
    const problem = await expectProblem(await postTranslation({ text }), 400, 'invalid-request')
    expect(problem.detail).toMatch(/^The text has letters replaced by U\+FFFD .* in 4 words, like "d��tat", "valid�"/)
    expect(problem.detail).toMatch(/decoded with the wrong character set/)
    expect(problem.detail).toMatch(/convert the file to UTF-8/)
    expect(model.calls).toHaveLength(0)
  })

  it('refuses it in text/plain too, even for a single word in a long clean text', async () => {
    useFakeModel()
    const text = `${SEED_PARAGRAPHS.join('\n')}\nLa d\uFFFDl\uFFFDgation est arrivée mardi.`
    const problem = await expectProblem(await postTranslation(text), 400, 'invalid-request')
    expect(problem.detail).toMatch(/in 1 word, like "d�l�gation"/)
  })

  it('keeps a replacement character that stands alone, damaging no word', async () => {
    useFakeModel()
    const text = `${BEIJING} \uFFFD`
    const result = await parse(await postTranslation({ text, summary: 'none' }))
    expect(result.paragraphs[0]?.fr).toBe(text)
  })
})

describe('a word longer than a batch', () => {
  it('is sent in parts, none over BATCH_MAX_TOKENS, and the French comes back whole', async () => {
    // 12,000 characters of base64 (about 3,300 estimated tokens; a batch holds at most 3,000).
    const base64 = btoa(String.fromCharCode(...Array.from({ length: 9_000 }, (_, i) => (i * 151 + 7) % 256)))
    expect(base64).toHaveLength(12_000)
    const text = `Le document publié par la préfecture est joint : ${base64} Il a été mis en ligne mardi.`
    const model = useFakeModel()
    const result = await parse(await postTranslation(text, { query: '?summary=none' }))
    expect(result.paragraphs.map((p) => p.fr)).toEqual([text])
    const sent = model.translationCalls().flatMap((call) => call.texts)
    // 3,000 tokens at 3.6 characters a token: no segment over 10,800 characters.
    for (const fr of sent) expect(fr.length).toBeLessThanOrEqual(10_800)
    // The words before it, then its parts, the last one with the words after it: cut inside the word,
    // the parts between hold the word's characters end to end, nothing lost or added.
    const firstPass = [...new Set(sent)]
    expect(firstPass[0]).toBe('Le document publié par la préfecture est joint :')
    expect(firstPass.at(-1)).toMatch(/ Il a été mis en ligne mardi\.$/)
    expect(`${firstPass.slice(1).join('')}`).toBe(`${base64} Il a été mis en ligne mardi.`)
    expect(result.paragraphs[0]?.en.length).toBeGreaterThan(0)
  })
})
