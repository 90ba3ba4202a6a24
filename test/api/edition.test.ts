import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import lemonde from '../../fixtures/pages/lemonde-trains-de-nuit.html?raw'
import recording from '../../fixtures/recordings/lemonde-trains-de-nuit.json'
import { TranslationResult } from '../../src/schemas/response'
import { get, postTranslation, SEED_TEXT } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { server } from '../support/model-server'

const ARTICLE_URL =
  'https://www.lemonde.fr/economie/article/2026/11/24/trains-de-nuit-la-sncf-rouvre-trois-lignes_6612345_3234.html'
const HTML = { Accept: 'text/html' }

async function translatePage() {
  useFakeModel()
  server.use(
    http.get(ARTICLE_URL, () => new HttpResponse(lemonde, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })),
  )
  return TranslationResult.parse(await (await postTranslation({ url: ARTICLE_URL })).json())
}

describe('an article read from a page, as an edition', () => {
  it('opens its page with the headline in both languages, the source, the date and who translated it', async () => {
    const { id } = await translatePage()
    const html = await (await get(`/v1/translations/${id}`, HTML)).text()
    expect(html).toContain('<title>Night trains: SNCF reopens three lines to Italy and Spain — passage</title>')
    expect(html).toContain(
      '<h1 class="headline">' +
        '<span class="headline-en" lang="en">Night trains: SNCF reopens three lines to Italy and Spain</span>' +
        '<span class="headline-fr" lang="fr">' +
        'Trains de nuit : la SNCF rouvre trois lignes vers l’Italie et l’Espagne</span>' +
        '</h1>',
    )
    expect(html).toContain('<span class="site">Le Monde.fr</span>')
    expect(html).toContain('<time class="published" datetime="2026-11-24T18:42:07+01:00">24 November 2026</time>')
    expect(html).toContain('<span class="byline">Camille Dupont</span>')
    expect(html).toContain(`href="${ARTICLE_URL}"`)
    expect(html).toContain(
      'Machine-translated from French by gpt-5.4-mini; all 7 paragraphs checked against the French.',
    )
    expect(html).toContain('<li class="pair standfirst" id="p1" data-index="1">')
    // One h1 on the page: the article's.
    expect(html.match(/<h1/g)).toHaveLength(1)
  })

  it('gives a plain article no headline or source, but still says who translated it', async () => {
    useFakeModel()
    const { id } = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const html = await (await get(`/v1/translations/${id}`, HTML)).text()
    expect(html).toMatch(/<h1 class="headline" hidden="">/)
    expect(html).toMatch(/<p class="source" hidden="">/)
    expect(html).toContain('all 12 paragraphs checked against the French')
  })

  it('cuts a long tab title at a word, never mid-word', async () => {
    useFakeModel()
    const { id } = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const html = await (await get(`/v1/translations/${id}`, HTML)).text()
    const title = /<title>(.*) — passage<\/title>/.exec(html)?.[1] ?? ''
    expect(title.length).toBeLessThanOrEqual(80)
    expect(title).toMatch(/\p{L}…$/u)
    const first = SEED_TEXT
      ? (((await (await get(`/v1/translations/${id}`)).json()) as { paragraphs: Array<{ en: string }> }).paragraphs[0]
          ?.en ?? '')
      : ''
    const shown = title.slice(0, -1)
    expect(first.startsWith(shown)).toBe(true)
    expect(first[shown.length]).toMatch(/[\s,;:]/)
  })

  it('writes the Markdown as an edition: headline, French headline, source line, then the rest', async () => {
    const { id } = await translatePage()
    const md = await (await get(`/v1/translations/${id}?format=md`)).text()
    const lines = md.split('\n')
    expect(lines[0]).toBe('# Night trains: SNCF reopens three lines to Italy and Spain')
    expect(lines[2]).toBe('*Trains de nuit : la SNCF rouvre trois lignes vers l’Italie et l’Espagne*')
    expect(lines[4]).toBe(`Le Monde.fr · 2026-11-24T18:42:07+01:00 · Camille Dupont · <${ARTICLE_URL}>`)
    expect(md).toContain('## Summary')
  })

  it('carries key points citing their paragraphs, in JSON, Markdown and on the page', async () => {
    const result = await translatePage()
    expect(result.summary?.key_points).toEqual(recording.summaries.standard.key_points)
    const md = await (await get(`/v1/translations/${result.id}?format=md`)).text()
    expect(md).toContain(
      '1. Transport minister Philippe Tabarot presented a plan of €450 million ' +
        'to revive international night trains. (¶ 3)',
    )
    expect(md).toContain('3. Le ministère attend près de 600 000 voyageurs par an. (¶ 4)')
    const html = await (await get(`/v1/translations/${result.id}`, HTML)).text()
    expect(html).toContain('<a class="cite" href="#p2" data-index="2" title="Paragraph 3">¶3</a>')
    expect(html).toContain('<a class="cite" href="#p4" data-index="4" title="Paragraphe 5">¶5</a>')
    expect(html).toContain('<li class="pair" id="p2" data-index="2">')
  })
})
