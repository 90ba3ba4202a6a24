import { describe, expect, it } from 'vitest'
import franceinfo from '../../fixtures/pages/franceinfo-inondations.html?raw'
import paywalled from '../../fixtures/pages/lemonde-abonnes.html?raw'
import section from '../../fixtures/pages/lemonde-rubrique-economie.html?raw'
import lemonde from '../../fixtures/pages/lemonde-trains-de-nuit.html?raw'
import liberation from '../../fixtures/pages/liberation-vendanges.html?raw'
import recording from '../../fixtures/recordings/lemonde-trains-de-nuit.json'
import { extractArticle, NotAnArticleError, PaywalledArticleError } from '../../src/extract'
import { splitTitle } from '../../src/extract/metadata'

describe('extracting the article from a French news page', () => {
  it('reads a Le Monde-like page as its headline, standfirst and body, in the recorded order', async () => {
    const article = await extractArticle(lemonde, 'https://www.lemonde.fr/a')
    const [headline, standfirst, ...body] = recording.paragraphs.map((p) => p.fr)
    expect(article.headline).toBe(headline)
    expect(article.standfirst).toBe(standfirst)
    expect(article.paragraphs).toEqual(body)
  })

  it('leaves out navigation, captions, credits, share buttons, "Lire aussi", ads, links, comments', async () => {
    const { paragraphs } = await extractArticle(lemonde, 'https://www.lemonde.fr/a')
    const text = paragraphs.join('\n')
    for (const noise of [
      'Économie',
      'Austerlitz',
      'LUDOVIC MARIN',
      'Partager',
      'Lire aussi',
      'Publicité',
      'Sur le même sujet',
      'Le rail européen',
      'Réagir',
      'Les plus lus',
      '© Le Monde',
      'newsletters',
      'Temps de lecture',
    ]) {
      expect(text, noise).not.toContain(noise)
    }
    // The author's signature under the last paragraph is the byline, not a paragraph.
    expect(paragraphs).not.toContain('Camille Dupont')
  })

  it('takes the byline, date, site and canonical link from JSON-LD and OpenGraph, with entities decoded', async () => {
    const article = await extractArticle(lemonde, 'https://www.lemonde.fr/a')
    expect(article).toMatchObject({
      byline: 'Camille Dupont',
      published: '2026-11-24T18:42:07+01:00',
      site: 'Le Monde.fr',
      canonicalUrl:
        'https://www.lemonde.fr/economie/article/2026/11/24/' +
        'trains-de-nuit-la-sncf-rouvre-trois-lignes_6612345_3234.html',
    })
    expect(article.paragraphs[0]).toContain('450 millions d’euros')
  })

  it(
    'reads a franceinfo-like page: JSON-LD in an @graph, a standfirst in a div, numeric references, an inline ' +
      '"A lire aussi"',
    async () => {
      const article = await extractArticle(franceinfo, 'https://www.francetvinfo.fr/a')
      expect(article.headline).toBe(
        "Inondations dans le Pas-de-Calais : 2 300 foyers privés d'électricité après la crue de l'Aa",
      )
      expect(article.standfirst).toBe(
        'La préfecture a déclenché le plan Orsec. Les pompiers ont procédé à 85 évacuations dans la nuit de ' +
          'dimanche à ' +
          'lundi.',
      )
      expect(article.byline).toBe('franceinfo avec AFP')
      expect(article.site).toBe('Franceinfo')
      expect(article.published).toBe('2026-11-23T09:15:00+01:00')
      expect(article.paragraphs).toEqual([
        "Plus de 2 300 foyers étaient toujours privés d'électricité lundi matin dans le Pas-de-Calais, après la " +
          'crue ' +
          "de l'Aa, selon Enedis. Le fleuve a atteint 4,2 mètres à Saint-Omer, un niveau inédit depuis 2023.",
        'La préfecture a déclenché le plan Orsec dimanche soir. Les pompiers ont procédé à 85 évacuations, ' +
          'principalement à Arques et à Blendecques, et un gymnase a été ouvert pour accueillir les sinistrés.',
        "Météo-France maintient la vigilance orange pour les crues jusqu'à mardi midi. De nouvelles pluies, de " +
          '20 à 30 ' +
          'millimètres, sont attendues sur le littoral.',
      ])
    },
  )

  it(
    'reads a Libération-like page: JSON-LD in a list, a standfirst in an h2, two authors, related links and ' +
      'ads in the body',
    async () => {
      const article = await extractArticle(liberation, 'https://www.liberation.fr/a')
      expect(article.headline).toBe('Vendanges 2026 : une récolte en baisse de 12 % après un été de grêle')
      expect(article.standfirst).toBe(
        'Le ministère de l’Agriculture estime la production à 39 millions d’hectolitres, l’une des plus faibles ' +
          'depuis ' +
          '1957.',
      )
      expect(article.byline).toBe('Léa Moreau, Hugo Bernard')
      expect(article.site).toBe('Libération')
      expect(article.published).toBe('2026-11-26T06:30:00.000Z')
      expect(article.paragraphs).toEqual([
        'La France devrait produire cette année 39 millions d’hectolitres de vin, soit 12 % de moins qu’en 2025, ' +
          'selon ' +
          'une estimation publiée mercredi par le service statistique du ministère de l’Agriculture.',
        'La Bourgogne et le Beaujolais sont les plus touchés : des épisodes de grêle en juillet y ont détruit ' +
          'jusqu’à ' +
          'la moitié des raisins dans certaines parcelles.',
        '« C’est une année noire pour beaucoup de domaines », résume un vigneron de Chablis, qui dit avoir perdu ' +
          '70 % ' +
          'de sa récolte.',
        'Le gouvernement a annoncé un fonds de 80 millions d’euros pour les exploitations les plus fragiles.',
      ])
    },
  )

  it('refuses a subscribers-only stub as paywalled, saying how much was visible', async () => {
    const error = await extractArticle(paywalled, 'https://www.lemonde.fr/b').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PaywalledArticleError)
    expect((error as PaywalledArticleError).problem).toMatchObject({
      status: 422,
      type: 'paywalled-article',
      extensions: { visible_paragraphs: 2 },
    })
  })

  it('refuses a section front that lists articles, and a page with no prose', async () => {
    await expect(extractArticle(section, 'https://www.lemonde.fr/economie/')).rejects.toBeInstanceOf(NotAnArticleError)
    await expect(
      extractArticle('<html><body><h1>Bonjour</h1><p>Rien à lire ici.</p></body></html>', 'The HTML body'),
    ).rejects.toThrow(/too little for an article/)
    await expect(extractArticle('{"text": "Bonjour"}', 'The HTML body')).rejects.toBeInstanceOf(NotAnArticleError)
  })

  it('needs one end-tag callback per element: HTMLRewriter keeps only the last one registered', async () => {
    const ended: string[] = []
    const rewriter = new HTMLRewriter()
      .on('p', { element: (el) => el.onEndTag(() => void ended.push('as a paragraph')) })
      .on('.related', { element: (el) => el.onEndTag(() => void ended.push('as a related link')) })
    await rewriter.transform(new Response('<p class="related">Lire aussi</p>')).arrayBuffer()
    expect(ended).toEqual(['as a related link'])
  })
})

