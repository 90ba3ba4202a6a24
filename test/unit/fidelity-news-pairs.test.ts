import { describe, expect, it } from 'vitest'
import { checkEnglishText, checkSummary, findDoubts } from '../../src/fidelity/checks'
import type { ChatResult } from '../../src/model/client'
import { ModelOutputError } from '../../src/model/errors'
import type { Terms } from '../../src/text/glossary'

// Faithful news renderings written for this file (none from the tester's articles nor the corpora),
// each with what a careful translator does: a headline's colon, a French title kept, a figure written
// the English way, a name rendered by its English name, a negation rendered by a negative verb.

/** What the checks say about one paragraph: the hard failure's reason, or the doubts (none: clean). */
function verdict(fr: string, en: string, terms: Terms = []): string[] {
  try {
    checkEnglishText(en, fr, 'p0')
  } catch (error) {
    if (error instanceof ModelOutputError) return [`rejected: ${error.reason}`]
    throw error
  }
  return findDoubts(fr, en, terms)
}

const expectClean = (fr: string, en: string, terms: Terms = []) => expect(verdict(fr, en, terms)).toEqual([])
const expectCaught = (fr: string, en: string, terms: Terms = []) => expect(verdict(fr, en, terms)).not.toEqual([])
const expectRejected = (fr: string, en: string, reason: string) =>
  expect(verdict(fr, en)).toEqual([`rejected: ${reason}`])

describe('a headline written with a colon', () => {
  const cases: Array<[string, string]> = [
    ['Grève à la SNCF, 300 trains supprimés ce week-end', 'SNCF strike: 300 trains cancelled this weekend'],
    ['Le prix du gazole recule de 4 centimes en une semaine', 'Diesel: price down 4 cents in a week'],
    ['Législative partielle dans le Gard, le RN arrive en tête', 'Gard by-election: the RN comes out on top'],
  ]

  it.each(cases)('is served as a headline: %s', (fr, en) => expectClean(fr, en))

  it('is still commentary when the opening talks about the text', () => {
    const [fr, en] = cases[0] as [string, string]
    expectRejected(fr, `Translation: ${en}`, 'commentary')
    expectRejected(fr, `Here is the English version: ${en}`, 'commentary')
    expectRejected(fr, `The text reads: ${en}`, 'commentary')
    expectRejected(fr, `Below you will find it: ${en}`, 'commentary')
  })
})

describe('an English that keeps a French title or name', () => {
  it('is not a copy of the French', () => {
    expectClean(
      '« Le Rouge et le Noir » de Stendhal, mis en scène par la Comédie-Française',
      '"Le Rouge et le Noir" by Stendhal, staged by the Comédie-Française',
    )
    expectClean(
      'Avec La Grande Vadrouille, diffusée dimanche soir, la chaîne a réuni 4,2 millions de téléspectateurs.',
      'With La Grande Vadrouille, shown on Sunday evening, the channel drew 4.2 million viewers.',
    )
  })

  it('is a copy when its own prose is French', () => {
    const fr = 'La Grande Vadrouille a été diffusée dimanche et la chaîne a réuni des millions de spectateurs.'
    expectRejected(fr, fr, 'copied-french')
    expectRejected(
      fr,
      'La Grande Vadrouille a été shown on Sunday et la chaîne a réuni des millions de viewers.',
      'copied-french',
    )
  })
})

describe('figures written the English way', () => {
  const cases: Array<[string, string]> = [
    [
      'Le budget de la métropole atteint 1 482,6 M€ cette année.',
      "The metropolis's budget reaches €1,482.6 million this year.",
    ],
    ['La région a investi 3,4 Md€ dans ses lycées.', 'The region has invested €3.4 billion in its high schools.'],
    ['Le maire a obtenu 75 k€ pour la crèche.', 'The mayor got €75,000 for the nursery.'],
    [
      'Le marathon a été bouclé en 2 h 15 par le vainqueur.',
      'The winner completed the marathon in 2 hours 15 minutes.',
    ],
    ['La fermeture du pont durera vingt et un jours.', 'The bridge will be closed for three weeks.'],
    ['La commune veut baisser de 50 % sa facture d’éclairage.', 'The town wants to halve its street-lighting bill.'],
    ['La pharmacie de garde est ouverte 7 jours sur 7.', 'The duty pharmacy is open seven days a week.'],
    [
      'Les cérémonies du 11-Novembre auront lieu devant le monument.',
      'The Armistice Day ceremonies will take place at the memorial.',
    ],
    ['L’ordonnance n° 2019-35 encadre les loyers.', 'Ordinance No. 2019-35 regulates rents.'],
  ]

  it.each(cases)('is the French figure: %s', (fr, en) => expectClean(fr, en))

  it('still catches a changed figure', () => {
    const changed: Array<[number, string]> = [
      [0, "The metropolis's budget reaches €1,428.6 million this year."],
      [1, 'The region has invested €4.3 billion in its high schools.'],
      [2, 'The mayor got €57,000 for the nursery.'],
      [3, 'The winner completed the marathon in 2 hours 25 minutes.'],
      [4, 'The bridge will be closed for four weeks.'],
      [6, 'The duty pharmacy is open six days a week.'],
      [8, 'Ordinance No. 2019-36 regulates rents.'],
      [8, 'Ordinance No. 2019-35 does not regulate rents.'],
    ]
    for (const [i, en] of changed) expectCaught((cases[i] as [string, string])[0], en)
  })
})

