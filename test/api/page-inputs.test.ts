import { exports } from 'cloudflare:workers'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { AUTH, BASE, expectProblem, fetchWithEnv, jsonPost, postTranslation } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { server } from '../support/model-server'

// Pages, links and bodies as real sites and clients send them: mislabelled charsets, a late
// <meta charset>, a page or a link sent as plain text, a JSON-LD body written in HTML,
// compressed request bodies, and what ALLOW_LOCAL_PAGES opens.

const HEADLINE = 'Nantes va rénover ses écoles'
const BODY = [
  'Le Conseil d’État a validé mardi le plan de la ville de Nantes : 12 millions d’euros pour rénover les écoles, ' +
    'dont 4,5 millions € dès 2027.',
  '« C’est un effort sans précédent », a déclaré la maire, Johanna Rolland, qui veut « mettre fin aux classes ' +
    'préfabriquées » d’ici à 2030.',
  'Les syndicats d’enseignants saluent ce geste, mais s’interrogent : les travaux seront-ils terminés à temps ? ' +
    'Le chantier de l’école Jules-Verne, prévu pour septembre, a déjà pris six mois de retard.',
  'Le cœur du projet reste la rénovation thermique : 38 écoles sur 120 seront isolées, pour une économie ' +
    'd’énergie estimée à 30 %.',
]
const ARTICLE = [HEADLINE, ...BODY]
const PAGE_URL = 'https://www.ouest-info.fr/nantes/ecoles-renovation.html'

/** The article as a news site's page; `head` goes first in <head>, `padding` after the title. */
function nantesPage({ head = '', padding = '' } = {}): string {
  return (
    `<!doctype html><html lang="fr"><head>${head}<title>${HEADLINE} - Ouest Info</title>\n` +
    '<meta property="og:type" content="article"><meta property="og:site_name" content="Ouest Info">\n' +
    `${padding}</head>\n<body><nav><a href="/">Accueil</a></nav><main><article><h1>${HEADLINE}</h1>\n` +
    '<p class="byline">Par Marie Martin</p>\n' +
    BODY.map((p) => `<p>${p}</p>\n`).join('') +
    '</article></main><footer>© Ouest Info</footer></body></html>'
  )
}

// The characters of these pages above Latin-1, where windows-1252 puts them; the rest of
// Latin-1 is one byte each, as it is.
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, '–': 0x96 }

function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = WINDOWS_1252[char] ?? char.charCodeAt(0)
    if (code > 0xff) throw new Error(`the test page has ${char}, which windows-1252 cannot hold`)
    return code
  })
}

/** Serves pages to the worker's fetch; records what it asked for. */
function servePages(pages: Record<string, () => Response>): string[] {
  const seen: string[] = []
  for (const [url, answer] of Object.entries(pages))
    server.use(
      http.get(url, ({ request }) => {
        seen.push(request.url)
        return answer()
      }),
    )
  return seen
}

const page = (body: BodyInit, contentType: string) =>
  new HttpResponse(body, { headers: { 'Content-Type': contentType } })

async function frenchOf(res: Response): Promise<string[]> {
  expect(res.status, await res.clone().text()).toBe(200)
  return TranslationResult.parse(await res.json()).paragraphs.map((p) => p.fr)
}

/** POSTs these very bytes (postTranslation would write anything but a string as JSON). */
function postBody(body: BodyInit, headers: Record<string, string>, query = '?summary=none'): Promise<Response> {
  return exports.default.fetch(`${BASE}/v1/translations${query}`, {
    method: 'POST',
    headers: { ...AUTH, ...headers },
    body,
  })
}

