import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import franceinfo from '../../fixtures/pages/franceinfo-inondations.html?raw'
import paywalled from '../../fixtures/pages/lemonde-abonnes.html?raw'
import section from '../../fixtures/pages/lemonde-rubrique-economie.html?raw'
import lemonde from '../../fixtures/pages/lemonde-trains-de-nuit.html?raw'
import recording from '../../fixtures/recordings/lemonde-trains-de-nuit.json'
import { TranslationResult } from '../../src/schemas/response'
import { AUTH, expectProblem, get, postTranslation } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { server } from '../support/model-server'

const ARTICLE_URL =
  'https://www.lemonde.fr/economie/article/2026/11/24/trains-de-nuit-la-sncf-rouvre-trois-lignes_6612345_3234.html'
const html = (body: string, init: ResponseInit = {}) =>
  new HttpResponse(body, { ...init, headers: { 'Content-Type': 'text/html; charset=utf-8', ...init.headers } })

/** Serves pages to the worker's fetch; records what it asked for. */
function servePages(pages: Record<string, () => Response>) {
  const seen: Array<{ url: string; headers: Headers }> = []
  for (const [url, answer] of Object.entries(pages)) {
    server.use(
      http.get(url, ({ request }) => {
        seen.push({ url: request.url, headers: request.headers })
        return answer()
      }),
    )
  }
  return seen
}

