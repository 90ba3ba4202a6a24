import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { postTranslation } from '../support/api'
import { chatCompletion, type ModelCall, useFakeModel } from '../support/fake-model'

// A short article written for this test, with a careful translator's English: the union keeps its
// French name in the paragraphs, the summary gives its English name, "Bercy" becomes "the finance
// ministry", "en espagnol" "in Spanish", a book its English title, and the glossary's "La France
// insoumise" is "France Unbowed".
const ARTICLE: Array<[fr: string, en: string]> = [
  [
    'Le Syndicat national des enseignants du second degré appelle à la grève le 12 mars, avec le soutien ' +
      'de La France insoumise.',
    'The Syndicat national des enseignants du second degré is calling a strike on March 12, with the backing ' +
      'of France Unbowed.',
  ],
  [
    'Sa secrétaire générale, Claire Mounier, a remis à Bercy une pétition rédigée en espagnol et en français.',
    'Its general secretary, Claire Mounier, handed the finance ministry a petition written in Spanish and French.',
  ],
  [
    'Elle cite l’essai Histoire de l’école en Europe, paru en 2019, pour défendre les petits effectifs.',
    'She cites the essay Histoire de l’école en Europe, published in 2019, in defence of small classes.',
  ],
]
const GLOSSARY = { 'La France insoumise': 'France Unbowed' }

const SUMMARY = {
  en:
    'The National Union of Secondary Teachers, backed by France Unbowed, is calling a strike on March 12. ' +
    'Claire Mounier handed the finance ministry a petition written in Spanish and French and cites the essay ' +
    'History of Schooling in Europe.',
  fr:
    'Le Syndicat national des enseignants du second degré, soutenu par La France insoumise, appelle à la grève ' +
    'le 12 mars. Claire Mounier a remis à Bercy une pétition rédigée en espagnol et en français ' +
    'et cite l’essai Histoire de l’école en Europe.',
  key_points: [],
}

// The same summary with a person the article does not name in place of its secretary.
const STRANGER = {
  en: SUMMARY.en.replace('Claire Mounier', 'Paul Okafor'),
  fr: SUMMARY.fr.replace('Claire Mounier', 'Paul Okafor'),
  key_points: [],
}

const answer = (content: unknown) => HttpResponse.json(chatCompletion(JSON.stringify(content)))
const english = new Map(ARTICLE)

function translations(call: ModelCall): Response {
  return answer({ translations: call.ids.map((id, i) => ({ id, en: english.get(call.texts[i] as string) })) })
}

describe('a faithful summary that renders names in English', () => {
  it('is served at once, 200, with its English names and the glossary followed', async () => {
    const model = useFakeModel({
      override: (call) => (call.kind === 'summary' ? answer(SUMMARY) : translations(call)),
    })
    const text = ARTICLE.map(([fr]) => fr).join('\n')
    const res = await postTranslation({ text, summary: 'short', glossary: GLOSSARY })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.summary).toEqual({ en: SUMMARY.en, fr: SUMMARY.fr })
    expect(result.paragraphs.map((p) => p.en)).toEqual(ARTICLE.map(([, en]) => en))
    expect(result.paragraphs.every((p) => p.warnings === undefined)).toBe(true)
    // No retry: one summary call, one translation call for the three paragraphs.
    expect(model.summaryCalls()).toHaveLength(1)
    expect(model.translationCalls()).toHaveLength(1)
  })

  it('asks once more for a summary naming someone the article does not, then serves it with a warning', async () => {
    const model = useFakeModel({
      override: (call) => (call.kind === 'summary' ? answer(STRANGER) : translations(call)),
    })
    const text = ARTICLE.map(([fr]) => fr).join('\n')
    const res = await postTranslation({ text, summary: 'short', glossary: GLOSSARY })
    // A name is a doubt, not a fault: the article is not lost to it, and the reader is told.
    expect(res.status).toBe(200)
    const summary = TranslationResult.parse(await res.json()).summary
    expect(summary?.en).toBe(STRANGER.en)
    expect(summary?.warnings).toEqual([
      'the summary names "Okafor", which the checks do not find in the article: check its names',
    ])
    expect(model.summaryCalls()).toHaveLength(2)

    // The Markdown and the page say it too.
    const md = await (
      await postTranslation({ text, summary: 'short', glossary: GLOSSARY }, { query: '?format=md' })
    ).text()
    expect(md).toMatch(/\*⚠ Check this summary: the summary names "Okafor", which/)
    const html = await (
      await postTranslation({ text, summary: 'short', glossary: GLOSSARY }, { query: '?format=html' })
    ).text()
    expect(html).toMatch(
      /<p class="warning summary-warning">⚠ Check this summary: the summary names &quot;Okafor&quot;/,
    )
  })

  it('serves a summary the checks do not doubt without warnings', async () => {
    useFakeModel({ override: (call) => (call.kind === 'summary' ? answer(SUMMARY) : translations(call)) })
    const text = ARTICLE.map(([fr]) => fr).join('\n')
    const result = TranslationResult.parse(
      await (await postTranslation({ text, summary: 'short', glossary: GLOSSARY })).json(),
    )
    expect(result.summary).not.toHaveProperty('warnings')
    const html = await (
      await postTranslation({ text, summary: 'short', glossary: GLOSSARY }, { query: '?format=html' })
    ).text()
    expect(html).toMatch(/<p class="warning summary-warning" hidden="">/)
  })
})
