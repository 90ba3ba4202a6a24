/**
 * The shape of a text, compared between a French source and its English translation:
 * its sentences, its quotations, its negations, and what the English adds at its start
 * or end (a lead-in, an afterword, instructions, a refusal) that the French has nothing
 * like. Quotations are left out of that last comparison: a quoted apology is the
 * speaker's, not the model's.
 */

import { remembered } from './memo'
import { codePointBefore, isLetter, wordBounds } from './words'

// A quotation, innermost first: an opening mark may not reappear inside, so an unclosed one
// costs a scan to the next opening mark, never to the end of the text (linear on any text).
const QUOTATION = /«[^«»]*»|“[^“”]*”|"[^"]*"/gu

// Patterns used inside the functions below, made once.
const SPACES = /\s+/u
const HAS_LETTER = /\p{L}/u
const ENDED = /[.!?…][\s\u00A0\u202F]*$/u
const OPENS_QUOTE = /^[\s\u00A0\u202F]+[«“]/u
const OPENS_SENTENCE = /^[\s\u00A0\u202F]+[\p{Lu}\d«“"—–-]/u
const CLOSES_SENTENCE = /[»”"’').!?…\u00A0\u202F]/u
const QUOTE_MARK = /[«“"]/
const MAY_INSTRUCT = /ignore|disregard|forget|prompt|as an ai|language model/i
const NOTE_OPENING = /\(\s*(?:note|translator)/iu

/** The text with every quotation ("…", “…”, « … ») replaced by a space. */
export function outsideQuotes(text: string): string {
  return text.replace(/«[^«»]*»|“[^“”]*”|"[^"]*"|‘[^‘’]*’(?!\p{L})/gu, ' ')
}

/** How many quotations of at least `words` words the text has. */
export function quotationCount(text: string, words = 1): number {
  return (text.match(QUOTATION) ?? []).filter((q) => q.split(SPACES).filter((w) => HAS_LETTER.test(w)).length >= words)
    .length
}

const ABBREVIATION = new RegExp(
  [
    String.raw`(?:^|[\s(])(?:M|Mme|Mmes|Mlle|Dr|Pr|Me|Mgr|St|Ste|Mr|Mrs|Ms|Prof|Gen|Gén|Col|Lt|Sgt|`,
    'Rev|Sen|Rep|Gov|Jr|Sr|Inc|Ltd|Co|Corp|No|Nos|art|Art|vol|p|pp|etc|cf|vs|approx|av|',
    String.raw`J\.-C|U\.S|U\.K|a\.m|p\.m|[A-Z])\.$`,
  ].join(''),
  'u',
)

/**
 * The sentences of a text: a sentence ends at `.`, `!`, `?` or `…` (after any closing
 * quote) before a capital, a digit or an opening quote, never after an abbreviation
 * ("M. Dupont", "Dr. Ur", "U.S.") nor inside a quotation.
 */
export const sentencesOf: (text: string) => readonly string[] = remembered((text) => splitSentences(text))

/** How many sentences a text has (see sentencesOf), counted up to `most`: a longer text is read no further. */
export function sentenceCount(text: string, most: number): number {
  return splitSentences(text, most).length
}

/** The sentences of a text, the first `most` of them at most. */
function splitSentences(text: string, most = Number.POSITIVE_INFINITY): string[] {
  const sentences: string[] = []
  let start = 0
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    // Only a quotation mark or a sentence's end changes anything below: other characters are passed by.
    if (!mayEndOrQuote(text.charCodeAt(i))) continue
    const ch = text[i] as string
    const wasQuoted = depth > 0
    if (ch === '«' || ch === '“') depth++
    else if (ch === '»' || ch === '”') depth = Math.max(0, depth - 1)
    else if (ch === '"') depth = depth > 0 ? depth - 1 : 1
    // A quotation that ends a sentence ends it too: « … fin. » Puis …
    const closesSentence = wasQuoted && depth === 0 && ENDED.test(text.slice(Math.max(start, i - 3), i))
    if (depth > 0 || (!'.!?…'.includes(ch) && !closesSentence)) continue
    let end = i + 1
    while (end < text.length && CLOSES_SENTENCE.test(text[end] as string) && !OPENS_QUOTE.test(text.slice(end))) end++
    const rest = text.slice(end)
    if (!OPENS_SENTENCE.test(rest) && rest.trim() !== '') continue
    if (ch === '.' && ABBREVIATION.test(text.slice(Math.max(start, i - 12), i + 1))) continue
    sentences.push(text.slice(start, end).trim())
    if (sentences.length >= most) return sentences
    start = end
    i = end - 1
  }
  const last = text.slice(start).trim()
  if (last !== '') sentences.push(last)
  return sentences
}

/** Whether a character is one of « “ » ” " . ! ? … (the characters splitSentences acts on). */
function mayEndOrQuote(code: number): boolean {
  return code < 128
    ? code === 46 || code === 34 || code === 33 || code === 63
    : code === 0xab || code === 0xbb || code === 0x201c || code === 0x201d || code === 0x2026
}

// Word boundaries that know accented letters (\b does not). A pattern that opens with a
// look-ahead for its alternatives' first letters, `(?=[nar])`, matches what it would without
// it: V8 then skips most positions at once instead of trying every alternative there.
const FRENCH_EXPLICIT = new RegExp(
  [
    String.raw`(?=[nar])(?<!\p{L})(?:(?:ne\s+|n['’])(?:[\p{L}'’-]+\s+){0,3}?(?:pas|plus|jamais|rien|`,
    String.raw`personne|aucun|aucune|guère|point)|aucun|aucune|rien)(?!\p{L})`,
  ].join(''),
  'giu',
)
// Negations without "ne … pas": "pas de mousse", "et non le duvet", and the literary "ne"
// alone with pouvoir, savoir, oser, cesser ("ne peut être prédit").
const FRENCH_BARE = new RegExp(
  [
    String.raw`(?<![\p{L}-])(?:pas(?! mal)|non(?! seulement))(?![\p{L}-])|(?<!\p{L})(?:ne\s+|`,
    String.raw`n['’])(?:pu|peu|sau|sai|sach|os|cess)\p{L}*`,
  ].join(''),
  'giu',
)
// "X et non Y", "mais non": a contrast the English renders "not Y" (or "rather than Y").
const FRENCH_CONTRAST = /(?<!\p{L})(?:et|mais)\s+non(?![\p{L}-])(?!\s+seulement)/giu
// Anything else that may carry a negation ("sans", "peu", "n'", "échoué", "refusé"…): what the case-blind
// pattern (?<!\p{L})(?:n['’]|(?:ne|pas|sans|ni|non|jamais|absence|privée?s?|manque|faute|échou\p{L}*|
// refus\p{L}*|impossible|inutile|incapables?|peu)(?!\p{L})) finds, counted word by word (countFrenchAny).
// Its words, whole, as the case-blind pattern reads them.
const FRENCH_ANY_WORDS = new Set(
  ['ne', 'pas', 'sans', 'ni', 'non', 'jamais', 'absence', 'manque', 'faute', 'impossible', 'inutile', 'peu'].concat([
    'privé',
    'privée',
    'privés',
    'privées',
    'incapable',
    'incapables',
  ]),
)
const FRENCH_ANY_LONGEST = 10
const FAILED_OR_REFUSED = new Set(['échou', 'refus'])

/**
 * How many times the pattern above matches in `text`, read word by word: each of its matches starts
 * a run of letters (it opens with a letter, after none), and takes "n" before an apostrophe,
 * one of its words whole, or a word starting "échou" or "refus". Its case-blind letters
 * match their other case, and "s" the long "ſ", "é" the "É", nothing else.
 */
function countFrenchAny(text: string): number {
  const bounds = wordBounds(text)
  let count = 0
  for (let k = 0; k < bounds.length; k += 2) {
    const start = bounds[k] as number
    const end = bounds[k + 1] as number
    const first = text.charCodeAt(start) | 0x20
    // Every match opens with one of n p s j a m f i r (any case), ſ, é or É.
    if (!MAY_OPEN_ANY.has(first)) continue
    if (end - start === 1) {
      const next = text.charCodeAt(end)
      if (first === 0x6e && (next === 0x27 || next === 0x2019)) count++
      continue
    }
    // A word of "é" or "r" counts by its first five letters (none of the whole words starts so).
    if (first === 0xe9 || first === 0x72) {
      if (end - start >= 5 && FAILED_OR_REFUSED.has(caseBlind(text, start, start + 5))) count++
    } else if (end - start <= FRENCH_ANY_LONGEST && FRENCH_ANY_WORDS.has(caseBlind(text, start, end))) count++
  }
  return count
}

// The first characters of its matches, as codes | 0x20 (ſ is 0x17f, é and É 0xe9).
const MAY_OPEN_ANY = new Set([...'npsjamfir'].map((c) => c.charCodeAt(0)).concat([0x17f, 0xe9]))

/**
 * text[start…end] as a case-blind pattern of ASCII letters, "é" and "s" reads it: A–Z
 * lowered, É as é, ſ as s.
 */
function caseBlind(text: string, start: number, end: number): string {
  // Most words are lower-case ASCII already.
  let i = start
  while (i < end && text.charCodeAt(i) - 97 <= 25 && text.charCodeAt(i) >= 97) i++
  if (i === end) return text.slice(start, end)
  let word = ''
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    word +=
      code >= 65 && code <= 90
        ? String.fromCharCode(code | 0x20)
        : code === 0xc9
          ? 'é'
          : code === 0x17f
            ? 's'
            : (text[i] as string)
  }
  return word
}

const ENGLISH_EXPLICIT = /(?=[nc])\b(?:not|never|no|nothing|nobody|none|neither|nor|cannot|no longer)\b|n['’]t\b/giu
const ENGLISH_ANY_SOURCE = [
  String.raw`\b(?:without|fail\w*|lack\w*|unable|refus\w*|absence|absent|only|instead|rather|yet to|except|`,
  String.raw`opposed|free|short|little|few|less|least|barely|hardly|deny|denied|avoid\w*|prevent\w*|miss\w*|`,
  // A negative verb that renders "ne … pas" with its verb: "n'a pas souhaité répondre", "declined to answer".
  String.raw`declin(?:e|es|ed|ing)|refrain\w*|`,
  String.raw`non-?[a-z]{3,}|un(?!der|til|ion|it|iv|iqu|less)[a-z]{4,})\b`,
].join('')
const ENGLISH_ANY = new RegExp(ENGLISH_ANY_SOURCE, 'giu')
// The same on a lower-cased text, case and Unicode aside, which V8 runs about twice as fast. It finds
// what ENGLISH_ANY finds in the text unless the text has "ſ" or the Kelvin sign (which a case-blind
// pattern reads as "s" and "k", and lower-casing leaves apart) or "İ" (which lower-cases to two characters).
const ENGLISH_ANY_LOWER = new RegExp(ENGLISH_ANY_SOURCE, 'g')
const FOLDS_APART = /[\u017f\u212a\u0130]/

/** How many times ENGLISH_ANY matches in `text`. */
function countAny(text: string): number {
  if (FOLDS_APART.test(text)) return (text.match(ENGLISH_ANY) ?? []).length
  return (text.toLowerCase().match(ENGLISH_ANY_LOWER) ?? []).length
}

// Adverbs that mean "not well", "not often": a translator may render them with a "not".
const FRENCH_HEDGE = /(?<!\p{L})(?:mal|difficilement|rarement|à peine|partiellement|imparfaitement)(?!\p{L})/giu
const MAY_HEDGE_FRENCH = /mal|difficilement|rarement|à peine|partiellement|imparfaitement/iu
const ENGLISH_HEDGE = new RegExp(
  [
    String.raw`\bnot (?:[a-z]+ ){0,2}?(?:well|easily|often|always|much|very|quite|entirely|fully|`,
    String.raw`completely|necessarily|really)\b`,
  ].join(''),
  'giu',
)

export interface Negations {
  /** Plain negations: "ne … pas", "jamais"; "not", "never". */
  explicit: number
  /** French only: negations without "ne … pas" ("pas de mousse", "et non", "ne peut être"). */
  bare: number
  /** Those, and anything else that may carry a negation: "sans", "peu", "without", "failed", "un…". */
  any: number
  /** Hedges: "mal", "rarement"; "not well", "not often" (each also counted above in English). */
  hedges: number
}

// Cheap tests that a pattern below may match at all (each finds what its pattern must
// contain, with the same flags): most texts skip the rewrites they cannot apply to.
const MAY_REMIND = /pas/iu
const MAY_HOLD_NEGATING_PRONOUN = /aucun|rien|personne|nul/iu
const MAY_HOLD_SANS = /sans/iu
const MAY_CONTRAST = /non/i
const ENGLISH_HINTS = {
  notOnly: /not only/iu,
  orNot: /or not|no matter/iu,
  notThenSpace: /not /iu,
  numero: /No/u,
  noCompound: /no-|no confidence/iu,
}

/** How many times `pattern` (global) matches in `text`, and the text with each match replaced by a space. */
function cutOut(text: string, pattern: RegExp): { count: number; rest: string } {
  let count = 0
  const rest = text.replace(pattern, () => {
    count++
    return ' '
  })
  return { count, rest }
}

const MAY_NEGATING_PRONOUN = /aucun|rien/i

/**
 * Whether FRENCH_EXPLICIT may match in `text`: it has "aucun" or "rien" (in any case: no other
 * character folds to their letters), or a word "n" (any case) before an apostrophe, or a word "ne"
 * before what may be a space. Read by code, where most texts have none.
 */
function mayNegateExplicitly(text: string): boolean {
  if (MAY_NEGATING_PRONOUN.test(text)) return true
  for (let i = 0; i + 1 < text.length; i++) {
    if ((text.charCodeAt(i) | 0x20) !== 0x6e || isLetter(codePointBefore(text, i))) continue
    const next = text.charCodeAt(i + 1)
    if (next === 0x27 || next === 0x2019) return true
    const after = text.charCodeAt(i + 2)
    // (Every space is 9–13, 32 or beyond U+009F.)
    if ((next | 0x20) === 0x65 && (after === 32 || (after >= 9 && after <= 13) || after >= 0xa0)) return true
  }
  return false
}

/** The negations of a French text (an English quotation in it counts too). */
export function frenchNegations(text: string): Negations {
  const quoted = QUOTE_MARK.test(text) ? (text.match(QUOTATION) ?? []).join(' ') : ''
  const english = quoted === '' ? 0 : (quoted.match(ENGLISH_EXPLICIT) ?? []).length
  let plain = text
  // Reminders and tags that negate nothing: "n'oubliez pas" (remember), "n'hésitez pas"
  // (feel free), "n'est-ce pas ?" (isn't it?).
  if (MAY_REMIND.test(plain))
    plain = plain.replace(
      /(?<!\p{L})(?:n['’]oubli|n['’]hésit|ne manqu)\p{L}*\s+pas(?!\p{L})|n['’]est-ce pas/giu,
      ' ne ',
    )
  // One clause, one negation: "aucun enfant ne devrait jamais" negates once ("no child should ever").
  if (MAY_HOLD_NEGATING_PRONOUN.test(plain))
    plain = plain.replace(
      /(?<!\p{L})(?:aucune?|rien|personne|nul(?:le)?)(\s+(?:[\p{L}'’-]+\s+){0,3}?)(?:ne\s+|n['’])/giu,
      (_, clause: string) => `aucun${clause}`,
    )
  // "sans rien", "sans aucun doute": one negation, "without anything", "unprepared".
  if (MAY_HOLD_SANS.test(plain))
    plain = plain.replace(/(?<!\p{L})sans\s+(?:aucune?|rien|personne|jamais)(?!\p{L})/giu, 'sans')
  // A contrast has a "non" (in any case: no other character folds to n or o), which cutting
  // out the explicit negations (each for a space) cannot make.
  const mayContrast = MAY_CONTRAST.test(plain)
  const contrasts = mayContrast ? (plain.match(FRENCH_CONTRAST) ?? []).length : 0
  const cut = mayNegateExplicitly(plain) ? cutOut(plain, FRENCH_EXPLICIT) : { count: 0, rest: plain }
  const rest = mayContrast ? cut.rest.replace(FRENCH_CONTRAST, ' ') : cut.rest
  const explicit = cut.count + contrasts + english
  const bare = cutOut(rest, FRENCH_BARE)
  const any = explicit + bare.count + countFrenchAny(bare.rest)
  const hedges = MAY_HEDGE_FRENCH.test(text) ? (text.match(FRENCH_HEDGE) ?? []).length : 0
  return { explicit, bare: bare.count, any, hedges }
}

/** The negations of an English text ("not only" is none). */
export function englishNegations(text: string): Negations {
  // Idioms that negate nothing: "not only", "or not", "no matter", "not un…" (a double negation).
  let plain = text
  if (ENGLISH_HINTS.notOnly.test(plain)) plain = plain.replace(/\bnot only\b/giu, 'only')
  if (ENGLISH_HINTS.orNot.test(plain)) plain = plain.replace(/\bor not\b(?=\s*(?:[,.;:!?)]|$))|\bno matter\b/giu, ' ')
  if (ENGLISH_HINTS.notThenSpace.test(plain)) plain = plain.replace(/\bnot (?=un[a-z]{4,})/giu, '')
  // "Law No. 2024-123", "No 10": a number's abbreviation, not a negation.
  if (ENGLISH_HINTS.numero.test(plain)) plain = plain.replace(/\bNos?\.?(?=[\s\u00A0]*\d)/gu, ' ')
  // A compound that names a thing ("a no-fly zone", "the no-confidence motion", "a vote of no confidence")
  // negates no clause: French names it without a negation ("zone d'exclusion aérienne", "motion de censure").
  if (ENGLISH_HINTS.noCompound.test(plain))
    plain = plain.replace(/\bno-(?!one\b|body\b)(?=\p{L})|\bof no confidence\b/giu, ' ')
  const explicit = (plain.match(ENGLISH_EXPLICIT) ?? []).length
  const any = explicit + countAny(plain)
  const hedges = ENGLISH_HINTS.notThenSpace.test(plain) ? (plain.match(ENGLISH_HEDGE) ?? []).length : 0
  return { explicit, bare: 0, any, hedges }
}

const INSTRUCTIONS = new RegExp(
  [
    String.raw`\b(?:ignore|disregard|forget)\b[^.]{0,40}\b(?:instructions?|prompt|rules)\b|`,
    String.raw`\bsystem prompt\b|\b(?:as an ai|language model)\b`,
  ].join(''),
  'iu',
)
const FRENCH_INSTRUCTIONS =
  /(?<!\p{L})(?:instructions?|consignes?|prompt|règles|modèle de langage|intelligence artificielle|IA)(?!\p{L})/iu

/** Whether the English carries instructions or talk about AI that the French has nothing like. */
export function addedInstructions(fr: string, en: string): boolean {
  if (!MAY_INSTRUCT.test(en)) return false
  return INSTRUCTIONS.test(outsideQuotes(en)) && !FRENCH_INSTRUCTIONS.test(fr)
}

// What a model puts before a translation: a lead-in, or a sentence ending with a colon.
const ENGLISH_LEAD_IN = new RegExp(
  [
    String.raw`^\s*(?:here(?:'s|’s| is| are)\b|sure\b|certainly\b|of course\b|absolutely\b|`,
    String.raw`below is\b|as requested\b|okay\b|ok\b|(?:the )?(?:english )?translation\b|`,
    String.raw`english\s*:|translated\b)`,
  ].join(''),
  'iu',
)
// What a French text may open with that a faithful translation renders as such a lead-in.
const FRENCH_LEAD_IN = new RegExp(
  [
    String.raw`^\s*(?:voici|voilà|voila|bien sûr|bien entendu|évidemment|certes|naturellement|`,
    String.raw`certainement|absolument|assurément|d'accord|d’accord|ok|traduction|ci-dessous)\b`,
  ].join(''),
  'iu',
)

const COLON_THEN_SPACE = /(?<=:)\s/u

/** Whether the English opens with a lead-in ("Here is…", "Sure!") that the French has nothing like. */
export function addedLeadIn(fr: string, en: string): boolean {
  const english = outsideQuotes(en)
  if (ENGLISH_LEAD_IN.test(english) && !FRENCH_LEAD_IN.test(outsideQuotes(fr))) return true
  // A first sentence that only announces what follows ("The text reads:") with no colon in the French opening:
  // the English up to its first space after a colon (all of it when it has none). A headline's topic before a
  // colon ("Minimum wage: 1.8% rise") names what the text is about, not the text itself: only an opening that
  // talks about the text, its language or its rendering is a lead-in.
  const split = en.includes(':') ? COLON_THEN_SPACE.exec(en) : null
  const opening = split === null ? en : en.slice(0, split.index)
  return (
    opening.trim().endsWith(':') &&
    opening.length < 60 &&
    !fr.slice(0, opening.length + 40).includes(':') &&
    TALK_ABOUT_TEXT.test(opening)
  )
}

// The words of an opening that talks about the text rather than its subject: "The text reads:",
// "Below is the English version:", "Here it is:" ("In English:" is a lead-in above).
const TALK_ABOUT_TEXT = new RegExp(
  [
    String.raw`\b(?:translat\w*|text|version|reads|says|follows|following|below|above|here|output|`,
    String.raw`render\w*|paragraph|passage|response|answer|you|i|we)\b`,
  ].join(''),
  'iu',
)

const ENGLISH_AFTERWORD = new RegExp(
  [
    String.raw`(?:^|[.!?…)”"]\s*|\()\s*(?:\(?\s*(?:note|n\.b\.|nb|translator['’]?s? note|`,
    String.raw`translation note|p\.s\.)\s*[:.-]|i hope (?:this|that) helps|let me know\b|`,
    String.raw`feel free to\b|please note\b|if you (?:need|want|would like)\b|(?:this|`,
    String.raw`the) translation\b|the above\b)`,
  ].join(''),
  'iu',
)
const FRENCH_AFTERWORD = new RegExp(
  [
    String.raw`(?:\b(?:note|n\.b\.|nb|ndlr|ndt|p\.-s\.|ps)\s*[:.)]|n'hésitez pas|n’hésitez pas|`,
    "cette traduction|ce texte|j'espère|j’espère)",
  ].join(''),
  'iu',
)

/** Whether the English ends with a note or commentary sentence that the French has nothing like. */
export function addedAfterword(fr: string, en: string): boolean {
  const sentences = sentencesOf(en)
  if (sentences.length < 2 && !NOTE_OPENING.test(en)) return false
  const last = outsideQuotes(sentences.length >= 2 ? (sentences.at(-1) as string) : en.slice(en.search(NOTE_OPENING)))
  return ENGLISH_AFTERWORD.test(` ${last}`) && !FRENCH_AFTERWORD.test(outsideQuotes(fr))
}

const ENGLISH_REFUSAL = new RegExp(
  [
    String.raw`^\s*(?:i(?:'m|’m| am) sorry\b|sorry\b|i apologi[sz]e\b|unfortunately\b|i can(?:not|`,
    String.raw`'t|’t)\b|i(?:'m|’m| am) (?:unable|not able)\b|i will not\b|i won['’]t\b|as an ai\b)`,
  ].join(''),
  'iu',
)
const FRENCH_APOLOGY = /\b(?:désolée?s?|excus|pardon|regrett|je ne peux|je ne pourrai|impossible|malheureusement)/iu

/** Whether the English opens, outside any quotation, with a refusal or an apology the French does not make. */
export function refusalOpening(fr: string, en: string): boolean {
  return ENGLISH_REFUSAL.test(outsideQuotes(en)) && !FRENCH_APOLOGY.test(fr)
}
