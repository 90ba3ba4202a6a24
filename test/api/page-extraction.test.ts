import { describe, expect, it } from 'vitest'
import briefPage from '../../fixtures/pages/brief-incendie.html?raw'
import lefigaro from '../../fixtures/pages/lefigaro-49-3.html?raw'
import renault from '../../fixtures/pages/lemonde-renault.html?raw'
import mediapartFlagOnly from '../../fixtures/pages/mediapart-flag-only.html?raw'
import mediapartFull from '../../fixtures/pages/mediapart-full.html?raw'
import mediapartLaSuite from '../../fixtures/pages/mediapart-la-suite.html?raw'
import mediapartTeaser from '../../fixtures/pages/mediapart-teaser.html?raw'
import brPage from '../../fixtures/pages/om-rennes-br.html?raw'
import h4List from '../../fixtures/pages/om-rennes-h4-list.html?raw'
import jsonLdBody from '../../fixtures/pages/om-rennes-json-ld-body.html?raw'
import logoH1 from '../../fixtures/pages/om-rennes-logo-h1.html?raw'
import mostRead from '../../fixtures/pages/om-rennes-most-read.html?raw'
import nestedArticle from '../../fixtures/pages/om-rennes-nested-article.html?raw'
import newsletterH2 from '../../fixtures/pages/om-rennes-newsletter-h2.html?raw'
import relatedLink from '../../fixtures/pages/om-rennes-related-link.html?raw'
import ouestfrance from '../../fixtures/pages/ouestfrance-om-rennes.html?raw'
import headerH1 from '../../fixtures/pages/om-rennes-header-h1.html?raw'
import tribuneAbonnes from '../../fixtures/pages/om-rennes-tribune-abonnes.html?raw'
import piscineAbonnes from '../../fixtures/pages/nantes-piscine-abonnes.html?raw'
import twentyMinutes from '../../fixtures/pages/20minutes-1er-janvier.html?raw'
import { TranslationResult } from '../../src/schemas/response'
import { expectProblem, postTranslation } from '../support/api'
import { useFakeModel } from '../support/fake-model'

const HTML = { 'Content-Type': 'text/html; charset=utf-8' }

// The match report most of the small pages are built around, paragraph by paragraph.
const OM_TITLE = "Ligue 1. L'OM renverse Rennes au Vélodrome (3-1)"
const OM = [
  "Porté par un doublé de Mason Greenwood, l'Olympique de Marseille a battu le Stade rennais 3-1, samedi 28 " +
    'novembre, au Vélodrome, et remonte à la deuxième place de la Ligue 1.',
  "Les Rennais avaient pourtant ouvert le score dès la 9e minute, sur une tête d'Arnaud Kalimuendo consécutive à " +
    'un corner mal repoussé.',
  "Greenwood a égalisé à la 45e+2 d'une frappe enroulée, juste avant la pause, avant de donner l'avantage aux " +
    "siens à l'heure de jeu (61e) sur penalty.",
  "En seconde mi-temps, les Bretons ont réduit à dix après l'expulsion de leur défenseur Christopher Wooh (67e), " +
    'et Amine Harit a scellé le score à la 84e.',
  "« On n'a pas été bons pendant vingt minutes, mais on n'a jamais paniqué », a résumé l'entraîneur marseillais, " +
    'Roberto De Zerbi.',
  "Avec 29 points en 13 journées, l'OM compte désormais quatre longueurs de retard sur le Paris Saint-Germain, " +
    'vainqueur 2-0 à Lens vendredi. Rennes reste 11e avec 17 points.',
] as const

const LYON_TITLE = 'À Lyon, un budget de rigueur'
const LYON_STANDFIRST =
  "La mairie de Lyon a voté jeudi un budget de 812 millions d'euros pour 2027, en baisse de 4,2 % par rapport à " +
  'cette année.'

