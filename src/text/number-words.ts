/** The French number words below a hundred that counts are written with, for every text step that reads them. */

/**
 * A table of number words with no prototype: a word such as "constructor" or "toString"
 * is no number (a plain object would find Object.prototype's members).
 */
export function words(table: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, table)
}

export const FRENCH_UNITS: Record<string, number> = words({
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  un: 1,
  une: 1,
})
