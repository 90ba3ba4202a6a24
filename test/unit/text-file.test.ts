import { describe, expect, it } from 'vitest'
import { decodeTextFile } from '../../src/page/text'

// "Le Conseil d’État a validé" as three editors save it.
const WORDS = 'Le Conseil d’État a validé'
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))
// windows-1252: ’ is 0x92, É 0xC9, é 0xE9.
const LEGACY = [...ascii('Le Conseil d'), 0x92, 0xc9, ...ascii('tat a valid'), 0xe9]
// UTF-8: ’ is E2 80 99, É C3 89, é C3 A9.
const UTF8 = [...ascii('Le Conseil d'), 0xe2, 0x80, 0x99, 0xc3, 0x89, ...ascii('tat a valid'), 0xc3, 0xa9]
// UTF-16 little-endian with its byte-order mark: each character two bytes, low first.
const UTF16 = [0xff, 0xfe, ...Array.from(WORDS, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]

describe('a text file picked on the reading page', () => {
  it('is read as UTF-8 when its bytes are UTF-8, with or without a byte-order mark', () => {
    expect(decodeTextFile(Uint8Array.from(UTF8))).toBe(WORDS)
    expect(decodeTextFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...UTF8]))).toBe(WORDS)
  })

  it('is read as windows-1252 when its bytes are not UTF-8, never with U+FFFD', () => {
    expect(decodeTextFile(Uint8Array.from(LEGACY))).toBe(WORDS)
  })

  it('is read as UTF-16 when its byte-order mark says so', () => {
    expect(decodeTextFile(Uint8Array.from(UTF16))).toBe(WORDS)
  })

  it('keeps UTF-8 text UTF-8 when one stray windows-1252 byte is in it, reading that byte as windows-1252', () => {
    // "Les syndicats’ … validé": UTF-8 throughout but for one windows-1252 apostrophe (0x92).
    const mixed = [...ascii('Les syndicats'), 0x92, ...ascii(' : '), ...UTF8]
    expect(decodeTextFile(Uint8Array.from(mixed))).toBe(`Les syndicats’ : ${WORDS}`)
    // A lead byte without its continuation, at the end or before ASCII, is a stray byte too.
    expect(decodeTextFile(Uint8Array.from([...UTF8, 0xc3]))).toBe(`${WORDS}Ã`)
    expect(decodeTextFile(Uint8Array.from([...UTF8, 0xe9, ...ascii(' et')]))).toBe(`${WORDS}é et`)
  })

  it('reads windows-1252 whose bytes happen to form UTF-8 as windows-1252: « allé » stays « allé »', () => {
    // é, a no-break space and » are E9 A0 BB in windows-1252: a valid UTF-8 sequence, of a CJK character.
    const legacy = [
      0xab,
      0xa0,
      ...ascii('Il est all'),
      0xe9,
      0xa0,
      0xbb,
      ...ascii(', a dit '),
      0xc9,
      0xa0,
      ...ascii('ric'),
    ]
    expect(decodeTextFile(Uint8Array.from(legacy))).toBe('«\u00a0Il est allé\u00a0», a dit É\u00a0ric')
    // The same with one real UTF-8 letter elsewhere: each part read as what it is.
    expect(decodeTextFile(Uint8Array.from([...legacy, 0x20, 0xc3, 0xa9]))).toBe(
      '«\u00a0Il est allé\u00a0», a dit É\u00a0ric é',
    )
  })
})
