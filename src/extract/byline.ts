/**
 * A page's byline → its authors. French sites put the date in the same line as the names
 * ("Par Marie Martin — 23 novembre 2026", "Par M. Martin | Publié le 23/11/2026 à 08h00",
 * "Marie Martin, mis à jour le …"); the reading page shows the date on its own, so the
 * byline keeps only who wrote the article.
 */

// Where a line stops naming people: the parts around " — ", " | ", " · " and the like.
const SEPARATOR = /\s+[—–/-]\s+|\s*[|·•]\s*/

const MONTH = String.raw`(?:janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec)\p{L}*\.?`
const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)'

// The first words of a date or of what the site says about one. Each starts at a word's start.
const DATE = new RegExp(
  [
    // A publication note, the whole word, before what dates it: not a name such as "Postel".
    String.raw`(?:publi|modifi|actualis|post)[ée]e?s?(?!\p{L})` +
      String.raw`(?=\s*:?\s*(?:le|à|a|il y a|hier|aujourd|\d|${WEEKDAY})(?!\p{L}))`,
    String.raw`mise?s? [àa] jour(?!\p{L})`,
    String.raw`(?:le|du)\s+\d{1,2}(?:er)?\b`,
    String.raw`${WEEKDAY}\s+\d{1,2}`,
    String.raw`\d{1,2}(?:er)?\s+${MONTH}`,
    String.raw`\d{1,2}[/.]\d{1,2}[/.]\d{2,4}`,
    String.raw`\d{4}-\d{2}-\d{2}`,
    String.raw`\d{1,2}\s?h\s?\d{2}\b`,
    String.raw`il y a\s+\d`,
    String.raw`(?:aujourd['’]hui|hier)\s+à`,
  ]
    .map((part) => String.raw`(?:^|(?<=[\s,;:(]))${part}`)
    .join('|'),
  'iu',
)

// What a cut leaves at the end: separators, a full stop, an opening bracket, a lower-case "le", "du" or "à".
const DANGLING = /(?:[\s,;:(—–|·•/.-]+|[\s,](?:le|du|à))+$/u
const BY = /^(?:par|by)(?:\s+|$)/i

/**
 * The authors named in a byline's text (already tidied), without "Par" and without the
 * dates and publication notes that follow or precede them; `undefined` when none is left.
 *
 * @example bylineAuthors('Par Marie Martin — 23 novembre 2026') // 'Marie Martin'
 */
export function bylineAuthors(text: string): string | undefined {
  const names = text
    .split(SEPARATOR)
    .map(namesIn)
    .filter((part) => part !== '')
  return names.length > 0 ? names.join(', ') : undefined
}

function namesIn(part: string): string {
  const trimmed = part.trim().replace(BY, '')
  const date = DATE.exec(trimmed)
  if (date === null) return tidyEnd(trimmed)
  if (date.index > 0) return tidyEnd(trimmed.slice(0, date.index))
  // The part opens with a date ("Mis à jour le 23/11 par Marie Martin"): the names, if any, come after "par".
  const after = / par\s+(.+)$/i.exec(trimmed)
  return after?.[1] !== undefined ? namesIn(after[1]) : ''
}

function tidyEnd(names: string): string {
  return names.replace(DANGLING, '').replace(BY, '').trim()
}
