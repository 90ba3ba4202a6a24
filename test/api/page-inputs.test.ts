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

describe('a compressed request body (Content-Encoding)', () => {
  const TEXT = ARTICLE.join('\n')

  async function compressed(text: string, format: 'gzip' | 'deflate'): Promise<Uint8Array> {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream(format))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  }

  it('is decompressed: gzip text, deflate JSON, and identity as it is', async () => {
    useFakeModel()
    const gzipped = await compressed(TEXT, 'gzip')
    expect(gzipped.length).toBeLessThan(new TextEncoder().encode(TEXT).length)
    const plain = { 'Content-Type': 'text/plain; charset=utf-8' }
    expect(await frenchOf(await postBody(gzipped, { ...plain, 'Content-Encoding': 'gzip' }))).toEqual(ARTICLE)
    const json = await compressed(JSON.stringify({ text: TEXT, summary: 'none' }), 'deflate')
    const asJson = { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' }
    expect(await frenchOf(await postBody(json, asJson, ''))).toEqual(ARTICLE)
    expect(await frenchOf(await postBody(TEXT, { ...plain, 'Content-Encoding': 'identity' }))).toEqual(ARTICLE)
  })

  it('is decompressed for a posted page too, its charset read after', async () => {
    useFakeModel()
    const bytes = windows1252(nantesPage({ head: '<meta charset="windows-1252">' }))
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))
    const gzipped = new Uint8Array(await new Response(stream).arrayBuffer())
    const headers = { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' }
    expect(await frenchOf(await postBody(gzipped, headers))).toEqual(ARTICLE)
  })

  it('refuses as too large a body over the limit once decompressed (a zip bomb), however small it came', async () => {
    const model = useFakeModel()
    const bomb = await compressed('Le conseil municipal a voté. '.repeat(40_000), 'gzip')
    expect(bomb.length).toBeLessThan(10_000)
    const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': 'gzip' }
    const problem = await expectProblem(await postBody(bomb, headers), 413, 'payload-too-large')
    expect(problem.detail).toMatch(/decompressed/)
    expect(model.calls).toEqual([])
  })

  it('is a 415 naming an encoding the worker cannot decompress', async () => {
    const model = useFakeModel()
    for (const coding of ['br', 'zstd', 'compress', 'gzip, br']) {
      const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': coding }
      const res = await postBody(TEXT, headers)
      expect(res.headers.get('accept-encoding'), coding).toBe('gzip, deflate')
      const problem = await expectProblem(res, 415, 'unsupported-media-type')
      expect(problem.detail, coding).toContain(coding.replace('gzip, ', ''))
      expect(problem.detail, coding).toMatch(/gzip or deflate/)
    }
    expect(model.calls).toEqual([])
  })

  it('is a 400 saying to label it when a gzip body comes without its Content-Encoding', async () => {
    const model = useFakeModel()
    const headers = { 'Content-Type': 'text/plain; charset=utf-8' }
    const problem = await expectProblem(await postBody(await compressed(TEXT, 'gzip'), headers), 400, 'invalid-request')
    expect(problem.detail).toMatch(
      /not valid UTF-8 text: it looks gzip-compressed; send it with Content-Encoding: gzip/,
    )
    const legacy = await expectProblem(await postBody(windows1252(TEXT), headers), 400, 'invalid-request')
    expect(legacy.detail).toMatch(/not valid UTF-8 text: convert it to UTF-8/)
    expect(model.calls).toEqual([])
  })

  it('is a 400 saying so when a body labelled gzip or deflate is not', async () => {
    const model = useFakeModel()
    for (const coding of ['gzip', 'deflate']) {
      const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': coding }
      const problem = await expectProblem(await postBody(TEXT, headers), 400, 'invalid-request')
      expect(problem.detail, coding).toMatch(
        new RegExp(`labelled Content-Encoding: ${coding} but is not ${coding} data`),
      )
    }
    const truncated = (await compressed(TEXT, 'gzip')).slice(0, 100)
    const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': 'gzip' }
    await expectProblem(await postBody(truncated, headers), 400, 'invalid-request')
    expect(model.calls).toEqual([])
  })
})