describe('names a faithful English renders its own way', () => {
  it('does not take the first word of a list item for a name', () => {
    expectClean(
      'Les mesures prévues :\n• Leur coût, de 12 à 40 euros, reste stable.',
      'The planned measures:\n• Their cost, from 12 to 40 euros, stays the same.',
    )
    expectClean(
      'Au programme :\n- Ses concerts reprennent le 4 mars.',
      'On the programme:\n- Its concerts resume on March 4.',
    )
  })

  it('takes a name the glossary renders as carried', () => {
    const terms: Terms = [['La France insoumise', 'France Unbowed']]
    expectClean(
      'Les députés de La France insoumise ont quitté l’hémicycle mardi.',
      'France Unbowed MPs walked out of the chamber on Tuesday.',
      terms,
    )
    // Another party in its place is still a name changed.
    expectCaught(
      'Les députés de La France insoumise ont quitté l’hémicycle mardi.',
      'Renaissance MPs walked out of the chamber on Tuesday.',
      terms,
    )
  })

  it('accepts the English title of a work the French marks', () => {
    expectClean(
      'Renoir tourne *La Règle du jeu* à la veille de la guerre.',
      'Renoir shoots *The Rules of the Game* on the eve of the war.',
    )
    expectClean(
      'La cinémathèque reprend Pierrot le Fou (1965) de Godard.',
      'The film archive is showing Godard’s Pierrot Goes Wild (1965) again.',
    )
    // An unmarked place renamed is not a title translated.
    expectCaught(
      'Les randonneurs se sont perdus dans le massif du Vercors en Isère.',
      'The hikers got lost in the Okafor massif of Isère.',
    )
  })

  it('accepts a French name translated whole, with two of its words', () => {
    const fr = 'Le Syndicat national des enseignants du second degré appelle à la grève le 12 mars.'
    expectClean(fr, 'The National Union of Secondary Teachers is calling a strike on March 12.')
    expectCaught(fr, 'The Okafor Union is calling a strike on March 12.')
  })

  it('accepts a ministry named by its address rendered as the ministry', () => {
    expectClean(
      'Place Beauvau a démenti toute consigne.',
      'The French interior ministry denied giving any instruction.',
    )
    expectClean('La rue de Valois a débloqué une aide.', 'The culture ministry has released funding.')
  })

  it('accepts a negation rendered by a negative verb', () => {
    expectClean('Le préfet n’a pas voulu commenter la décision.', 'The prefect declined to comment on the ruling.')
    expectCaught('Le préfet a commenté la décision.', 'The prefect did not comment on the decision.')
  })

  it('doubts a name cut short', () => {
    expectCaught(
      'Le rôle principal revient à Monica Bellucci, aux côtés de Vincent Cassel.',
      'The lead role goes to Monica Belluc, alongside Vincent Cassel.',
    )
    expectClean(
      'Le rôle principal revient à Monica Bellucci, aux côtés de Vincent Cassel.',
      'The lead role goes to Monica Bellucci, alongside Vincent Cassel.',
    )
    // English drops a French ending: "les Lyonnais" are "Lyon", "Sentinelle" is "Sentinel".
    expectClean('Les Lyonnais ont battu Nice samedi.', 'Lyon beat Nice on Saturday.')
  })
})

const summary = (en: string, fr: string): ChatResult => ({
  content: JSON.stringify({ en, fr, key_points: [] }),
  finishReason: 'stop',
  inputTokens: 1,
  outputTokens: 1,
})

function summaryVerdict(article: string[], en: string, fr: string, glossary: Record<string, string> = {}): string {
  try {
    checkSummary(summary(en, fr), article, 'short', glossary)
    return 'served'
  } catch (error) {
    if (error instanceof ModelOutputError) return error.reason
    throw error
  }
}