describe('translating an article from its link', () => {
  it('fetches the page, extracts the article, translates headline, standfirst and body, with its source', async () => {
    const model = useFakeModel()
    const seen = servePages({ [ARTICLE_URL]: () => html(lemonde) })
    const res = await postTranslation({ url: ARTICLE_URL })
    expect(res.status, await res.clone().text()).toBe(200)
    const result = TranslationResult.parse(await res.json())

    expect(result.paragraphs.map((p) => p.fr)).toEqual(recording.paragraphs.map((p) => p.fr))
    expect(result.paragraphs.map((p) => p.en)).toEqual(recording.paragraphs.map((p) => p.en))
    expect(result.paragraphs.map((p) => p.role)).toEqual([
      'headline',
      'standfirst',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect(result.summary).toEqual(recording.summaries.standard)
    expect(result.source).toEqual({
      url: ARTICLE_URL,
      site: 'Le Monde.fr',
      title: 'Trains de nuit : la SNCF rouvre trois lignes vers l’Italie et l’Espagne',
      published: '2026-11-24T18:42:07+01:00',
      byline: 'Camille Dupont',
    })
    expect(model.refused).toEqual([])

    // One plain GET, saying who is asking.
    expect(seen).toHaveLength(1)
    expect(seen[0]?.headers.get('user-agent')).toMatch(/^passage\//)
    expect(seen[0]?.headers.has('authorization')).toBe(false)

    // Stored with its source: the id serves the same edition.
    const again = TranslationResult.parse(await (await get(`/v1/translations/${result.id}`)).json())
    expect(again.source).toEqual(result.source)
    expect(again.paragraphs[0]?.role).toBe('headline')
  })

  it('streams an article read from a link, its source and roles in the done event', async () => {
    useFakeModel()
    servePages({ [ARTICLE_URL]: () => html(lemonde) })
    const res = await postTranslation({ url: ARTICLE_URL }, { headers: { Accept: 'text/event-stream' } })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const text = await res.text()
    const done = /event: done\ndata: (.*)\n/.exec(text)?.[1]
    expect(JSON.parse(done ?? '{}')).toMatchObject({
      source: { url: ARTICLE_URL, site: 'Le Monde.fr', title: recording.paragraphs[0]?.fr },
      roles: [
        { index: 0, role: 'headline' },
        { index: 1, role: 'standfirst' },
      ],
    })
    expect(text.match(/^event: paragraph$/gm)).toHaveLength(7)
  })

  it('extracts a pasted page (text/html) the same way, options in the query string', async () => {
    useFakeModel()
    const res = await postTranslation(lemonde, {
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
      query: '?summary=short',
    })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs.map((p) => p.en)).toEqual(recording.paragraphs.map((p) => p.en))
    expect(result.summary).toEqual(recording.summaries.short)
    // The page names its canonical address, so the source has it even without a link.
    expect(result.source).toMatchObject({ url: ARTICLE_URL, site: 'Le Monde.fr', byline: 'Camille Dupont' })
  })

  it('gives the same text read from two pages two results, each with its own source', async () => {
    useFakeModel()
    const plain = TranslationResult.parse(
      await (await postTranslation({ text: recording.paragraphs.map((p) => p.fr).join('\n') })).json(),
    )
    servePages({ [ARTICLE_URL]: () => html(lemonde) })
    const linked = TranslationResult.parse(await (await postTranslation({ url: ARTICLE_URL })).json())
    expect(linked.id).not.toBe(plain.id)
    expect(plain.source).toBeUndefined()
    expect(plain.paragraphs[0]?.role).toBeUndefined()
    // The paragraphs themselves came from the cache: reading a page costs no new translation.
    expect(linked.usage.cached_paragraphs).toBe(7)
  })

  it('follows redirects, checking each target', async () => {
    useFakeModel()
    servePages({
      'https://lemonde.fr/a': () => new HttpResponse(null, { status: 301, headers: { Location: ARTICLE_URL } }),
      [ARTICLE_URL]: () => html(lemonde),
    })
    const res = await postTranslation({ url: 'https://lemonde.fr/a' })
    expect(res.status).toBe(200)

    servePages({
      'https://www.lemonde.fr/trap': () =>
        new HttpResponse(null, { status: 302, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } }),
    })
    const problem = await expectProblem(
      await postTranslation({ url: 'https://www.lemonde.fr/trap' }),
      400,
      'blocked-address',
    )
    expect(problem.detail).toMatch(/a redirect led there/)
    expect(problem.detail).toMatch(/link-local/)
  })

  it('refuses internal addresses before any request leaves the worker', async () => {
    // No handler is set: any fetch would fail the test as unhandled.
    for (const url of [
      'http://127.0.0.1:8787/',
      'http://localhost/article',
      'http://192.168.1.10/',
      'http://[::1]/',
      'http://metadata.google.internal/computeMetadata/v1/',
    ]) {
      const problem = await expectProblem(await postTranslation({ url }), 400, 'blocked-address')
      expect(problem.url).toBeTruthy()
    }
  })

  it('answers a link that is not an http(s) URL with 400 naming the field', async () => {
    for (const url of ['ftp://www.lemonde.fr/a', 'www.lemonde.fr/a', 42]) {
      const problem = await expectProblem(await postTranslation({ url }), 400, 'invalid-request')
      expect(problem.errors).toEqual([{ path: 'url', message: expect.stringMatching(/url must be/) }])
    }
    const both = await expectProblem(
      await postTranslation({ url: ARTICLE_URL, text: 'Bonjour.' }),
      400,
      'invalid-request',
    )
    expect(JSON.stringify(both.errors)).toMatch(/url/)
  })

  it('explains each way fetching can fail: status, content type, size, a redirect loop', async () => {
    servePages({
      'https://www.lemonde.fr/gone': () => html('<h1>Page introuvable</h1>', { status: 404 }),
      'https://www.lemonde.fr/file.pdf': () =>
        new HttpResponse('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }),
      'https://www.lemonde.fr/huge': () => html(`<p>${'x'.repeat(4 * 1024 * 1024)}</p>`),
      'https://www.lemonde.fr/loop': () => new HttpResponse(null, { status: 302, headers: { Location: '/loop' } }),
    })
    expect(
      await expectProblem(await postTranslation({ url: 'https://www.lemonde.fr/gone' }), 502, 'page-fetch-failed'),
    ).toMatchObject({ status: 502, reason: 'status', detail: expect.stringMatching(/answered 404/) })
    expect(
      await expectProblem(await postTranslation({ url: 'https://www.lemonde.fr/file.pdf' }), 502, 'page-fetch-failed'),
    ).toMatchObject({ reason: 'content-type', content_type: 'application/pdf' })
    expect(
      await expectProblem(await postTranslation({ url: 'https://www.lemonde.fr/huge' }), 502, 'page-fetch-failed'),
    ).toMatchObject({ reason: 'too-large' })
    expect(
      await expectProblem(await postTranslation({ url: 'https://www.lemonde.fr/loop' }), 502, 'page-fetch-failed'),
    ).toMatchObject({ reason: 'redirects' })
  })

  it('answers a paywall stub, a section front and a pasted non-article with 422 problems', async () => {
    servePages({
      'https://www.lemonde.fr/politique/abonnes.html': () => html(paywalled),
      'https://www.lemonde.fr/economie/': () => html(section),
      'https://www.francetvinfo.fr/meteo/inondations.html': () => html(franceinfo),
    })
    const paywall = await expectProblem(
      await postTranslation({ url: 'https://www.lemonde.fr/politique/abonnes.html' }),
      422,
      'paywalled-article',
    )
    expect(paywall.detail).toMatch(/paste the article's text/)
    await expectProblem(await postTranslation({ url: 'https://www.lemonde.fr/economie/' }), 422, 'not-an-article')
    await expectProblem(
      await postTranslation('<p>Bonjour</p>', { headers: { 'Content-Type': 'text/html' } }),
      422,
      'not-an-article',
    )
  })
})

describe('fetching from a local server during development', () => {
  it('is allowed by ALLOW_LOCAL_PAGES only for requests to localhost', async () => {
    useFakeModel()
    servePages({ 'http://127.0.0.1:4321/article.html': () => html(lemonde) })
    const { fetchWithEnv, jsonPost } = await import('../support/api')
    const local = await fetchWithEnv(
      { ALLOW_LOCAL_PAGES: 'true' },
      '/v1/translations',
      jsonPost({ url: 'http://127.0.0.1:4321/article.html' }, AUTH),
      'http://localhost:8787',
    )
    expect(local.status).toBe(200)
    const deployed = await fetchWithEnv(
      { ALLOW_LOCAL_PAGES: 'true' },
      '/v1/translations',
      jsonPost({ url: 'http://127.0.0.1:4321/article.html' }, AUTH),
    )
    await expectProblem(deployed, 400, 'blocked-address')
  })
})