describe('a page or a link sent as the article’s text', () => {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8' }

  it('is a 400 pointing a whole HTML page sent as text/plain to text/html', async () => {
    const model = useFakeModel()
    for (const body of [nantesPage(), `\n  <HTML lang="fr"><body><p>${BODY[0]}</p></body></HTML>`]) {
      const problem = await expectProblem(await postBody(body, plain), 400, 'invalid-request')
      expect(problem.detail).toMatch(/whole HTML page.*Content-Type: text\/html/)
    }
    expect(model.calls).toEqual([])
  })

  it('is a 400 pointing a bare link sent as text/plain to {"url": …}', async () => {
    const model = useFakeModel()
    for (const body of [`${PAGE_URL}\n`, 'www.ouest-info.fr/nantes/ecoles-renovation.html']) {
      const problem = await expectProblem(await postBody(body, plain), 400, 'invalid-request')
      expect(problem.detail).toMatch(/only a link.*\{"url": "…"\}/)
    }
    expect(model.calls).toEqual([])
  })

  it('is a 400 on the JSON text too, naming the field (a link pasted in the reading page’s text box)', async () => {
    const model = useFakeModel()
    const link = await expectProblem(await postTranslation({ text: PAGE_URL }), 400, 'invalid-request')
    expect(link.errors).toEqual([{ path: 'text', message: expect.stringMatching(/only a link.*`url`/) }])
    const html = await expectProblem(await postTranslation({ text: nantesPage() }), 400, 'invalid-request')
    expect(html.errors).toEqual([{ path: 'text', message: expect.stringMatching(/whole HTML page.*text\/html/) }])
    expect(model.calls).toEqual([])
  })

  it('still translates an article that quotes a link or opens with markup-like text', async () => {
    useFakeModel()
    const withLink = `${BODY[0]}\nLe dossier est en ligne sur ${PAGE_URL}`
    expect(await frenchOf(await postBody(withLink, plain))).toEqual([
      BODY[0],
      `Le dossier est en ligne sur ${PAGE_URL}`,
    ])
    const quoted = `<html> est la balise qui ouvre une page web, explique le formateur.\n${BODY[1]}`
    expect(await frenchOf(await postBody(quoted, plain))).toEqual(quoted.split('\n'))
  })
})

describe('a JSON-LD articleBody written in HTML', () => {
  /** A page its script would draw: the article is only in its JSON-LD. */
  function scriptDrawnPage(articleBody: string): string {
    const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: HEADLINE, articleBody }
    return (
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${HEADLINE}</title>\n` +
      `<script type="application/ld+json">${JSON.stringify(ld)}</script></head>` +
      '<body><div id="root"></div></body></html>'
    )
  }

  it('is read as HTML: one paragraph per <p>, no tags', async () => {
    const model = useFakeModel()
    const articleBody = BODY.map((p) => `<p class="article__paragraph">${p}</p>`).join('\n')
    servePages({ [PAGE_URL]: () => page(scriptDrawnPage(articleBody), 'text/html; charset=utf-8') })
    expect(await frenchOf(await postTranslation({ url: PAGE_URL, summary: 'none' }))).toEqual(ARTICLE)
    expect(
      model
        .translationCalls()
        .flatMap((call) => call.texts)
        .join('\n'),
    ).not.toMatch(/<\/?p\b/)
  })

  it('parts paragraphs at two <br> in a row, joins lines at one, decodes entities, leaves captions out', async () => {
    useFakeModel()
    const [first = '', second = '', third = '', fourth = ''] = BODY
    const articleBody =
      `${first.replace('d’euros', 'd&rsquo;euros').replace('rénover', 'r&eacute;nover')}<br><br>` +
      `${second.replace('a déclaré la maire,', 'a déclaré la maire,<br/>\n')}<br /><br />` +
      '<figure><img src="ecole.jpg"><figcaption>L’école Jules-Verne, en 2025.</figcaption></figure>' +
      `<div><strong>${third.slice(0, 40)}</strong>${third.slice(40)}</div><p>${fourth}</p>`
    servePages({ [PAGE_URL]: () => page(scriptDrawnPage(articleBody), 'text/html; charset=utf-8') })
    expect(await frenchOf(await postTranslation({ url: PAGE_URL, summary: 'none' }))).toEqual(ARTICLE)
  })
})
