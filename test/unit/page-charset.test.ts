import { describe, expect, it } from 'vitest'
import { charsetParameter, decodePage } from '../../src/extract'

// "rénover l’école" in windows-1252: é is 0xE9, ’ is 0x92.
const LEGACY = [0x72, 0xe9, 0x6e, 0x6f, 0x76, 0x65, 0x72, 0x20, 0x6c, 0x92, 0xe9, 0x63, 0x6f, 0x6c, 0x65]
// The same words in UTF-8: é is C3 A9, ’ is E2 80 99.
const UTF8 = [0x72, 0xc3, 0xa9, 0x6e, 0x6f, 0x76, 0x65, 0x72, 0x20, 0x6c, 0xe2, 0x80, 0x99, 0xc3, 0xa9, 0x63, 0x6f]
const UTF8_TAIL = [0x6c, 0x65]
const WORDS = 'rénover l’école'

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))
const page = (head: string, words: number[]) =>
  Uint8Array.from([...ascii(`<html><head>${head}</head><body><p>`), ...words, ...ascii('</p></body></html>')])
const textOf = (html: string) => /<p>(.*)<\/p>/.exec(html)?.[1]

describe('reading a page in the charset its bytes are in', () => {
  it('takes the charset the Content-Type declares over the page’s own', () => {
    // "мир" in KOI8-R is CD C9 D2, which windows-1252 reads "ÍÉÒ".
    expect(textOf(decodePage(page('<meta charset="windows-1252">', [0xcd, 0xc9, 0xd2]), 'koi8-r'))).toBe('мир')
    expect(textOf(decodePage(page('<meta charset="windows-1252">', [0xcd, 0xc9, 0xd2]), undefined))).toBe('ÍÉÒ')
  })

  it('ignores a <meta charset> inside a comment, a script or the body', () => {
    const words = [...UTF8, ...UTF8_TAIL]
    expect(textOf(decodePage(page('<!-- <meta charset="windows-1252"> -->', words), undefined))).toBe(WORDS)
    const script = '<script>document.write(\'<meta charset="windows-1252">\')</script>'
    expect(textOf(decodePage(page(script, words), undefined))).toBe(WORDS)
    const inBody = Uint8Array.from([...ascii('<html><body><meta charset="koi8-r"><p>'), ...words, ...ascii('</p>')])
    expect(textOf(decodePage(inBody, undefined))).toBe(WORDS)
  })

  it('reads a UTF-16 <meta> label as UTF-8, and an unknown one as none', () => {
    const words = [...UTF8, ...UTF8_TAIL]
    expect(textOf(decodePage(page('<meta charset="utf-16">', words), undefined))).toBe(WORDS)
    expect(textOf(decodePage(page('<meta charset="klingon">', LEGACY), undefined))).toBe(WORDS)
  })

  it('reads a UTF-8 page with one stray windows-1252 byte as UTF-8, that byte alone as windows-1252', () => {
    const head = new TextEncoder().encode(
      '<html><head><meta charset="utf-8"></head><body><p>Nantes va rénover ses écoles',
    )
    const page = Uint8Array.from([...head, 0x92, ...new TextEncoder().encode('.</p></body></html>')])
    expect(decodePage(page, 'utf-8')).toContain('Nantes va rénover ses écoles’.')
    expect(decodePage(page, undefined)).toContain('Nantes va rénover ses écoles’.')
  })

  it('reads the charset of a <meta http-equiv> Content-Type, written with a space before it or not', () => {
    // "Le ticket coûte 2 € et l’œuvre" in ISO-8859-15: € is 0xA4 and œ 0xBD there.
    const words = [...new TextEncoder().encode('Le ticket co'), 0xfb, ...new TextEncoder().encode('te 2 '), 0xa4]
    for (const content of ['text/html; charset=iso-8859-15', 'text/html;charset=iso-8859-15']) {
      const head = new TextEncoder().encode(
        `<html><head><meta http-equiv="Content-Type" content="${content}"></head><p>`,
      )
      expect(decodePage(Uint8Array.from([...head, ...words]), undefined)).toContain('Le ticket coûte 2 €')
    }
  })

  it('trusts a byte-order mark first', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...page('<meta charset="windows-1252">', [...UTF8, ...UTF8_TAIL])])
    expect(textOf(decodePage(bom, 'iso-8859-1'))).toBe(WORDS)
  })

  it('reads a page in another declared charset by that charset', () => {
    expect(textOf(decodePage(page('<meta charset="koi8-r">', [0xcd, 0xc9, 0xd2]), undefined))).toBe('мир')
  })

  it('reads the charset parameter of a Content-Type, quoted or not', () => {
    expect(charsetParameter('text/html; charset="Windows-1252"')).toBe('windows-1252')
    expect(charsetParameter('text/html;charset=utf-8')).toBe('utf-8')
    expect(charsetParameter('text/html')).toBeUndefined()
  })
})
