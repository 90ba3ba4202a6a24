/** The number words below a hundred, French and English, for every text step that reads counts. */

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

export const ENGLISH_UNITS: Record<string, number> = words({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
})
