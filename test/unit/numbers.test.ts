import { describe, expect, it } from 'vitest'
import { extractEnglishNumbers, extractFrenchNumbers, missingNumbers } from '../../src/model/numbers'

const values = (text: string) => extractFrenchNumbers(text).map((n) => n.values[0])

describe('reading figures in French typography', () => {
  it('reads thousands separated by a space, an NBSP or a narrow NBSP', () => {
    expect(values('2 600 manifestants')).toEqual([2600])
    expect(values('2\u00A0600 manifestants')).toEqual([2600])
    expect(values('2\u202F600\u202F000 habitants')).toEqual([2600000])
    expect(values('2.600 euros')).toEqual([2600])
  })

  it('reads decimal commas and percentages', () => {
    expect(values('une hausse de 3,5 %')).toEqual([3.5])
    expect(values('une hausse de 3,5\u202F%')).toEqual([3.5])
    expect(values('0,25 point')).toEqual([0.25])
  })

  it('reads dates and ordinals', () => {
    expect(values('le 1er mai 2024')).toEqual([1, 2024])
    expect(values('la 2e fois, le XXIe siècle, la 3ème édition')).toEqual([2, 3])
  })

  it('reads amounts in millions and billions, which English may write either way', () => {
    expect(extractFrenchNumbers('12 millions d’euros')).toEqual([{ text: '12 millions', values: [12, 12e6] }])
    expect(extractFrenchNumbers('3,2 milliards de dollars')).toEqual([{ text: '3,2 milliards', values: [3.2, 3.2e9] }])
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
  it('reads thousands commas, decimals, ordinals and small numbers in words', () => {
    expect([...extractEnglishNumbers('2,600 people, up 3.5% on May 1st, 2024; three of them, the second time')].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 3.5, 2024, 2600,
    ])
  })
})

describe('figures that must survive translation', () => {
  it('finds nothing missing from a faithful translation', () => {
    expect(missingNumbers('2 600 manifestants le 1er mai 2024, soit 3,5 % de plus, pour 12 millions d’euros.', '2,600 protesters on May 1, 2024, 3.5% more, for €12 million.')).toEqual([])
    expect(missingNumbers('12 millions d’euros', '€12,000,000')).toEqual([])
    expect(missingNumbers('3 enfants', 'three children')).toEqual([])
  })

  it('names the figures that went missing or stayed in French form', () => {
    expect(missingNumbers('2 600 manifestants', '2 600 protesters')).toEqual(['2 600'])
    expect(missingNumbers('une hausse de 3,5 %', 'a rise of 3,5%')).toEqual(['3,5'])
    expect(missingNumbers('le 1er mai 2024', 'on May 1, 2023')).toEqual(['2024'])
  })
})