describe('a page whose bytes are not in the charset it declares', () => {
  it('reads a windows-1252 page its site labels UTF-8 as windows-1252, never garbled', async () => {
    const model = useFakeModel()
    const bytes = windows1252(nantesPage({ head: '<meta charset="utf-8">' }))
    servePages({ [PAGE_URL]: () => page(bytes, 'text/html; charset=utf-8') })
    expect(await frenchOf(await postTranslation({ url: PAGE_URL, summary: 'none' }))).toEqual(ARTICLE)
    const sent = model.translationCalls().flatMap((call) => call.texts)
    expect(sent).toContain(BODY[0])
    expect(sent.join('\n')).not.toContain('\ufffd')
  })

  it('reads a posted windows-1252 page declared UTF-8 the same way', async () => {
    useFakeModel()
    const bytes = windows1252(nantesPage({ head: '<meta charset="utf-8">' }))
    expect(await frenchOf(await postBody(bytes, { 'Content-Type': 'text/html; charset=utf-8' }))).toEqual(ARTICLE)
    expect(await frenchOf(await postBody(bytes, { 'Content-Type': 'text/html' }))).toEqual(ARTICLE)
  })

  it('reads a UTF-8 page its server labels ISO-8859-1 (an old server default) as UTF-8', async () => {
    useFakeModel()
    servePages({ [PAGE_URL]: () => page(nantesPage(), 'text/html; charset=iso-8859-1') })
    expect(await frenchOf(await postTranslation({ url: PAGE_URL, summary: 'none' }))).toEqual(ARTICLE)
  })
})

describe('a <meta charset> past the first 2,048 bytes of the head', () => {
  // Sites put dozens of preconnect links, styles and scripts before their charset.
  const padding = Array.from({ length: 40 }, (_, i) => `<link rel="preconnect" href="https://static${i}.example.fr">\n`)
  const late = windows1252(nantesPage({ padding: `${padding.join('')}<meta charset="windows-1252">\n` }))

  it('is honoured for a linked page', async () => {
    expect(new TextDecoder('latin1').decode(late).indexOf('<meta charset')).toBeGreaterThan(2048)
    const model = useFakeModel()
    servePages({ [PAGE_URL]: () => page(late, 'text/html') })
    expect(await frenchOf(await postTranslation({ url: PAGE_URL, summary: 'none' }))).toEqual(ARTICLE)
    expect(model.translationCalls().flatMap((call) => call.texts)).toContain(BODY[1])
  })

  it('is honoured for a posted page', async () => {
    useFakeModel()
    expect(await frenchOf(await postBody(late, { 'Content-Type': 'text/html' }))).toEqual(ARTICLE)
  })

  it('is honoured as an http-equiv Content-Type too', async () => {
    useFakeModel()
    const equiv = `${padding.join('')}<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`
    const bytes = windows1252(nantesPage({ padding: equiv }))
    expect(await frenchOf(await postBody(bytes, { 'Content-Type': 'text/html' }))).toEqual(ARTICLE)
  })
})

describe('ALLOW_LOCAL_PAGES during development', () => {
  const LOCAL = 'http://localhost:8787'
  const allowLocal = (url: string) =>
    fetchWithEnv({ ALLOW_LOCAL_PAGES: 'true' }, '/v1/translations', jsonPost({ url }, AUTH), LOCAL)

  it('fetches from a private address on the developer’s network', async () => {
    useFakeModel()
    servePages({ 'http://192.168.1.20:4000/nantes.html': () => page(nantesPage(), 'text/html; charset=utf-8') })
    expect(await frenchOf(await allowLocal('http://192.168.1.20:4000/nantes.html'))).toEqual(ARTICLE)
  })

  it('keeps the cloud metadata address closed, however it is reached or written', async () => {
    const model = useFakeModel()
    const metadata = servePages({
      'http://169.254.169.254/*': () => page(nantesPage(), 'text/html'),
      'http://[::ffff:a9fe:a9fe]/*': () => page(nantesPage(), 'text/html'),
    })
    servePages({
      'http://127.0.0.1:4321/to-meta': () =>
        new HttpResponse(null, { status: 301, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } }),
      'http://127.0.0.1:4321/to-v6': () =>
        new HttpResponse(null, { status: 302, headers: { Location: 'http://[::ffff:a9fe:a9fe]/latest/' } }),
    })
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://127.0.0.1:4321/to-meta',
      'http://127.0.0.1:4321/to-v6',
    ]) {
      const problem = await expectProblem(await allowLocal(url), 400, 'blocked-address')
      expect(problem.detail, url).toMatch(/link-local.*ALLOW_LOCAL_PAGES opens only loopback and private addresses/)
    }
    expect(metadata).toEqual([])
    expect(model.calls).toEqual([])
  })

  it('keeps multicast, unspecified and reserved addresses closed', async () => {
    useFakeModel()
    for (const url of ['http://224.0.0.1/', 'http://0.0.0.0:8080/', 'http://[::]/', 'http://240.0.0.1/'])
      await expectProblem(await allowLocal(url), 400, 'blocked-address')
  })
})
