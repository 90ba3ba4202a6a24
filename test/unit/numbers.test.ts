import { describe, expect, it } from 'vitest'
import {
  addedNumbers,
  extractEnglishNumbers,
  extractFrenchNumbers,
  missingNumbers,
  missingTimes,
} from '../../src/text/numbers'

const values = (text: string) => extractFrenchNumbers(text).map((n) => n.values[0])
const english = (text: string) => [...extractEnglishNumbers(text)].sort((a, b) => a - b)

describe('reading figures in French typography', () => {
  it('reads thousands separated by a space, an NBSP, a narrow NBSP or a thin space', () => {
    expect(values('2 600 manifestants')).toEqual([2600])
    expect(values('2\u00A0600 manifestants')).toEqual([2600])
    expect(values('2\u202F600\u202F000 habitants')).toEqual([2600000])
    expect(values('10\u2009000 ans')).toEqual([10000])
    expect(values('2.600 euros')).toEqual([2600])
  })

  it('reads decimal commas and percentages', () => {
    expect(values('une hausse de 3,5 %')).toEqual([3.5])
    expect(values('une hausse de 3,5\u202F%')).toEqual([3.5])
    expect(values('0,25 point')).toEqual([0.25])
  })

  it('reads dates, ordinals and centuries in Roman numerals', () => {
    expect(values('le 1er mai 2024')).toEqual([1, 2024])
    expect(values('la 2e fois, la 3ème édition')).toEqual([2, 3])
    expect(values('au XXIe siècle')).toEqual([21])
  })

  it('does not take a capitalised article for a Roman numeral', () => {
    expect(values('Le film et Ce pays')).toEqual([])
    expect(values('Le maire du 2e arrondissement a démissionné lundi.')).toEqual([2])
    expect(values('Ce siècle sera celui de l’Asie, estime-t-il.')).toEqual([])
    expect(values('Le XXe siècle a été marqué par deux guerres.')).toEqual([20, 2])
  })

  it('reads a Roman ordinal of several letters wherever it stands, a single one only before its noun', () => {
    expect(values('Le IIIe Reich s’est effondré en 1945.')).toEqual([1945, 3])
    expect(values('sous François Ier')).toEqual([])
    expect(values('au Ier siècle')).toEqual([1])
    expect(values('la Ve République')).toEqual([5])
    expect(values('un Ve de la victoire')).toEqual([])
  })

  it('reads amounts in millions and billions, which English may write either way', () => {
    expect(extractFrenchNumbers('12 millions d’euros')).toEqual([
      { text: '12 millions', values: [12, 12e6], words: false },
    ])
    expect(extractFrenchNumbers('1,36 milliard d’euros')).toEqual([
      { text: '1,36 milliard', values: [1.36, 1.36e9, 1360], words: false },
    ])
  })

  it('reads law numbers, decades and ranges', () => {
    expect(extractFrenchNumbers('l’article 49.3')[0]?.values).toContain(49.3)
    expect(extractFrenchNumbers('les années 80')[0]?.values).toEqual([80, 1980, 2080])
    expect(values('(1950-1953)')).toEqual([1950, 1953])
  })

  it('reads numbers written in words, ordinals included', () => {
    expect(values('une visite de deux jours')).toEqual([2])
    expect(values('la vingt-quatrième place, quatre-vingt-dix voix, deux cents mètres')).toEqual([24, 90, 200])
    expect(values('une neuvième journée, une quinzaine de blessés')).toEqual([9, 15])
  })

  it('takes neither "un" nor "Premier ministre" for a figure', () => {
    expect(values('un homme et une femme ont rencontré le Premier ministre')).toEqual([])
  })

  it('keeps separate numbers apart', () => {
    expect(values('entre 2010 et 2015, 40 000 emplois')).toEqual([2010, 2015, 40000])
    expect(values('en 1998 500 personnes')).toEqual([1998, 500])
  })

  it('leaves times of day out (they are rewritten in English)', () => {
    expect(values('à 14 h 30, puis à 18h et à 9 heures')).toEqual([])
  })
})

describe('reading figures in English', () => {
  it('reads thousands commas, decimals, ordinals and numbers in words', () => {
    expect(english('2,600 people, up 3.5% on May 1st, 2024; three of them, the second time')).toEqual([
      1, 2, 3, 3.5, 2024, 2600,
    ])
    expect(english('a two-day visit, the twenty-fourth place, ninety votes')).toEqual([2, 24, 90])
  })

  it('reads millions and billions in both their forms', () => {
    expect(extractEnglishNumbers('€1,360 million')).toContain(1.36e9)
    expect(extractEnglishNumbers('€1.36 billion')).toContain(1.36e9)
    expect(extractEnglishNumbers('three million people')).toContain(3e6)
  })

  it('reads decades and abbreviated ranges', () => {
    expect(extractEnglishNumbers('in the 1980s')).toContain(1980)
    expect(extractEnglishNumbers('the Korean War (1950-53)')).toContain(1953)
    expect(extractEnglishNumbers('the Korean War (1950-53)')).not.toContain(53)
  })

  it('leaves times of day and codes out', () => {
    expect(english('at 2:30 p.m., then at 1200 GMT, an H5N1 strain, an M16 rifle')).toEqual([])
  })
})