describe('a summary that renders French names in English', () => {
  const article = [
    'Le Syndicat national des enseignants du second degré appelle à la grève le 12 mars.',
    'Sa secrétaire, Claire Mounier, a présenté à Bercy une pétition rédigée en espagnol et en français.',
    'Elle cite l’essai Histoire de l’école en Europe, paru en 2019.',
  ]

  it('is served with an English name, a language and a ministry rendered', () => {
    expect(
      summaryVerdict(
        article,
        'The National Union of Secondary Teachers, led by Claire Mounier, calls a strike on March 12 and took a ' +
          'petition written in Spanish and French to the finance ministry.',
        'Le Syndicat national des enseignants du second degré, dirigé par Claire Mounier, appelle à la grève le ' +
          '12 mars et a présenté à Bercy une pétition rédigée en espagnol et en français.',
      ),
    ).toBe('served')
    expect(
      summaryVerdict(
        article,
        'Claire Mounier cites the essay History of Schooling in Europe and calls a strike on March 12.',
        'Claire Mounier cite l’essai Histoire de l’école en Europe et appelle à la grève le 12 mars.',
      ),
    ).toBe('served')
  })

  it('is served with a glossary rendering in place of the French name', () => {
    expect(
      summaryVerdict(
        article,
        'Claire Mounier took a petition to the Economy Ministry ahead of a strike on March 12.',
        'Claire Mounier a présenté une pétition à Bercy avant une grève le 12 mars.',
        { Bercy: 'Economy Ministry' },
      ),
    ).toBe('served')
  })

  it('still fails a name the article does not have, or one the French does not', () => {
    expect(
      summaryVerdict(
        article,
        'Claire Okafor calls a strike on March 12.',
        'Claire Okafor appelle à la grève le 12 mars.',
      ),
    ).toBe('invented-name')
    expect(
      summaryVerdict(
        article,
        'The Union of Okafor Teachers calls a strike on March 12.',
        'Le Syndicat national appelle à la grève le 12 mars.',
      ),
    ).toBe('invented-name')
    // A person given a name in English alone, beside a title: no rendering of a French name.
    expect(
      summaryVerdict(
        article,
        'Union Secretary Paul Okafor backs the strike on March 12.',
        'La secrétaire du syndicat soutient la grève du 12 mars.',
      ),
    ).toBe('invented-name')
    // The French names Bercy where the English names Europe: the two summaries disagree.
    expect(
      summaryVerdict(
        article,
        'Claire Mounier took a petition to Europe ahead of a strike on March 12.',
        'Claire Mounier a présenté une pétition à Bercy avant une grève le 12 mars.',
      ),
    ).toBe('languages-disagree')
  })
})

describe('a count of hours, and a name made with "no"', () => {
  it('is served clean when the English counts the hours the French does', () => {
    expectClean(
      'Le trafic a été interrompu pendant 7 heures sur la ligne B.',
      'Traffic was halted for 7 hours on line B.',
    )
    expectClean(
      'Le record tient en 41 jours, 13 heures et 8 minutes.',
      'The record stands at 41 days, 13 hours and 8 minutes.',
    )
    expectClean('La réunion commencera à 15 heures.', 'The meeting will start at 3 o’clock.')
  })

  it('is caught when the hours are changed', () => {
    expectCaught(
      'Le trafic a été interrompu pendant 7 heures sur la ligne B.',
      'Traffic was halted for 9 hours on line B.',
    )
  })

  it('negates nothing in "no-confidence" or "no-fly"', () => {
    expectClean(
      'Le Sénat examinera la motion de censure mardi.',
      'The Senate will debate the no-confidence motion on Tuesday.',
    )
    expectClean('L’opposition dépose une motion de censure.', 'The opposition tables a motion of no confidence.')
    expectClean(
      'Une zone d’exclusion aérienne couvre le nord du pays.',
      'A no-fly zone covers the north of the country.',
    )
  })

  it('still catches a negation added beside such a name', () => {
    expectCaught(
      'Le Sénat examinera la motion de censure mardi.',
      'The Senate will not debate the no-confidence motion on Tuesday.',
    )
  })
})

describe('an idiom the English uses for a figure, and what it must not hide (a review found these)', () => {
  it('is no cover for another figure', () => {
    expectCaught('Il a été condamné à 350 jours de prison ferme.', 'He was sentenced to a week in prison.')
    expectCaught(
      'Le chantier durera 15 jours, selon la préfecture.',
      'The works will last one week, the prefecture says.',
    )
    expectCaught('Les ventes ont reculé de 50 % au premier semestre.', 'Sales fell by a quarter in the first half.')
    expectCaught('Le bénéfice a bondi de 25 % au troisième trimestre.', 'Profit jumped in the third quarter.')
    expectCaught('Le défilé du 14-Juillet a attiré 30 000 spectateurs.', 'The May Day parade drew 30,000 spectators.')
    expectCaught(
      'Le conseil a ouvert sa séance à 18 h 45 avec 9 élus présents.',
      'The council opened its session at 6.45 pm with 45 councillors present.',
    )
  })

  it('still serves the idiom that states the figure', () => {
    expectClean(
      'Le chantier durera 15 jours, selon la préfecture.',
      'The works will last two weeks, the prefecture says.',
    )
    expectClean('Les ventes ont reculé de 50 % au premier semestre.', 'Sales halved in the first half.')
    expectClean(
      'Le défilé du 14-Juillet a attiré 30 000 spectateurs.',
      'The Bastille Day parade drew 30,000 spectators.',
    )
  })

  it('reads "no-one" as the negation it is', () => {
    expectCaught('Tout le monde a applaudi la décision du jury.', "No-one applauded the jury's decision.")
  })

  it('rejects a sentence left in French inside quotes the French does not have', () => {
    expectRejected(
      'La préfecture a fermé la route. Les habitants sont très en colère et demandent une réunion avec le maire.',
      'The prefecture closed the road. "Les habitants sont très en colère et demandent une réunion avec le maire."',
      'copied-french',
    )
  })
})