/** Posts a saved page and returns its result: every paragraph's French, in order, and the source. */
async function translatePage(page: string) {
  useFakeModel()
  const res = await postTranslation(page, { headers: HTML, query: '?summary=none' })
  expect(res.status).toBe(200)
  const result = TranslationResult.parse(await res.json())
  return { fr: result.paragraphs.map((p) => p.fr), roles: result.paragraphs.map((p) => p.role), result }
}

describe('a page whose paragraph also matches a clutter rule', () => {
  it('keeps every paragraph after a "Lire aussi" paragraph (<p class="related-link">)', async () => {
    const { fr, result } = await translatePage(relatedLink)
    expect(fr).toEqual([OM_TITLE, ...OM.slice(0, 4)])
    expect(result.source?.title).toBe(OM_TITLE)
  })

  it(
    'reads the Le Monde page whose "Lire aussi" is a <p class="article__paragraph article__siblings">, with its ' +
      'subhead, and without the comments after the nested <article>',
    async () => {
      const { fr, roles, result } = await translatePage(renault)
      const title = "Renault : le chiffre d'affaires progresse de 3,5 % au troisième trimestre"
      expect(fr).toEqual([
        title,
        'Les ventes de voitures électriques ont bondi, portées par la Renault 5.',
        "Le chiffre d'affaires de Renault a atteint 11 234,5 M€ au troisième trimestre 2026, en hausse de 3,5 % sur " +
          'un an, a annoncé le constructeur jeudi 23 octobre.',
        "La marge opérationnelle s'établit à 7,8 %, soit +0,2 point par rapport au T3 2025, malgré un marché " +
          'européen en recul de 1,9 %.',
        'Les véhicules électriques en forte hausse',
        'Les ventes de véhicules électriques ont bondi de 41 %, à 62 300 unités, portées par la Renault 5, vendue à ' +
          'partir de 25 000 € avant le bonus écologique.',
        "Le groupe ne relève pas son objectif annuel : il table toujours sur une marge « d'au moins 7 % » et sur un " +
          "flux de trésorerie disponible supérieur à 2 milliards d'euros.",
        'Pour les ménages, la prime à la conversion reste plafonnée à 10 000 € pour les revenus les plus modestes, a ' +
          'rappelé Bercy.',
        "À la Bourse de Paris, l'action gagnait 2,35 % à 44,12 euros vers 11 heures.",
      ])
      expect(roles.slice(0, 3)).toEqual(['headline', 'standfirst', undefined])
      expect(result.source).toMatchObject({ title, byline: 'Camille Dupont', site: 'Le Monde.fr' })
    },
  )

  it('keeps the paragraph after a newsletter subhead (<h2 class="newsletter-title">), not the subhead', async () => {
    const { fr } = await translatePage(newsletterH2)
    expect(fr).toEqual([
      OM_TITLE,
      ...OM,
      'Les Marseillais se déplaceront à Monaco samedi prochain pour la 14e journée, avant de recevoir Lille en ' +
        'Coupe de France.',
    ])
  })

  it('leaves out the reactions after an <article class="article-body"> nested in the page', async () => {
    const { fr } = await translatePage(nestedArticle)
    expect(fr).toEqual([OM_TITLE, OM[0], OM[1]])
  })

  it('leaves out a "Les plus lus" block after a Libération-like <article class="article-body-wrapper">', async () => {
    const { fr } = await translatePage(mostRead)
    expect(fr).toEqual([OM_TITLE, ...OM.slice(0, 5)])
  })
})

