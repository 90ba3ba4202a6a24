import { describe, expect, it } from 'vitest'
import { joinPieces, toSegments } from '../../src/pipeline/segments'
import { garbledWords, loneSurrogateAt } from '../../src/text/faults'
import { normaliseText } from '../../src/text/normalise'
import { decodeReferences } from '../../src/text/references'
import { cutPieces } from '../../src/text/sentences'
import { foldTerm, TermIndex } from '../../src/text/terms'
import { estimateTokens } from '../../src/text/tokens'

describe('normalising line breaks and invisible characters', () => {
  it('makes VT, FF, NEL and U+2028 line ends, and U+2029 a blank line', () => {
    expect(normaliseText('un\u000Bdeux\u000Ctrois\u0085quatre\u2028cinq\u2029six')).toBe(
      'un\ndeux\ntrois\nquatre\ncinq\n\nsix',
    )
  })

  it('drops soft hyphens and the other invisible format characters, keeping the zero-width joiner of emoji', () => {
    expect(normaliseText('ré\u00ADno\u00ADva\u00ADtion')).toBe('rénovation')
    expect(normaliseText('a\u2060b\u200Cc\u2061d\u206Ae\u180Ef\u034Fg\uFFF9h\u061Ci')).toBe('abcdefghi')
    expect(normaliseText('la famille 👨\u200D👩\u200D👧')).toBe('la famille 👨\u200D👩\u200D👧')
  })
})

describe('HTML character references', () => {
  it('decodes named, decimal and hexadecimal references', () => {
    expect(decodeReferences('d&rsquo;&Eacute;tat, caf&eacute;, &#233;t&#xE9;, &#x2019;, 5&nbsp;%, &oelig;uvre')).toBe(
      'd’État, café, été, ’, 5\u00A0%, œuvre',
    )
  })

  it('reads &#146; and its kin as windows-1252 does, as browsers do', () => {
    expect(decodeReferences('l&#146;&#156;uvre &#128;')).toBe('l’œuvre €')
  })

  it('leaves an ampersand that is no reference, an unknown name and a reference to no character', () => {
    const prose = 'AT&T, R&D, Marks & Spencer, &c., &eacute sans point-virgule, &bogus;, &#xD800;, &#0;, &#x110000;'
    expect(decodeReferences(prose)).toBe(prose)
  })

  it('decodes once: an escaped reference becomes the reference', () => {
    expect(decodeReferences('&amp;eacute; &amp;amp;')).toBe('&eacute; &amp;')
  })
})

describe('glossary terms as typed', () => {
  const has = (text: string, term: string) => new TermIndex(text).has(term)

  it('finds a term whatever apostrophe the term and the text use', () => {
    for (const typed of ["d'État", 'd’État', 'dʼÉtat', 'd‘État'])
      for (const printed of ["d'État", 'd’État', 'dʼÉtat'])
        expect(has(`Le Conseil ${printed} a validé`, `Conseil ${typed}`)).toBe(true)
  })

  it('finds a hyphenated term written with any hyphen, but not with a dash', () => {
    expect(has('le maire de Saint\u2011Étienne', 'Saint-Étienne')).toBe(true)
    expect(has('le maire de Saint-Étienne', 'Saint\u2010Étienne')).toBe(true)
    expect(has('la ligne Paris – Lyon', 'Paris-Lyon')).toBe(false)
  })

  it('finds a quoted term in straight quotes, curly quotes or guillemets with their spaces', () => {
    expect(has('les «\u00A0gilets jaunes\u00A0» ont manifesté', '"gilets jaunes"')).toBe(true)
    expect(has('les “gilets jaunes” ont manifesté', '« gilets jaunes »')).toBe(true)
  })

  it('still tells accents apart, and a term from a longer word', () => {
    expect(has('Le Conseil d’Etat a validé', 'Conseil d’État')).toBe(false)
    expect(has('les Pékinois', 'Pékin')).toBe(false)
  })

  it('folds two spellings matching cannot tell apart to one, and no others', () => {
    expect(foldTerm('Conseil d’État')).toBe(foldTerm("conseil  d'état"))
    expect(foldTerm('Otan')).toBe(foldTerm('otan'))
    // An acronym matches only in capitals: "Otan" finds what "OTAN" does not.
    expect(foldTerm('OTAN')).not.toBe(foldTerm('Otan'))
    expect(foldTerm('Pékin')).toBe(foldTerm('Pe\u0301kin'))
    expect(foldTerm('Saint‑Étienne')).toBe(foldTerm('saint-étienne'))
    expect(foldTerm('Etat')).not.toBe(foldTerm('État'))
  })
})

describe('text a decoder damaged', () => {
  it('finds a lone surrogate, and none in a character beyond the Basic Plane', () => {
    expect(loneSurrogateAt('ab\uD800c')).toBe(2)
    expect(loneSurrogateAt('ab\uDC00')).toBe(2)
    expect(loneSurrogateAt('Paris 🇫🇷')).toBe(-1)
  })

  it('lists the words where U+FFFD replaced letters, each once, not one standing alone', () => {
    expect(
      garbledWords('Le Conseil d\uFFFD\uFFFDtat va r\uFFFDnover ses \uFFFDcoles ; r\uFFFDnover \uFFFD 2027'),
    ).toEqual(['d\uFFFD\uFFFDtat', 'r\uFFFDnover', '\uFFFDcoles'])
    expect(garbledWords('Un symbole \uFFFD perdu.')).toEqual([])
  })

  it('takes a letter beyond the Basic Plane as a letter of the word', () => {
    expect(garbledWords('le mot 𝐀\uFFFD𝐁 ici')).toEqual(['𝐀\uFFFD𝐁'])
  })
})

describe('a word longer than a batch', () => {
  const token = Array.from(
    { length: 12_000 },
    (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[i % 52],
  ).join('')
  const paragraph = `Le fichier joint, encodé en base64, commence ainsi : ${token} et se termine là. Fin.`

  it('is cut inside the word into segments within the budget, none over it', () => {
    const segments = toSegments([{ index: 0, fr: paragraph }], 3_000)
    expect(segments.length).toBeGreaterThan(1)
    for (const segment of segments) expect(estimateTokens(segment.fr)).toBeLessThanOrEqual(3_000)
    // The words before it; its first 10,800 characters; the rest of it, which goes on without a space.
    expect(segments.map((s) => s.fr.length)).toEqual([52, 10_800, 1_200 + ' et se termine là. Fin.'.length])
    expect(segments.map((s) => s.glued === true)).toEqual([false, false, true])
  })

  it('rejoins exactly: nothing lost, nothing added', () => {
    const segments = toSegments([{ index: 0, fr: paragraph }], 3_000)
    expect(
      joinPieces(
        segments.map((s) => s.fr),
        segments,
      ),
    ).toBe(paragraph)
    const pieces = cutPieces(token, 500)
    expect(pieces.length).toBe(7)
    const glued = pieces.map((p) => (p.glued ? { glued: true as const } : {}))
    expect(
      joinPieces(
        pieces.map((p) => p.text),
        glued,
      ),
    ).toBe(token)
  })

  it('never halves a character beyond the Basic Plane', () => {
    const emoji = '😀'.repeat(400)
    const pieces = cutPieces(emoji, 50)
    for (const piece of pieces) expect(piece.text).toMatch(/^(?:😀)+$/u)
    expect(pieces.map((p) => p.text).join('')).toBe(emoji)
  })
})
