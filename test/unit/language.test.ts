import { describe, expect, it } from 'vitest'
import flores from '../../fixtures/corpora/flores200-devtest.fra-eng.tsv?raw'
import news from '../../fixtures/fidelity/news-pairs.json'
import seed from '../../fixtures/recordings/seed.json'
import { guessLanguage, isEnglishParagraph } from '../../src/text/language'

// Texts of 35 to 45 words, written for this test, in the languages a French desk is sent by mistake.
const OTHERS = {
  Spanish:
    'El presidente del gobierno ha anunciado hoy que la economía del país crecerá más de lo previsto este año, ' +
    'según los datos publicados por el instituto nacional de estadística, y que los salarios de los trabajadores ' +
    'subirán en los próximos meses para todos.',
  Italian:
    'Il presidente del consiglio ha annunciato oggi che la crescita del paese sarà più forte del previsto, ' +
    'secondo i dati pubblicati dalla banca centrale, e che gli stipendi dei lavoratori non saranno tagliati ' +
    'nella legge di bilancio per questo anno.',
  Portuguese:
    'O presidente da câmara anunciou hoje que a economia do país vai crescer mais do que o previsto, segundo ' +
    'os dados publicados pelo instituto nacional de estatística, e que os salários dos trabalhadores não vão ' +
    'baixar nos próximos meses.',
  German:
    'Der Bundeskanzler hat am Dienstag angekündigt, dass die Wirtschaft des Landes in diesem Jahr stärker wachsen ' +
    'wird als erwartet, und die Löhne der Arbeitnehmer sollen nach den Angaben des Statistikamts in den nächsten ' +
    'Monaten auch steigen.',
}

describe('guessing whether an article is French', () => {
  for (const [language, text] of Object.entries(OTHERS))
    it(`says ${language} is not French`, () => {
      expect(guessLanguage(text)).toEqual({ verdict: 'not-french', looksLike: language })
    })

  it('takes every French text of 30 words or more in the corpora for French', () => {
    // FLORES sentences joined in fours, the news articles' and the seed's paragraphs joined whole.
    const sentences = flores
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[3] ?? '')
    const texts: string[] = []
    for (let i = 0; i + 4 <= sentences.length; i += 4) texts.push(sentences.slice(i, i + 4).join(' '))
    const articles = (news as { articles: Array<{ paragraphs: Array<{ fr: string }> }> }).articles
    for (const article of articles) texts.push(article.paragraphs.map((p) => p.fr).join('\n'))
    texts.push(seed.paragraphs.map((p) => p.fr).join('\n'))
    const refused = texts.filter((t) => guessLanguage(t).verdict === 'not-french')
    expect(texts.length).toBeGreaterThan(250)
    expect(refused).toEqual([])
  })
})

describe('a paragraph in English inside a French article', () => {
  it('is told apart when English plainly makes it', () => {
    for (const text of [
      'The company said it had no plans to close the plant, but it would review its costs next year.',
      'We are not going to leave this country to people who do not care about it, he told the crowd.',
      'Asked about the strike, a spokesman for the airline said that all flights would run as planned.',
      '"We will not leave this town without a fight," the mayor said on the steps of the town hall.',
      '« It was the best of times, and it was also the worst of times for the people of the city. »',
    ])
      expect(isEnglishParagraph(text), text).toBe(true)
  })

  it('leaves French, short lines and French that quotes English as French', () => {
    for (const text of [
      'Le ministre a annoncé mardi que les lignes relieront Paris à Nice et coûteront 3 milliards.',
      '« We will not give up », a déclaré le ministre à la sortie du conseil.',
      'Breaking news: the end.',
      'Emmanuel Macron, Donald Trump, Olaf Scholz et Giorgia Meloni à Rome.',
      'Selon le Financial Times, the deal is done, mais rien n’est signé et les syndicats protestent.',
      '« We were never told that the plant would close before the end of the year », avait dit le délégué.',
      'Sur son réseau, le patron a écrit : « This is the end of an era, and the start of a new one. »',
      '« I think that this team is the best in the world right now », a estimé l’entraîneur.',
      'This is not the end of the road for us, it is only the beginning, a tweeté le président américain.',
      'We will keep fighting for the people of this country, whatever it takes, a-t-il ajouté.',
    ])
      expect(isEnglishParagraph(text), text).toBe(false)
  })
})