describe('the layouts of an article body', () => {
  it('reads each list item and each <h2> subhead as a paragraph, without a list marker', async () => {
    const { fr, result } = await translatePage(twentyMinutes)
    const title = 'Chèque énergie, smic, retraites : ce qui change au 1er janvier 2027'
    expect(fr).toEqual([
      title,
      "Comme chaque année, le passage à la nouvelle année s'accompagne de plusieurs mesures touchant le " +
        'portefeuille des Français. Voici les principales.',
      'Le smic revalorisé',
      'Le salaire minimum augmentera de 1,8 % au 1er janvier, pour atteindre 1 831,43 euros brut par mois pour un ' +
        "temps plein, soit 12,08 euros de l'heure.",
      'Les retraites de base',
      'Les pensions de base seront revalorisées de 1,1 %, selon les règles suivantes :',
      "la hausse s'applique dès la pension versée début février ;",
      'les retraites complémentaires Agirc-Arrco ne sont pas concernées ;',
      'le minimum vieillesse passe à 1 034 euros par mois pour une personne seule.',
      'Le chèque énergie',
      'Son montant, de 48 à 277 euros, ne change pas.',
      'Il sera envoyé automatiquement à 5,6 millions de ménages à partir du 2 avril.',
    ])
    expect(result.source?.title).toBe(title)
  })

  it('reads an <h4> subhead and <li> items in their place, and a quote in a <blockquote>', async () => {
    const { fr } = await translatePage(h4List)
    expect(fr).toEqual([OM_TITLE, OM[0], 'Le match', ...OM.slice(1)])
  })

  it('parts text written in one <div> with <br><br> into its paragraphs', async () => {
    const { fr } = await translatePage(brPage)
    expect(fr).toEqual([OM_TITLE, ...OM])
  })

  it("reads the JSON-LD articleBody of a page whose text the site's script would draw", async () => {
    const { fr } = await translatePage(jsonLdBody)
    expect(fr).toEqual([OM_TITLE, ...OM.slice(0, 3)])
  })

  it('takes a one-paragraph brief that the page declares an article', async () => {
    const { fr, result } = await translatePage(briefPage)
    const title = 'Paris : incendie rue de Crimée'
    expect(fr).toEqual([
      title,
      "Un incendie s'est déclaré dimanche vers 3 heures dans un immeuble de la rue de Crimée, à Paris (19e). Les " +
        'pompiers ont évacué 42 personnes ; deux ont été légèrement blessées.',
    ])
    expect(result.source?.title).toBe(title)
  })
})

describe('what a reader skips on a page', () => {
  it('leaves out a photo caption (<p class="legende">) and the comments', async () => {
    const { fr, result } = await translatePage(ouestfrance)
    expect(fr).toEqual([OM_TITLE, ...OM])
    expect(result.source).toMatchObject({ title: OM_TITLE, byline: 'Ouest-France', site: 'Ouest-France.fr' })
  })

  it('leaves out Le Figaro\'s "Offre spéciale" box, its "À lire aussi" and its comments', async () => {
    const { fr, roles } = await translatePage(lefigaro)
    expect(fr).toEqual([
      'Budget 2027 : le gouvernement dégaine le 49.3 pour la troisième fois',
      'Les oppositions de gauche et de droite ont déposé deux motions de censure, examinées jeudi.',
      'Le gouvernement a engagé, mardi 25 novembre, sa responsabilité sur le projet de loi de finances pour 2027 en ' +
        "recourant à l'article 49.3 de la Constitution, pour la troisième fois depuis la rentrée.",
      'Les députés de La France insoumise et du Rassemblement national ont aussitôt annoncé le dépôt de deux motions ' +
        'de censure, qui seront examinées jeudi.',
      "Pour être adoptée, une motion doit recueillir la majorité absolue des membres de l'Assemblée, soit 289 voix ; " +
        "la dernière, en octobre, n'en avait obtenu que 271.",
      "Le texte reprend l'article 12 de la loi n° 2024-123 du 14 février 2024, qui n'avait jamais été appliqué faute " +
        "de décret d'application.",
      "Le Conseil constitutionnel, saisi par soixante sénateurs, devra se prononcer dans un délai d'un mois, " +
        "conformément à l'article 61 de la Constitution.",
      "« Ce n'est pas un passage en force, c'est la Constitution », a défendu la première ministre, Élisabeth " +
        "Borne, devant l'hémicycle.",
    ])
    expect(roles.slice(0, 2)).toEqual(['headline', 'standfirst'])
  })

  it("takes the article's <h1> for the headline, not the site's logo in an <h1> of the page header", async () => {
    const { fr, result } = await translatePage(logoH1)
    expect(fr).toEqual([OM_TITLE, ...OM])
    expect(result.source?.title).toBe(OM_TITLE)
  })

  it(
    "takes the page header's <h1> over a <title> that ends with the site's name, and leaves out its " +
      '"Publié le" line',
    async () => {
      const { fr, result } = await translatePage(headerH1)
      expect(fr).toEqual([OM_TITLE, ...OM.slice(0, 4)])
      expect(result.source?.title).toBe(OM_TITLE)
    },
  )
})

