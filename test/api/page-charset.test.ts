import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import lemonde from '../../fixtures/pages/lemonde-trains-de-nuit.html?raw'
import { TranslationResult } from '../../src/schemas/response'
import { AUTH, BASE, expectProblem } from '../support/api'
import { useFakeModel } from '../support/fake-model'

// The page's characters above Latin-1, where windows-1252 (what browsers read for
// iso-8859-1) puts them; the rest of Latin-1 is one byte each, as it is.
const WINDOWS_1252: Record<string, number> = { '’': 0x92, '–': 0x96 }

function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const code = WINDOWS_1252[char] ?? char.charCodeAt(0)
    if (code > 0xff) throw new Error(`the test page has ${char}, which windows-1252 cannot hold`)
    return code
  })
}

function postPage(body: BodyInit, contentType: string, query = ''): Promise<Response> {
  return exports.default.fetch(`${BASE}/v1/translations${query}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...AUTH },
    body,
  })
}

async function paragraphsOf(body: BodyInit, contentType: string): Promise<string[]> {
  const res = await postPage(body, contentType, '?summary=none')
  expect(res.status).toBe(200)
  return TranslationResult.parse(await res.json()).paragraphs.map((p) => p.fr)
}

describe('a page posted in another charset than UTF-8', () => {
  const utf8Page = lemonde
  const latinPage = encodeWindows1252(lemonde.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">'))
  const undeclaredLatinPage = encodeWindows1252(lemonde.replace('<meta charset="utf-8">', ''))

  it('is decoded by the charset its Content-Type declares', async () => {
    useFakeModel()
    const expected = await paragraphsOf(utf8Page, 'text/html; charset=utf-8')
    expect(expected.join('\n')).toContain('l’Italie')
    expect(await paragraphsOf(undeclaredLatinPage, 'text/html; charset=iso-8859-1')).toEqual(expected)
    expect(await paragraphsOf(undeclaredLatinPage, 'text/html; charset="windows-1252"')).toEqual(expected)
  })

  it('is decoded by its own <meta charset> when the Content-Type names none', async () => {
    useFakeModel()
    const expected = await paragraphsOf(utf8Page, 'text/html')
    expect(await paragraphsOf(latinPage, 'text/html')).toEqual(expected)
  })

  it('is read as windows-1252 when it declares no charset and is not UTF-8', async () => {
    useFakeModel()
    const expected = await paragraphsOf(utf8Page, 'text/html')
    expect(await paragraphsOf(undeclaredLatinPage, 'text/html')).toEqual(expected)
  })

  it('is a 415 for a charset the worker does not know; text/plain stays UTF-8 only', async () => {
    useFakeModel()
    await expectProblem(await postPage(utf8Page, 'text/html; charset=klingon'), 415, 'unsupported-media-type')
    await expectProblem(await postPage('Bonjour.', 'text/plain; charset=iso-8859-1'), 415, 'unsupported-media-type')
  })
})
