import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../src/extract'
import { bylineAuthors } from '../../src/extract/byline'

// A short article around a byline written the way French news sites write them.
function page(byline: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Lyon – Le Progrès</title></head>
<body><article><h1>Lyon veut planter 12 000 arbres d’ici à 2030</h1>
${byline}
<p>La mairie de Lyon a présenté lundi un plan de 85 millions d’euros pour planter 12 000 arbres d’ici à 2030 dans
les quartiers les plus exposés à la chaleur.</p>
<p>Selon Météo-France, la température moyenne de la ville a augmenté de 2,1 °C depuis 1950, et les nuits tropicales
y sont trois fois plus fréquentes qu’il y a trente ans.</p>
<p>Les premiers chantiers doivent commencer en mars dans les 8e et 9e arrondissements.</p>
</article></body></html>`
}

describe('the byline of a page', () => {
  it('names the author without the <time> that follows in the same line', async () => {
    const article = await extractArticle(
      page(
        '<p class="byline">Par <a href="/auteur/marie">Marie Martin</a> — ' +
          '<time datetime="2026-11-23T08:00:00+01:00">23 novembre 2026</time></p>',
      ),
      'https://www.leprogres.fr/a',
    )
    expect(article.byline).toBe('Marie Martin')
    expect(article.published).toBe('2026-11-23T08:00:00+01:00')
    expect(article.paragraphs.join('\n')).not.toContain('Marie Martin')
  })

  it('leaves out a date written as text, and the "Publié le" and "Mis à jour le" notes', async () => {
    const shapes = [
      '<div class="article__author">Par Marie Martin — 23 novembre 2026</div>',
      '<div class="signature">Marie Martin | Publié le 23/11/2026 à 08h00</div>',
      '<div class="byline">Par Marie Martin<br>Mis à jour le 24 novembre 2026 à 10 h 15</div>',
      '<div class="byline">Marie Martin, le <time datetime="2026-11-23">lundi 23 novembre</time></div>',
    ]
    for (const shape of shapes) {
      const article = await extractArticle(page(shape), 'https://www.leprogres.fr/a')
      expect(article.byline, shape).toBe('Marie Martin')
      expect(article.paragraphs.join('\n'), shape).not.toContain('Marie Martin')
    }
  })

  it('falls back to the next byline element when the first holds only a date', async () => {
    const article = await extractArticle(
      page(
        '<span class="byline-date">Publié le 23 novembre 2026</span>' +
          '<span class="author">Par Marie Martin et Paul Durand</span>',
      ),
      'https://www.leprogres.fr/a',
    )
    expect(article.byline).toBe('Marie Martin et Paul Durand')
  })
})

describe('reading the authors out of a byline', () => {
  it('keeps names, agencies and several authors as written', () => {
    expect(bylineAuthors('Par Marie Martin')).toBe('Marie Martin')
    expect(bylineAuthors('franceinfo avec AFP')).toBe('franceinfo avec AFP')
    expect(bylineAuthors('Léa Moreau, Hugo Bernard')).toBe('Léa Moreau, Hugo Bernard')
    expect(bylineAuthors('Par Jean-Pierre Le Goff (Le Monde)')).toBe('Jean-Pierre Le Goff (Le Monde)')
    expect(bylineAuthors('By Marie Martin')).toBe('Marie Martin')
  })

  it('drops a date after a dash, a bar, a dot or a comma', () => {
    expect(bylineAuthors('Par Marie Martin — 23 novembre 2026')).toBe('Marie Martin')
    expect(bylineAuthors('Par Marie Martin – 1er déc. 2026')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin · 23/11/2026')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin, le 23 novembre 2026 à 8h00')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin - 2026-11-23')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin (23 novembre 2026)')).toBe('Marie Martin')
  })

  it('drops the notes about publication and updates, before or after the names', () => {
    expect(bylineAuthors('Par Marie Martin | Publié le 23 novembre 2026 à 08h00')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin Mis à jour le 24/11/2026 à 10h15')).toBe('Marie Martin')
    expect(bylineAuthors('Par Marie Martin, publiée aujourd’hui à 9h00')).toBe('Marie Martin')
    expect(bylineAuthors('Publié le 23 novembre 2026 | Par Marie Martin')).toBe('Marie Martin')
    expect(bylineAuthors('Mis à jour le 24/11/2026 à 10h15 par Marie Martin')).toBe('Marie Martin')
    expect(bylineAuthors('Marie Martin | il y a 3 heures')).toBe('Marie Martin')
    expect(bylineAuthors('Par Jean Dupont. Publié hier à 18h')).toBe('Jean Dupont')
  })

  it('keeps a surname that starts like a publication note', () => {
    expect(bylineAuthors('Par Jean Postel')).toBe('Jean Postel')
    expect(bylineAuthors('Par Olivier Postel-Vinay — 23 novembre 2026')).toBe('Olivier Postel-Vinay')
    expect(bylineAuthors('Par Nicolas Publier')).toBe('Nicolas Publier')
    expect(bylineAuthors('Par Marie Martin et Jean Postel | Publié le 23/11/2026')).toBe('Marie Martin et Jean Postel')
  })

  it('finds nobody in a line that only dates the article', () => {
    expect(bylineAuthors('Publié le 23 novembre 2026')).toBeUndefined()
    expect(bylineAuthors('lundi 23 novembre 2026')).toBeUndefined()
    expect(bylineAuthors('Par')).toBeUndefined()
  })
})