describe('subscribers-only pages', () => {
  it('keeps a sentence of the article that mentions seats "réservée aux abonnés"', async () => {
    const { fr } = await translatePage(tribuneAbonnes)
    expect(fr).toEqual([
      OM_TITLE,
      ...OM.slice(0, 4),
      'La tribune Ganay, réservée aux abonnés, était pleine samedi soir pour accueillir les joueurs.',
    ])
  })

  it('translates a free two-paragraph brief that mentions a pool "réservé aux abonnés le matin"', async () => {
    const { fr, result } = await translatePage(piscineAbonnes)
    const title = 'Nantes : la piscine Léo-Lagrange rouvre ses portes lundi'
    expect(fr).toEqual([
      title,
      'Fermée depuis dix-huit mois pour travaux, la piscine Léo-Lagrange de Nantes rouvrira lundi 1er décembre, a ' +
        "annoncé la mairie, qui a investi 6,2 millions d'euros dans sa rénovation.",
      "Le nouveau bassin nordique, réservé aux abonnés le matin, sera ouvert à tous l'après-midi, de 12 heures à 20 " +
        'heures, au tarif de 3,20 euros.',
    ])
    expect(result.source?.title).toBe(title)
  })

  it('refuses a teaser that says "La lecture des articles est réservée aux abonné·es"', async () => {
    const problem = await expectProblem(
      await postTranslation(mediapartTeaser, { headers: HTML }),
      422,
      'paywalled-article',
    )
    expect(problem.visible_paragraphs).toBe(2)
  })

  it('refuses a teaser that says "La suite de cet article est réservée aux abonnés"', async () => {
    const problem = await expectProblem(
      await postTranslation(mediapartLaSuite, { headers: HTML }),
      422,
      'paywalled-article',
    )
    expect(problem.visible_paragraphs).toBe(2)
  })

  it('refuses a teaser that only its JSON-LD (isAccessibleForFree: false) marks', async () => {
    const problem = await expectProblem(
      await postTranslation(mediapartFlagOnly, { headers: HTML }),
      422,
      'paywalled-article',
    )
    expect(problem.visible_paragraphs).toBe(2)
  })

  it("translates a subscriber's saved page: the same flag and label, with the whole text there", async () => {
    const { fr, roles } = await translatePage(mediapartFull)
    expect(fr).toEqual([
      LYON_TITLE,
      LYON_STANDFIRST,
      "Le maire, Grégory Doucet, a assuré que les impôts locaux n'augmenteraient pas. L'opposition dénonce un " +
        'budget « insincère ».',
      "Les investissements baissent de 60 millions d'euros. Trois projets de pistes cyclables sont reportés à 2028. " +
        'Le chantier de la piscine du Rhône est maintenu.',
      "Les dépenses de personnel, premier poste du budget, progressent de 1,9 %, sous l'effet de la revalorisation " +
        "du point d'indice décidée par l'État au printemps.",
      'Pour compenser, la municipalité prévoit de ne pas remplacer une partie des départs à la retraite et de ' +
        'fermer deux bibliothèques de quartier le lundi.',
      "« Nous faisons le choix de protéger les services essentiels plutôt que d'augmenter les impôts », a défendu " +
        "l'adjointe aux finances, Audrey Hénocque, devant le conseil municipal.",
      'Le budget a été adopté par 45 voix contre 20. Les élus de la droite et du centre ont voté contre ; le groupe ' +
        "communiste s'est abstenu.",
    ])
    expect(roles.slice(0, 2)).toEqual(['headline', 'standfirst'])
  })
})
