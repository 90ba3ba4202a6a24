import { describe, expect, it } from 'vitest'
import { TranslationResult } from '../../src/schemas/response'
import { get, postTranslation } from '../support/api'
import { useFakeModel } from '../support/fake-model'

// A regional paper's page whose byline holds the author and the date in one line.
const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Lyon veut planter 12 000 arbres d’ici à 2030 – Le Progrès</title>
<meta property="og:site_name" content="Le Progrès"></head><body>
<nav><a href="/">Accueil</a> <a href="/lyon">Lyon</a></nav>
<article><h1>Lyon veut planter 12 000 arbres d’ici à 2030</h1>
<p class="byline">Par <a href="/auteur/marie">Marie Martin</a> — <time datetime="2026-11-23T08:00:00+01:00">23
novembre 2026</time></p>
<p>La mairie de Lyon a présenté lundi un plan de 85 millions d’euros pour planter 12 000 arbres d’ici à 2030 dans
les quartiers les plus exposés à la chaleur.</p>
<p>Selon Météo-France, la température moyenne de la ville a augmenté de 2,1 °C depuis 1950, et les nuits
tropicales y sont trois fois plus fréquentes qu’il y a trente ans.</p>
<p>Les premiers chantiers doivent commencer en mars dans les 8e et 9e arrondissements.</p>
</article><footer>© Le Progrès 2026</footer></body></html>`

describe('a page whose byline also dates the article', () => {
  it('credits the author alone, and the reading page shows the date once', async () => {
    useFakeModel()
    const res = await postTranslation(PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8' } })
    expect(res.status).toBe(200)
    const result = TranslationResult.parse(await res.json())
    expect(result.source).toMatchObject({
      site: 'Le Progrès',
      byline: 'Marie Martin',
      published: '2026-11-23T08:00:00+01:00',
    })

    const html = await (await get(`/v1/translations/${result.id}`, { Accept: 'text/html' })).text()
    expect(html).toContain('<span class="byline">Marie Martin</span>')
    expect(html.match(/23 (?:November|novembre) 2026/g)).toHaveLength(1)
  })
})
