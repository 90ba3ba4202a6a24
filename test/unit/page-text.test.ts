import { describe, expect, it } from 'vitest'
import { keepFiguresTogether } from '../../src/page/text'

const NNBSP = '\u202f'

describe('French figures on the page', () => {
  it('keeps a figure whole across its thousands', () => {
    expect(keepFiguresTogether('Un salaire de 1 034 euros net.')).toBe(`Un salaire de 1${NNBSP}034 euros net.`)
    expect(keepFiguresTogether('Soit 12 500 000 habitants.')).toBe(`Soit 12${NNBSP}500${NNBSP}000 habitants.`)
  })

  it('keeps a figure with its unit', () => {
    expect(keepFiguresTogether('Une hausse de 1,8 % et 12 € de plus.')).toBe(
      `Une hausse de 1,8${NNBSP}% et 12${NNBSP}€ de plus.`,
    )
  })

  it('leaves apart figures that are not one: a year after a day, a count after a count', () => {
    expect(keepFiguresTogether('Le 12 2026')).toBe('Le 12 2026')
    expect(keepFiguresTogether('en 2024 40 communes')).toBe('en 2024 40 communes')
    expect(keepFiguresTogether('Paris 75 000 habitants')).toBe(`Paris 75${NNBSP}000 habitants`)
    expect(keepFiguresTogether('Sans chiffre.')).toBe('Sans chiffre.')
  })
})