describe('the rules of extraction, on small pages', () => {
  const page = (body: string, head = '<meta property="og:type" content="article">') =>
    `<html><head><title>Le titre de la page</title>${head}</head><body>${body}</body></html>`
  const prose = (n: number) =>
    `Voici la phrase numéro ${n} de l'article : elle est assez longue pour compter comme un vrai paragraphe ` +
    'de prose, avec un sujet, un verbe et un complément.'

  it('leaves out a list of links, a date and tags in a <div>, and a subhead with nothing after it', async () => {
    const article = await extractArticle(
      page(
        '<article><h1>Le titre</h1><div class="article-body">' +
          `<div>Publié le 28 novembre 2026 à 23h12</div><p>${prose(1)}</p><ul><li><a href="/a">Un autre article</a>` +
          `</li></ul><p>${prose(2)}</p><div>Football Ligue 1 Marseille</div><h3>Sur le même sujet</h3></div></article>`,
      ),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([prose(1), prose(2)])
  })

  it('keeps a box named "premium" that holds the article, and leaves out one that sells it', async () => {
    const article = await extractArticle(
      page(
        `<main><h1>Le titre</h1><div class="premium-content"><p>${prose(1)}</p><p>${prose(2)}</p><p>${prose(3)}</p>` +
          '<div class="premium-offer"><p>Offre spéciale : 1 € le premier mois, sans engagement.</p></div></div></main>',
      ),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([prose(1), prose(2), prose(3)])
  })

  it('keeps the text after a paragraph that carries a line break, an <hr> or an image', async () => {
    const article = await extractArticle(
      page(`<article><h1>Le titre</h1><p>${prose(1)}<br>suite.</p><hr><img src="x.jpg"><p>${prose(2)}</p></article>`),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([`${prose(1)} suite.`, prose(2)])
  })

  it('keeps the words of a link or span inside a paragraph whose class sounds like clutter', async () => {
    const article = await extractArticle(
      page(
        '<article><h1>Le titre</h1><p>Le président <a class="tag" href="/sujets/macron">Emmanuel Macron</a> a ' +
          'reçu mardi les syndicats <span class="credit">à l’Élysée</span> pour une réunion de trois heures.</p>' +
          `<p>${prose(1)}</p><p class="tags"><a href="/sujets/macron">Emmanuel Macron</a></p></article>`,
      ),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([
      'Le président Emmanuel Macron a reçu mardi les syndicats à l’Élysée pour une réunion de trois heures.',
      prose(1),
    ])
  })

  it("takes the article's <h1> over the site's name in an <h1> of its header, with no metadata to tell", async () => {
    const article = await extractArticle(
      '<html><body><header><h1>Le Parisien</h1></header><main><article><h1>Le vrai titre</h1>' +
        `<p>${prose(1)}</p><p>${prose(2)}</p></article></main></body></html>`,
      'The HTML body',
    )
    expect(article.headline).toBe('Le vrai titre')
    expect(article.paragraphs).toEqual([prose(1), prose(2)])
  })

  it('reads "isAccessibleForFree": "False" on a part of the article as the subscribers\' mark', async () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Le titre',
      hasPart: [{ '@type': 'WebPageElement', isAccessibleForFree: 'False', cssSelector: '.reserve' }],
    })
    const teaser = page(
      `<article><h1>Le titre</h1><p>${prose(1)}</p><p>${prose(2)}</p></article>`,
      `<script type="application/ld+json">${ld}</script>`,
    )
    await expect(extractArticle(teaser, 'The HTML body')).rejects.toBeInstanceOf(PaywalledArticleError)
    const free = teaser.replace("'False'", "'True'").replace('"False"', '"True"')
    expect((await extractArticle(free, 'The HTML body')).paragraphs).toEqual([prose(1), prose(2)])
  })

  it("reads a short line that is only the label, or a short element marked as one, as subscribers' mark", async () => {
    const body = `<p>${prose(1)}</p><p>${prose(2)}</p>`
    for (const label of [
      '<p>Article réservé aux abonnés</p>',
      '<p class="article__status">Réservé à nos abonnés.</p>',
      '<div class="badge-abonne">Abonnés</div>',
      '<p><span data-premium="true">Exclusif</span></p>',
      '<p>Pour lire la suite, abonnez-vous dès 1 € le premier mois.</p>',
    ]) {
      await expect(
        extractArticle(page(`<article><h1>Le titre</h1>${label}${body}</article>`), 'The HTML body'),
        label,
      ).rejects.toBeInstanceOf(PaywalledArticleError)
    }
  })

  it('keeps sentences that mention subscribers or "la suite" as text, and no label in the site header', async () => {
    const mention = 'Le parking du stade, réservé aux abonnés, a été fermé pendant deux heures après la rencontre.'
    const suite = 'Pour lire la suite de sa carrière, il faut remonter à ses débuts à Manchester, où il a été formé.'
    const article = await extractArticle(
      page(
        '<header><p>Abonnés</p></header>' +
          `<article><h1>Le titre</h1><p>${prose(1)}</p><p>${mention}</p><p>${suite}</p></article>`,
      ),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([prose(1), mention, suite])
  })

  it('leaves out a line that only dates the article, and keeps a sentence that starts like one', async () => {
    const sentence = 'Publié le 3 mars 1857, le roman de Flaubert valut à son auteur un procès pour outrage aux mœurs.'
    const article = await extractArticle(
      page(
        '<article><h1>Le titre</h1><p>Publié le 29 novembre 2026 à 18h42</p>' +
          '<p>Publié le samedi 29 novembre 2026 à 18:42 · Mis à jour le 30/11/2026 à 9h05</p>' +
          `<p>${prose(1)}</p><p>${sentence}</p></article>`,
      ),
      'The HTML body',
    )
    expect(article.paragraphs).toEqual([prose(1), sentence])
  })

  it("takes the header's <h1> over a bare <title>, and a <title> less its site's name over a logo's <h1>", async () => {
    const body = `<div class="content"><p>${prose(1)}</p><p>${prose(2)}</p></div>`
    const headerH1 = await extractArticle(
      '<html><head><title>OM</title></head><body><header><h1>L’OM renverse Rennes</h1></header>' +
        `${body}</body></html>`,
      'The HTML body',
    )
    expect(headerH1.headline).toBe('L’OM renverse Rennes')
    const logo = await extractArticle(
      '<html><head><title>L’OM renverse Rennes | Le Parisien</title></head><body><header><h1>' +
        `<a href="/">Le Parisien</a></h1></header>${body}</body></html>`,
      'The HTML body',
    )
    expect(logo.headline).toBe('L’OM renverse Rennes')
    const siteName = await extractArticle(
      '<html><head><title>L’OM renverse Rennes - Ouest-France</title></head><body><header><h1>Ouest-France</h1>' +
        `</header>${body}</body></html>`,
      'The HTML body',
    )
    expect(siteName.headline).toBe('L’OM renverse Rennes')
  })

  it("cuts the site's name off the end of a <title>, not the end of a headline", () => {
    expect(splitTitle('Ligue 1 : l’OM renverse Rennes - Le Parisien')).toEqual({
      headline: 'Ligue 1 : l’OM renverse Rennes',
      site: 'Le Parisien',
    })
    expect(splitTitle('Budget : le 49.3 | Le Monde.fr').headline).toBe('Budget : le 49.3')
    expect(splitTitle('Inondations – franceinfo', 'franceinfo').headline).toBe('Inondations')
    expect(splitTitle('Guerre en Ukraine - Kiev bombardée dans la nuit')).toEqual({
      headline: 'Guerre en Ukraine - Kiev bombardée dans la nuit',
    })
    expect(splitTitle('Score final : 3-1').headline).toBe('Score final : 3-1')
  })

  it('refuses one short paragraph, even on a page that declares itself an article', async () => {
    await expect(
      extractArticle(
        page('<article><h1>Le titre</h1><p>Un incendie s’est déclaré dimanche rue de Crimée, à Paris.</p></article>'),
        'The HTML body',
      ),
    ).rejects.toThrow(/1 paragraph of prose/)
  })
})