describe('figures that must survive translation', () => {
  it('finds nothing missing from a faithful translation', () => {
    expect(
      missingNumbers(
        '2 600 manifestants le 1er mai 2024, soit 3,5 % de plus, pour 12 millions d’euros.',
        '2,600 protesters on May 1, 2024, 3.5% more, for €12 million.',
      ),
    ).toEqual([])
    expect(missingNumbers('12 millions d’euros', '€12,000,000')).toEqual([])
    expect(missingNumbers('3 enfants', 'three children')).toEqual([])
  })

  it('accepts the renderings that used to raise false alarms', () => {
    const faithful: Array<[string, string]> = [
      ['1,36 milliard d’euros', '€1,360 million'],
      ['1,36 milliard d’euros', '€1.36 billion'],
      ['depuis les années 80', 'since the 1980s'],
      ['l’article 49.3 de la Constitution', 'Article 49.3 of the Constitution'],
      ['la guerre de Corée (1950-1953)', 'the Korean War (1950-53)'],
      ['une visite de deux jours', 'a two-day visit'],
      ['les deux pays', 'both countries'],
    ]
    for (const [fr, en] of faithful) {
      expect(missingNumbers(fr, en), fr).toEqual([])
      expect(addedNumbers(fr, en), en).toEqual([])
    }
  })

  it('names the figures that went missing or stayed in French form', () => {
    expect(missingNumbers('2 600 manifestants', '2 600 protesters')).toEqual(['2 600'])
    expect(missingNumbers('une hausse de 3,5 %', 'a rise of 3,5%')).toEqual(['3,5'])
    expect(missingNumbers('le 1er mai 2024', 'on May 1, 2023')).toEqual(['2024'])
  })

  it('gives both ends of a range their scale, and never takes "450 million" for 450', () => {
    expect(addedNumbers('entre 1,2 et 1,5 milliard d’euros', 'between €1.2 billion and €1.5 billion')).toEqual([])
    expect(addedNumbers('450 salariés licenciés', 'a cost of 450 million euros')).toEqual(['450 million'])
  })

  it('accepts a metric figure converted by the translator, and only a close one', () => {
    expect(missingNumbers('une fusée de plus de 30 mètres', 'a rocket over 100 feet high')).toEqual([])
    expect(addedNumbers('une fusée de plus de 30 mètres', 'a rocket over 100 feet high')).toEqual([])
    expect(missingNumbers('à 10 km de la côte', 'six miles off the coast')).toEqual([])
    expect(missingNumbers('une fusée de plus de 30 mètres', 'a rocket over 150 feet high')).toEqual(['30'])
  })

  it('compares times of day however the English writes them', () => {
    expect(missingTimes('à 14 h 30, puis à 11 heures', 'at 2:30 p.m., then at 11 a.m.')).toEqual([])
    expect(missingTimes('vers 12 h 00 GMT', 'at about 1200 GMT')).toEqual([])
    expect(missingTimes('à 14 h 30', 'at 3:30 p.m.')).toEqual(['14 h 30'])
    expect(missingTimes('en début d’après-midi, à 14 h', 'in the early afternoon')).toEqual([])
  })

  it('catches a figure changed in words', () => {
    expect(missingNumbers('une visite de deux jours', 'a three-day visit')).toEqual(['deux'])
    expect(addedNumbers('une visite de deux jours', 'a three-day visit')).toEqual(['three'])
  })
})

describe('words that are no figures', () => {
  it("takes no property of JavaScript's objects for a number word", () => {
    const fr = 'Le constructeur a présenté sa nouvelle voiture et la valeur de son action a grimpé.'
    const en = 'The constructor presented its new car, and the valueOf its share rose: toString, hasOwnProperty.'
    expect(addedNumbers(fr, en)).toEqual([])
    expect(addedNumbers('Le constructeur automobile', 'The car constructor')).toEqual([])
  })
})

describe('figures a translator may write another way', () => {
  it('reads "N cents" in words as hundreds, or as cents of a currency', () => {
    expect(addedNumbers('Le timbre coûtait alors trois cents.', 'The stamp then cost 3 cents.')).toEqual([])
    expect(missingNumbers('Le timbre coûtait alors trois cents.', 'The stamp then cost 3 cents.')).toEqual([])
    expect(addedNumbers('Trois cents soldats sont partis.', 'Three hundred soldiers left.')).toEqual([])
    expect(addedNumbers('Le timbre coûtait alors trois cents.', 'The stamp then cost 4 cents.')).toEqual(['4'])
  })

  it('reads "un million" as a million', () => {
    expect(addedNumbers('Il a fait plus d’un million de victimes.', 'It left more than a million dead.')).toEqual([])
  })

  it('accounts for the values inside a short range that the English spells out', () => {
    const fr = 'Le château fut agrandi du XIVe au XVIe siècle, puis de 1610 à 1614.'
    const en = 'The castle was enlarged in the 14th, 15th and 16th centuries, then in 1610, 1611, 1612 and 1614.'
    expect(addedNumbers(fr, en)).toEqual([])
    expect(missingNumbers(fr, en)).toEqual([])
  })

  it('does not account for values outside the range, or inside a long one', () => {
    expect(addedNumbers('du XIVe au XVIe siècle', 'the 14th, 15th, 16th and 17th centuries')).toEqual(['17th'])
    expect(addedNumbers('de 1900 à 1950', 'from 1900 to 1950, and again in 1925')).toEqual(['1925'])
  })
})
