import { describe, expect, it } from 'vitest'
import { articleBodyParagraphs } from '../../src/extract/article-body'

const tidy = (parts: string[]) => parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '')

describe('a JSON-LD articleBody', () => {
  it('is split at its line breaks when it is plain text', () => {
    expect(articleBodyParagraphs('Premier paragraphe.\n\nSecond paragraphe.\nTroisième.')).toEqual([
      'Premier paragraphe.',
      'Second paragraphe.',
      'Troisième.',
    ])
  })

  it('is read as HTML when it is: blocks and double breaks part it, source line breaks and one <br> do not', () => {
    const body =
      '<p>Le maire a\nannoncé <em>mardi</em> un plan.</p><p class="x">Il coûtera<br>12 millions.</p>' +
      'Les travaux<br><br/>commencent en 2027.<h2>Le calendrier</h2><ul><li>Mars</li><li>Avril</li></ul>'
    expect(tidy(articleBodyParagraphs(body))).toEqual([
      'Le maire a annoncé mardi un plan.',
      'Il coûtera 12 millions.',
      'Les travaux',
      'commencent en 2027.',
      'Le calendrier',
      'Mars',
      'Avril',
    ])
  })

  it('leaves figures, captions, scripts and comments out, and entities for the caller to decode', () => {
    const body =
      '<p>Le Conseil d&rsquo;État a tranché.</p><figure><img src="a.jpg"><figcaption>Le Conseil, ' +
      'en 2025.</figcaption></figure><!-- pub --><script>track()</script><p>La ville fera appel.</p>'
    expect(tidy(articleBodyParagraphs(body))).toEqual(['Le Conseil d&rsquo;État a tranché.', 'La ville fera appel.'])
  })

  it('is text when it only names a tag, as an article about HTML does', () => {
    const body =
      'Les élèves apprennent que la balise <p> sert à écrire un paragraphe et que <br> force un retour.\n\n' +
      'Selon l’école, le cours dure une heure.'
    expect(articleBodyParagraphs(body)).toEqual([
      'Les élèves apprennent que la balise <p> sert à écrire un paragraphe et que <br> force un retour.',
      'Selon l’école, le cours dure une heure.',
    ])
  })

  it('keeps the lines of a text with an inline tag or two as its paragraphs, tags left out', () => {
    const body =
      'Le conseil a voté le budget, selon <a href="https://www.ouest-france.fr/">Ouest-France</a>.\n\n' +
      'Les travaux commencent en <em>mars</em>.\nLe maire promet une école neuve.'
    expect(articleBodyParagraphs(body)).toEqual([
      'Le conseil a voté le budget, selon Ouest-France.',
      'Les travaux commencent en mars.',
      'Le maire promet une école neuve.',
    ])
  })
})
