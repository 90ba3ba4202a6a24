/**
 * A word-for-word gloss for French nobody recorded a translation of: used by the tests'
 * fake model (after the recorded pairs) and by the benchmark's simulated model. It swaps
 * French function words and number words for English ones, writes figures the English
 * way (2 600 → 2,600; 3,5 → 3.5; 1er → 1st), applies the glossary, and keeps everything
 * else (names, quotations, sentences) as it is, so it differs for each source.
 *
 * Written apart from the fidelity checks on purpose: it shares no code with src/, so a
 * check that goes wrong cannot be hidden by a fake that goes wrong the same way. It is not
 * a translation; tests that assert fidelity behaviour use recorded human translations.
 */

const WORDS: Record<string, string> = {
  le: 'the',
  la: 'the',
  les: 'the',
  l: 'the',
  un: 'a',
  une: 'a',
  des: 'some',
  du: 'of the',
  de: 'of',
  d: 'of',
  et: 'and',
  est: 'is',
  dans: 'in',
  pour: 'for',
  que: 'that',
  qu: 'that',
  qui: 'who',
  sur: 'on',
  au: 'at the',
  aux: 'to the',
  avec: 'with',
  pas: '',
  ne: 'not',
  n: 'not',
  se: 'itself',
  s: 'itself',
  ce: 'this',
  c: 'it',
  cette: 'this',
  ces: 'these',
  cet: 'this',
  il: 'he',
  elle: 'she',
  nous: 'we',
  vous: 'you',
  ils: 'they',
  elles: 'they',
  sont: 'are',
  par: 'by',
  mais: 'but',
  ou: 'or',
  où: 'where',
  leur: 'their',
  leurs: 'their',
  été: 'been',
  plus: 'more',
  en: 'in',
  sa: 'his',
  son: 'his',
  ses: 'his',
  aussi: 'also',
  comme: 'as',
  très: 'very',
  depuis: 'since',
  entre: 'between',
  a: 'has',
  ont: 'have',
  à: 'to',
  y: 'there',
  on: 'one',
  j: 'I',
  je: 'I',
  jamais: 'never',
  rien: 'nothing',
  aucun: 'no',
  aucune: 'no',
  sans: 'without',
  lui: 'him',
  mon: 'my',
  ma: 'my',
  mes: 'my',
  notre: 'our',
  nos: 'our',
  votre: 'your',
  vos: 'your',
  si: 'if',
  puis: 'then',
  donc: 'so',
  car: 'because',
  était: 'was',
  étaient: 'were',
  sera: 'will be',
  fait: 'done',
  tout: 'all',
  tous: 'all',
  toutes: 'all',
  toute: 'all',
  deux: 'two',
  trois: 'three',
  quatre: 'four',
  cinq: 'five',
  six: 'six',
  sept: 'seven',
  huit: 'eight',
  neuf: 'nine',
  dix: 'ten',
  onze: 'eleven',
  douze: 'twelve',
  vingt: 'twenty',
  trente: 'thirty',
  cent: 'hundred',
  mille: 'thousand',
  premier: 'first',
  première: 'first',
  deuxième: 'second',
  troisième: 'third',
  millions: 'million',
  million: 'million',
  milliards: 'billion',
  milliard: 'billion',
  jusqu: 'until',
  lorsqu: 'when',
  puisqu: 'since',
  m: 'me',
  t: 'you',
  dont: 'of which',
  selon: 'according to',
  après: 'after',
  avant: 'before',
  contre: 'against',
  sous: 'under',
  chez: 'at',
  vers: 'towards',
  pendant: 'during',
  ainsi: 'thus',
  encore: 'still',
  déjà: 'already',
  alors: 'then',
}

/** The English gloss of `fr`, with the glossary's renderings in place of its terms. */
export function inventEnglish(fr: string, glossary: Record<string, string> = {}): string {
  let text = fr
  for (const [term, rendering] of Object.entries(glossary)) text = text.replace(wholeWord(term), rendering)
  text = text
    .replace(/«[\s\u00A0\u202F]*/g, '“')
    .replace(/[\s\u00A0\u202F]*»/g, '”')
    .replace(/[\u00A0\u202F]([:;!?%])/g, '$1')
    // 14 h 30 → 14:30; 9 h → 9:00
    .replace(/(\d{1,2})\s?h\s?(\d{2})/g, '$1:$2')
    .replace(/(\d{1,2})\s?h(?![\p{L}\d])/gu, '$1:00')
    // 3,5 → 3.5
    .replace(/(\d),(\d)/g, '$1.$2')
    // 2 600 000 → 2,600,000
    .replace(/\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?!\d)/g, (n) => n.replace(/[ \u00A0\u202F\u2009]/g, ','))
    .replace(/\b1(?:er|re|ère)\b/g, '1st')
    .replace(/\b(\d+)(?:e|ème)\b/g, (_, n: string) => `${n}${suffix(Number(n))}`)
    // Elisions: l’État → the État
    .replace(/(?<![\p{L}])(jusqu|lorsqu|puisqu|qu|[ldnsjcmt])['’](?=\p{L})/giu, '$1 ')
  return text
    .replace(/\p{L}+/gu, (word) => {
      const english = WORDS[word.toLowerCase()]
      if (english === undefined) return word
      return word[0] === word[0]?.toUpperCase() && english !== ''
        ? english[0]?.toUpperCase() + english.slice(1)
        : english
    })
    .replace(/ {2,}/g, ' ')
    .replace(/ ([,.])/g, '$1')
    .trim()
}

function suffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th'
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'
}

function wholeWord(term: string): RegExp {
  const escaped = term.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, /\p{Ll}/u.test(term) ? 'giu' : 'gu')
}

/**
 * A summary of an article nobody recorded one for: its first `sentences` sentences (taken
 * again from the start if it has fewer) in French, and their gloss in English.
 */
export function inventSummary(
  article: readonly string[],
  sentences: number,
  glossary: Record<string, string> = {},
): { en: string; fr: string } {
  const all = article.flatMap((p) => p.split(/(?<=[.!?…])\s+(?=[\p{Lu}«"“])/u)).filter((s) => /\p{L}/u.test(s))
  const picked = Array.from({ length: sentences }, (_, i) => ending(all[i % Math.max(all.length, 1)] ?? ''))
  return { en: picked.map((s) => inventEnglish(s, glossary)).join(' '), fr: picked.join(' ') }
}

function ending(sentence: string): string {
  const trimmed = sentence.trim()
  return /[.!?…»”"]$/u.test(trimmed) ? trimmed : `${trimmed}.`
}
