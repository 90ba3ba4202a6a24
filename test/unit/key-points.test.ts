import { describe, expect, it } from 'vitest'
import type { ChatResult } from '../../src/model/client'
import { ModelOutputError } from '../../src/model/errors'
import { checkSummary } from '../../src/fidelity/checks'
import recording from '../../fixtures/recordings/lemonde-trains-de-nuit.json'

// The article as the summary call sees it, and a faithful summary written by hand.
const article = recording.paragraphs.map((p) => p.fr)
const { en, fr } = recording.summaries.standard
const answer = (key_points: unknown): ChatResult => ({
  content: JSON.stringify({ en, fr, key_points }),
  finishReason: 'stop',
  inputTokens: 1,
  outputTokens: 1,
})
const reasonOf = (key_points: unknown) => {
  try {
    checkSummary(answer(key_points), article, 'standard')
    return 'accepted'
  } catch (error) {
    if (error instanceof ModelOutputError) return `${error.reason}: ${error.message}`
    throw error
  }
}

const tabarot = {
  en: 'Transport minister Philippe Tabarot presented a plan of €450 million to revive night trains.',
  fr:
    'Le ministre des transports, Philippe Tabarot, a présenté un plan de 450 millions d’euros ' +
    'pour relancer les trains de nuit.',
  paragraphs: [2],
}
const lines = {
  en: 'Three lines closed since 2019 are due to reopen by the end of 2027.',
  fr: 'Trois lignes fermées depuis 2019 doivent rouvrir d’ici à la fin de 2027.',
  paragraphs: [2],
}
const passengers = {
  en: 'The ministry expects nearly 600,000 passengers a year.',
  fr: 'Le ministère attend près de 600 000 voyageurs par an.',
  paragraphs: [3],
}
const berlin = {
  en: 'The Paris-Berlin line was suspended at the end of 2024.',
  fr: 'La ligne Paris-Berlin a été suspendue à la fin de 2024.',
  paragraphs: [4],
}

describe('key points, checked like the summary against the paragraphs they cite', () => {
  it('accepts 3 to 5 faithful points, each citing its paragraphs', () => {
    expect(checkSummary(answer([tabarot, passengers, berlin]), article, 'standard')).toEqual({
      en,
      fr,
      key_points: [tabarot, passengers, berlin],
    })
    expect(reasonOf([tabarot, lines, passengers, berlin])).toBe('accepted')
  })

  it('accepts a summary without key points (an older recording or a model that skips them)', () => {
    const plain: ChatResult = {
      content: JSON.stringify({ en, fr }),
      finishReason: 'stop',
      inputTokens: 1,
      outputTokens: 1,
    }
    expect(checkSummary(plain, article, 'standard')).toEqual({ en, fr })
  })

  it('refuses fewer than 3 or more than 5', () => {
    expect(reasonOf([tabarot, passengers])).toMatch(/^key-points: .*2 key points/)
    expect(reasonOf([tabarot, lines, passengers, berlin, tabarot, lines])).toMatch(/^key-points: .*6 key points/)
  })

  it('takes a second answer with fewer than 3, or the first 5 of more, each still checked', () => {
    const lenient = (key_points: unknown) => checkSummary(answer(key_points), article, 'standard', {}, true)
    expect(lenient([tabarot, passengers]).key_points).toEqual([tabarot, passengers])
    expect(lenient([tabarot, lines, passengers, berlin, tabarot, lines]).key_points).toEqual([
      tabarot,
      lines,
      passengers,
      berlin,
      tabarot,
    ])
    expect(() => lenient([tabarot, { ...passengers, paragraphs: [4] }])).toThrow(/key point 2/)
  })

  it('reads an empty list as a summary without key points', () => {
    expect(checkSummary(answer([]), article, 'standard')).toEqual({ en, fr })
  })

  it('refuses a point that cites a paragraph the article does not have, or none', () => {
    expect(reasonOf([tabarot, passengers, { ...berlin, paragraphs: [7] }])).toMatch(/^key-points: .*cites paragraph 7/)
    expect(reasonOf([tabarot, passengers, { ...berlin, paragraphs: [] }])).toMatch(/^key-points: .*cites no paragraph/)
  })

  it('refuses a point whose figure is not in the paragraphs it cites, even when the article has it elsewhere', () => {
    // 600,000 is in paragraph 3, not in paragraph 4.
    expect(reasonOf([tabarot, { ...passengers, paragraphs: [4] }, berlin])).toMatch(/^invented-figure: .*key point 2/)
    expect(
      reasonOf([tabarot, { ...passengers, en: 'The ministry expects nearly 900,000 passengers a year.' }, berlin]),
    ).toMatch(/^invented-figure/)
  })

  it('refuses a point naming someone its paragraphs do not', () => {
    const moved = { ...tabarot, paragraphs: [3] }
    expect(reasonOf([moved, passengers, berlin])).toMatch(/^(invented-name|invented-figure): .*key point 1/)
    const stranger = {
      ...berlin,
      en: 'Emmanuel Macron said the Paris-Berlin line was suspended at the end of 2024.',
      fr: 'Emmanuel Macron a dit que la ligne Paris-Berlin a été suspendue à la fin de 2024.',
    }
    expect(reasonOf([tabarot, passengers, stranger])).toMatch(/^invented-name: .*key point 3/)
  })

  it('refuses an empty point, or one whose French is the English', () => {
    expect(reasonOf([tabarot, passengers, { ...berlin, fr: ' ' }])).toMatch(/^empty/)
    expect(reasonOf([tabarot, passengers, { ...berlin, fr: berlin.en }])).toMatch(/^not-french/)
  })
})

describe('the glossary in the summary', () => {
  const article = [
    'La métropole de Lyon va retirer le bitume de quarante cours d’école avant la rentrée 2027.',
    'Les travaux coûteront 12 millions d’euros, selon la vice-présidente chargée de l’environnement.',
  ]
  const summaryOf = (en: string, lenient = false) =>
    checkSummary(
      {
        content: JSON.stringify({
          en,
          fr: 'La métropole de Lyon va retirer le bitume de quarante cours d’école avant la rentrée 2027.',
        }),
        finishReason: 'stop',
        inputTokens: 1,
        outputTokens: 1,
      },
      article,
      'short',
      { bitume: 'tarmac' },
      lenient,
    )

  it('asks again when the English renders a term of the French summary otherwise', () => {
    expect(() =>
      summaryOf('The Lyon metropolis will remove the asphalt from forty school playgrounds by 2027.'),
    ).toThrow('summary: the summary does not render "bitume" as "tarmac"')
  })

  it('accepts the rendering asked for, and a second answer either way', () => {
    const en = 'The Lyon metropolis will remove the tarmac from forty school playgrounds by 2027.'
    expect(summaryOf(en).en).toBe(en)
    const other = 'The Lyon metropolis will remove the asphalt from forty school playgrounds by 2027.'
    expect(summaryOf(other, true).en).toBe(other)
  })
})
