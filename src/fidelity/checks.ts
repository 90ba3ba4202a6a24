/**
 * Fidelity checks on every model answer, by what they compare with the French (its
 * figures, names, quotations, negations, sentences and length), not by English phrases.
 * A hard failure is a ModelOutputError, which the retry policy retries: nothing that fails
 * one is returned or cached. A doubt is a DoubtfulOutputError, retried too, whose texts
 * are served with warnings when retries run out. docs/fidelity.md lists every check.
 */

import type { z } from 'zod'
import { frenchWordShare, languageShare } from '../text/language'
import { SummaryAnswer, type SummaryOutput, type TranslationItem, TranslationOutput } from '../schemas/model-output'
import type { ChatResult } from '../model/client'
import { applicableGlossary, type Terms } from '../text/glossary'
import { TermIndex } from '../text/terms'
import type { Glossary, SummaryLength } from '../schemas/request'
import { SUMMARY_SENTENCES } from '../schemas/request'
import { ModelOutputError, TruncatedOutputError } from '../model/errors'
import {
  addedNumbers,
  extractEnglishNumbers,
  extractFrenchNumbers,
  missingNumbers,
  missingTimes,
} from '../text/numbers'
import {
  carriedFrom,
  carriedInto,
  fewerTimes,
  fold,
  hasCounterpart,
  indexOf,
  isDemonym,
  leavesTrace,
  missingNames,
  type Name,
  namesIn,
  renderedNames,
  sharedWordShare,
  sharesNoWord,
  shortenedNames,
  substituteNames,
} from '../text/names'
import {
  addedAfterword,
  addedInstructions,
  addedLeadIn,
  englishNegations,
  frenchNegations,
  outsideQuotes,
  quotationCount,
  refusalOpening,
  sentenceCount,
  sentencesOf,
} from '../text/shape'
import { ownProse } from '../text/titles'
import { LETTERS_AND_DIGITS } from '../text/words'

/**
 * What the checks say about one paragraph of an answer that is usable as a whole: its
 * English is clean, doubtful (usable, with the doubts as warnings) or failed.
 */
export type Verdict =
  | { id: string; status: 'ok'; en: string }
  | { id: string; status: 'doubtful'; en: string; warnings: string[] }
  | { id: string; status: 'failed'; error: ModelOutputError }

/**
 * Parses and checks a translation answer for `sources`, in order, and returns one
 * verdict per paragraph. Only an answer unusable as a whole throws ModelOutputError
 * (cut off, not JSON, not the schema, wrong or missing ids): one bad paragraph does not
 * condemn its neighbours.
 */
export function checkTranslation(
  result: ChatResult,
  sources: ReadonlyArray<{ id: string; fr: string; terms?: Terms }>,
): Verdict[] {
  const output = parseAnswer(result, TranslationOutput)
  const got = output.translations.map((t) => t.id)
  if (got.length !== sources.length) {
    throw new ModelOutputError('wrong-count', `asked for ${sources.length} paragraphs, got ${got.length}`)
  }
  sources.forEach((source, i) => {
    if (got[i] !== source.id)
      throw new ModelOutputError('wrong-order', `expected ${source.id} at position ${i}, got another id`)
  })
  return output.translations.map((item, i) => checkParagraph(item, sources[i] as { fr: string; terms?: Terms }))
}

/**
 * The verdict on one paragraph of a translation answer (parsed, its id the source's): as
 * `checkTranslation` gives it, for an object read alone as it streamed.
 */
export function checkParagraph(item: TranslationItem, source: { fr: string; terms?: Terms }): Verdict {
  const { id } = item
  const { fr, terms = [] } = source
  const en = item.en.trim()
  try {
    checkEnglishText(en, fr, id)
  } catch (error) {
    if (error instanceof ModelOutputError) return { id, status: 'failed', error }
    throw error
  }
  const warnings = findDoubts(fr, en, terms)
  return warnings.length > 0 ? { id, status: 'doubtful', en, warnings } : { id, status: 'ok', en }
}

// Patterns used inside the functions below, made once.
const ENDS_SENTENCE = /[.!?…»”"')]$/u
const ENDS_MID_PHRASE = /[\p{L}\p{N},;]$/u
const ANY_QUOTE_MARK = /["“”‘'’]/u
const ENGLISH_QUOTE_MARK = /[“"]/u
const FRENCH_QUOTE_MARK = /[«“"]/u
const COMMA = /,/g

/**
 * What a faithful translation would not lose or add, each a doubt (served with a warning
 * once retries run out): its figures, its names, its quotations, its negations, about
 * its length and number of sentences, and the renderings of `terms` (the glossary entries
 * that occur in `fr`).
 */
export function findDoubts(fr: string, en: string, terms: Terms): string[] {
  const doubts: string[] = []
  const missing = missingNumbers(fr, en)
  if (missing.length > 0) doubts.push(`figures missing from the translation: ${missing.join(', ')}`)
  const added = addedNumbers(fr, en)
  if (added.length > 0) doubts.push(`the translation states a figure the French does not have: ${added.join(', ')}`)
  const times = missingTimes(fr, en)
  if (times.length > 0) doubts.push(`times of day missing from the translation: ${times.join(', ')}`)
  // A name is often rendered freely (dropped, or replaced by a pronoun); a name missing, or
  // kept fewer times than the French repeats it, while another appears in its place is a
  // substitution.
  // A name the glossary renders ("Rassemblement national" as "National Rally") is carried by its rendering.
  const glossed = glossedWords(terms, en)
  const names = [...missingNames(fr, en), ...fewerTimes(fr, en)].filter((name) => !glossed.has(fold(name)))
  if (names.length > 0 && substitutes(fr, en, glossed).length > 0)
    doubts.push(`names missing from the translation: ${names.join(', ')}`)
  // A name cut short ("Rossellini" → "Rosselli") is another name, with or without a substitute.
  const shortened = shortenedNames(fr, en)
  if (shortened.length > 0) doubts.push(`names changed in the translation: ${shortened.join(', ')}`)
  doubts.push(...shapeDoubts(fr, en))
  if (terms.length > 0) {
    const english = new TermIndex(en)
    for (const [term, rendering] of terms) {
      if (!english.has(rendering)) doubts.push(`"${term}" is not rendered as "${rendering}"`)
    }
  }
  return doubts
}

/**
 * The English names that may stand in for a French one: not the glossary's, nor those of an
 * English name that renders a French one as a whole with two of its words ("National Union of
 * Secondary Teachers" for "Syndicat national des enseignants du second degré").
 */
function substitutes(fr: string, en: string, glossed: Set<string>): string[] {
  const candidates = substituteNames(fr, en).filter((name) => !glossed.has(fold(name)))
  if (candidates.length === 0) return candidates
  const rendered = renderedNames(fr, en, 2)
  return candidates.filter((name) => !rendered.has(name))
}

/**
 * The folded words of the glossary's terms whose rendering the English has, and of those
 * renderings: what the glossary, not the translator, put there.
 */
function glossedWords(terms: Terms, en: string): Set<string> {
  const words = new Set<string>()
  if (terms.length === 0) return words
  const english = new TermIndex(en)
  for (const [term, rendering] of terms) {
    if (!english.has(rendering)) continue
    for (const word of fold(`${term} ${rendering}`).match(LETTERS_AND_DIGITS) ?? []) words.add(word)
  }
  return words
}

/**
 * Length, sentences, negation and quotations. Each alone varies in faithful translations
 * (a translator joins two sentences, renders "ne … pas" as "failed"), so a doubt needs
 * either a clear signal or two that agree.
 */
function shapeDoubts(french: string, en: string): string[] {
  const doubts: string[] = []
  // An acronym spelt out in parentheses, "la SNCF (Société nationale des chemins de fer)": the
  // English often keeps the acronym alone, so the gloss counts only if the English has one too.
  const fr = en.includes('(') || !french.includes('(') ? french : french.replace(ACRONYM_GLOSS, '$1')
  const ratio = en.length / Math.max(fr.length, 1)
  const sentenceGap = sentencesOf(en).length - sentencesOf(fr).length
  // Short texts vary more: the bounds widen by 0.15 up to 100 characters, less and less up to 150.
  const slack = 0.15 * Math.min(1, Math.max(0, (150 - fr.length) / 50))
  // A sentence fewer is a sentence dropped only if some French sentence left no trace in the English;
  // a translator often merges two.
  const dropped =
    sentenceGap < 0 &&
    sentencesOf(fr).some(
      (sentence, i, all) =>
        !leavesTrace(sentence, all.filter((_, k) => k !== i).join(' '), en) ||
        missingNames(sentence, en).length > 0 ||
        missingNumbers(sentence, en).length > 0,
    )
  if (fr.length >= 40 && (ratio < LENGTH_RATIO.min - slack || (dropped && ratio < LENGTH_RATIO.shortish)))
    doubts.push('the translation is much shorter than the French')
  // A sentence more is an added one when some English sentence has no counterpart of its own in
  // the French and the English is not shorter than usual (a split sentence keeps the length).
  const added =
    sentenceGap > 0 &&
    sentencesOf(en).some((sentence, i, all) => !hasCounterpart(sentence, all.filter((_, k) => k !== i).join(' '), fr))
  if (added && ratio > LENGTH_RATIO.added)
    doubts.push('the translation has a sentence with no counterpart in the French')
  if (fr.length >= 40 && (ratio > LENGTH_RATIO.max + slack || (sentenceGap > 0 && ratio > LENGTH_RATIO.longish)))
    doubts.push('the translation is much longer than the French')
  const enNegations = englishNegations(en)
  const frNegations = frenchNegations(fr)
  // No word in common (not even a cognate or a name) and an unusual length: another text,
  // unless both negate the same number of times (everyday words have no cognate: "parapluie"
  // is "brolly", but "n'as pas … ne veux pas" is still "do not … don't").
  const sameNegations = frNegations.explicit > 0 && frNegations.explicit === enNegations.explicit
  if ((ratio < 0.7 || ratio > 1) && !sameNegations && sharesNoWord(fr, en))
    doubts.push('the translation shares no word with the French')
  // Few words in common and punctuation that disagrees (a parenthesis or a quotation on one
  // side only, three commas more or fewer): two weak signs that agree on another text.
  const share = punctuationDisagrees(fr, en) ? sharedWordShare(fr, en) : undefined
  if (share !== undefined && share < 0.25)
    doubts.push('the translation shares few words and little punctuation with the French')
  // A short English that stops mid-phrase where the French ends a sentence is cut off.
  if (ratio < LENGTH_RATIO.shortish && ENDS_SENTENCE.test(fr.trim()) && ENDS_MID_PHRASE.test(en.trim()))
    doubts.push('the translation stops mid-sentence')
  if (sentenceGap > 1) doubts.push('the translation has more sentences than the French')
  if (sentenceGap < -1) doubts.push('the translation has fewer sentences than the French')
  // "mal" rendered "not well" is a hedge, not an added negation.
  const hedged = Math.min(enNegations.hedges, frNegations.hedges)
  // A French "sans" the English renders "without" cannot also account for a "not".
  const soft = frNegations.any - frNegations.explicit - frNegations.bare
  const spare = Math.max(0, soft - (enNegations.any - enNegations.explicit))
  if (enNegations.explicit - hedged > frNegations.explicit + frNegations.bare + spare)
    doubts.push('the translation negates what the French does not')
  // Likewise an English "without" that renders "sans" cannot also render a "ne … pas".
  const enSpare = Math.max(0, enNegations.any - enNegations.explicit - soft - frNegations.bare)
  if (frNegations.explicit > enNegations.explicit + enSpare)
    doubts.push('the translation drops a negation of the French')
  if (shoutedWords(fr, en)) doubts.push('the translation has words in capitals that the French does not')
  // A quoted sentence keeps its quotation marks; a quoted word or title often loses them.
  if (quotationCount(fr, 5) > 0 && !ANY_QUOTE_MARK.test(en))
    doubts.push('a quotation of the French is missing from the translation')
  return doubts
}

/**
 * Whether a parenthesis or a quotation (of three words or more: a quoted term often loses
 * its marks) is on one side only, or the commas differ by three or more.
 */
function punctuationDisagrees(fr: string, en: string): boolean {
  if (fr.includes('(') !== en.includes('(')) return true
  const frenchQuotes = quotationCount(fr, 3) > 0 && !ENGLISH_QUOTE_MARK.test(en)
  const englishQuotes = quotationCount(en, 3) > 0 && !FRENCH_QUOTE_MARK.test(fr)
  if (frenchQuotes || englishQuotes) return true
  return Math.abs(commas(fr) - commas(en)) >= 3
}

function commas(text: string): number {
  return (text.match(COMMA) ?? []).length
}

const ACRONYM_GLOSS = /(\p{Lu}{2,}(?!\p{L})[\s\u00A0\u202F]*)\([^()]{3,80}\)/gu

// Five capitals or more, a word of their own. (The look-ahead, A–Z or beyond ASCII, lets V8 skip other positions.)
const SHOUTED = /(?=[^\0-@[-\x7f])(?<!\p{L})\p{Lu}{5,}(?!\p{L})/gu

// Five characters in a row that may each be (part of) a capital: A–Z, or beyond U+00BF (every other capital is).
// A text without is passed by.
const MAY_SHOUT = /[A-Z\u00c0-\uffff]{5}/

/** Whether the English has a word in capitals (5 letters or more) that the French lacks: an injected "HACKED". */
function shoutedWords(fr: string, en: string): boolean {
  if (!MAY_SHOUT.test(en)) return false
  const shouted = en.match(SHOUTED)
  if (!shouted) return false
  const french = fold(fr)
  return shouted.some((word) => !french.includes(fold(word)))
}

/**
 * English runs 55–125 % of the French's length (median 84 % on FLORES); outside these
 * bounds, or past the milder ones with a sentence missing or added, a part is missing or added.
 * `added`: an English with a sentence more is judged for an added sentence from 90 % on.
 */
const LENGTH_RATIO = { min: 0.55, shortish: 0.72, added: 0.9, longish: 1.02, max: 1.25 }

/**
 * Parses and checks a summary answer against the article it summarises: not empty,
 * `en` English and `fr` French (neither a copy of the other), no commentary, every
 * figure and name found in the article, the two languages agreeing on them, and about
 * as many sentences as `length` asks (no more than the article has). A summary is one
 * text, served whole or not at all; `lenient` (a second answer) lets its shape, its wording
 * and its names pass: a sentence count off the mark, fewer than 3 key points or more than 5
 * (the first 5 kept), a glossary term the English renders otherwise, a name the checks cannot
 * trace to the article or to the other language (an English name may translate a French one);
 * each of the last three is served as one of its `warnings`, for the reader to check.
 * Its figures, its claims and its languages are checked as in the first answer.
 * An empty list of key points is a summary without them.
 */
export function checkSummary(
  result: ChatResult,
  article: readonly string[] = [],
  length: Exclude<SummaryLength, 'none'> = 'standard',
  glossary: Glossary = {},
  lenient = false,
): Omit<SummaryOutput, 'key_points'> & { key_points?: SummaryOutput['key_points']; warnings?: string[] } {
  const output = parseAnswer(result, SummaryAnswer)
  // What a lenient answer is served with instead of refused for: the reader is told.
  const doubts: string[] = []
  const en = output.en.trim()
  const fr = output.fr.trim()
  if (fr === '') throw new ModelOutputError('empty', 'the French summary is empty')
  checkEnglishText(en, fr, 'summary')
  if (sameSquash(en, fr) || !isFrench(fr))
    throw new ModelOutputError('not-french', 'summary: the French summary is not in French')
  if (SUMMARY_COMMENTARY.en.test(outsideQuotes(en)) || SUMMARY_COMMENTARY.fr.test(outsideQuotes(fr))) {
    throw new ModelOutputError('commentary', 'summary: the summary talks about the text instead of summarising it')
  }
  if (article.length > 0) checkSummaryAgainst(article.join('\n'), en, fr, glossary, lenient ? doubts : undefined)
  const expected = SUMMARY_SENTENCES[length]
  // An article of one or two sentences is summarised in as many (its sentences are counted no further).
  const most = Math.ceil(expected * 0.6)
  const fewest = Math.min(most, article.length > 0 ? sentenceCount(article.join('\n'), most) : 1)
  for (const [language, text] of [
    ['English', en],
    ['French', fr],
  ] as const) {
    const count = sentencesOf(text).length
    if (!lenient && (count < fewest || count > expected * 2)) {
      throw new ModelOutputError(
        'wrong-length',
        `summary: the ${language} summary has ${count} sentences, ${expected} were asked for`,
      )
    }
    if (!ENDS_SENTENCE.test(text))
      throw new ModelOutputError('cut-off', `summary: the ${language} summary stops mid-sentence`)
  }
  if (
    Math.abs(sentencesOf(en).length - sentencesOf(fr).length) > (expected >= 6 ? 1 : 0) ||
    en.length < fr.length * 0.6 ||
    en.length > fr.length * 1.5
  ) {
    throw new ModelOutputError('languages-disagree', 'summary: the English and French summaries differ in length')
  }
  checkRenderings(
    glossary,
    [{ en, fr, label: 'the summary' }, ...labelled(output.key_points)],
    lenient ? doubts : undefined,
  )
  const key_points =
    output.key_points === undefined || output.key_points.length === 0
      ? undefined
      : checkKeyPoints(output.key_points, article, glossary, lenient ? doubts : undefined)
  return { en, fr, ...(key_points ? { key_points } : {}), ...(doubts.length > 0 ? { warnings: doubts } : {}) }
}

const labelled = (points: SummaryOutput['key_points'] = []) =>
  points.map((point, n) => ({ en: point.en, fr: point.fr, label: `key point ${n + 1}` }))

/** Each glossary term a French text of the summary uses is rendered as required in its English. */
function checkRenderings(
  glossary: Glossary,
  texts: ReadonlyArray<{ en: string; fr: string; label: string }>,
  doubts?: string[],
): void {
  if (Object.keys(glossary).length === 0) return
  for (const { en, fr, label } of texts) {
    const terms = applicableGlossary(glossary, fr)
    if (terms.length === 0) continue
    const english = new TermIndex(en)
    const missed = terms.find(([, rendering]) => !english.has(rendering))
    if (!missed) continue
    const said = `${label} does not render "${missed[0]}" as "${missed[1]}"`
    if (!doubts) throw new ModelOutputError('glossary', `summary: ${said}`)
    doubts.push(`${said}, as the glossary asks`)
  }
}

/**
 * Key points are checked like the summary, each against the paragraphs it cites: 3 to 5
 * of them, every cited paragraph in the article, not empty, English and French, and every
 * figure and name of the point found in its paragraphs. Any failure fails the summary.
 */
function checkKeyPoints(
  asked: SummaryOutput['key_points'],
  article: readonly string[],
  glossary: Glossary,
  /** Given for a lenient answer: where its doubts go, instead of failing it. */
  doubts?: string[],
): SummaryOutput['key_points'] {
  const lenient = doubts !== undefined
  if (!lenient && (asked.length < 3 || asked.length > 5))
    throw new ModelOutputError('key-points', `summary: ${asked.length} key points, 3 to 5 were asked for`)
  const points = asked.slice(0, 5)
  return points.map((point, n) => {
    const label = `key point ${n + 1}`
    const en = point.en.trim()
    const fr = point.fr.trim()
    const paragraphs = [...new Set(point.paragraphs)].sort((a, b) => a - b)
    if (en === '' || fr === '') throw new ModelOutputError('empty', `summary: ${label} is empty`)
    if (paragraphs.length === 0) throw new ModelOutputError('key-points', `summary: ${label} cites no paragraph`)
    const missing = paragraphs.find((i) => !Number.isInteger(i) || i < 0 || i >= article.length)
    if (missing !== undefined)
      throw new ModelOutputError(
        'key-points',
        `summary: ${label} cites paragraph ${missing}, which the article does not have`,
      )
    if (article.length === 0) return { en, fr, paragraphs }
    checkEnglishText(en, fr, label)
    if (sameSquash(en, fr)) throw new ModelOutputError('not-french', `summary: ${label} is not in French`)
    const cited = paragraphs.map((i) => article[i]).join('\n')
    const figures = new Set(extractFrenchNumbers(cited).flatMap((f) => f.values))
    if (
      addedNumbers(cited, en).length > 0 ||
      extractFrenchNumbers(fr).some((f) => !f.words && !f.values.some((v) => figures.has(v)))
    ) {
      throw new ModelOutputError('invented-figure', `summary: ${label} states a figure its paragraphs do not have`)
    }
    if (inventsNames(cited, en, fr, glossary)) {
      if (!doubts)
        throw new ModelOutputError(
          'invented-name',
          `summary: ${label} names someone or something its paragraphs do not`,
        )
      doubts.push(
        `${label} names ${listed(inventedNames(cited, en, fr, glossary))}, which its paragraphs do not: check its ` +
          'names against the article',
      )
    }
    return { en, fr, paragraphs }
  })
}

const SUMMARY_COMMENTARY = {
  en: new RegExp(
    [
      String.raw`^\s*(?:(?:this|the) (?:article|text|piece|story|report|summary)\b|in (?:this|`,
      String.raw`the) (?:article|text)\b|summary\s*:|here(?:'s|’s| is| are)\b|sure\b|certainly\b)`,
    ].join(''),
    'iu',
  ),
  fr: new RegExp(
    [
      String.raw`^\s*(?:(?:cet|l['’]|le présent) ?(?:article|texte|résumé)\b|(?:dans )?cet article\b|`,
      String.raw`résumé\s*:|voici\b|bien sûr\b)`,
    ].join(''),
    'iu',
  ),
}

/**
 * Whether a summary names someone or something its source does not: a name of `fr` with no
 * counterpart in the source (or the glossary's terms), or a name of `en` that is neither
 * such a counterpart, a glossary rendering, an adjective of nationality or language ("He
 * wrote in English"), nor a word of an English name that renders a French one as a whole
 * ("French Railway Workers' Federation" for "Fédération française des cheminots").
 */
function inventsNames(source: string, en: string, fr: string, glossary: Glossary): boolean {
  return inventedNames(source, en, fr, glossary).length > 0
}

/** The names of a summary (French first, then English) that the checks cannot trace to `source`. */
function inventedNames(source: string, en: string, fr: string, glossary: Glossary): string[] {
  const words = indexOf(source)
  const terms = indexOf(Object.keys(glossary).join(' '))
  const renderings = indexOf(Object.values(glossary).join(' '))
  const known = (name: Name) => carriedFrom(name, words) || carriedFrom(name, terms)
  const french = namesIn(fr)
    .filter((name) => !known(name))
    .map((name) => name.text)
  const unknown = namesIn(en).filter(
    (name) => !known(name) && !renderings.has(fold(name.text)) && !isDemonym(name.text),
  )
  if (unknown.length === 0) return french
  const rendered = renderedNames(source, en)
  return [...new Set([...french, ...unknown.filter((name) => !rendered.has(name.text)).map((name) => name.text)])]
}

/** `names` as a warning reads them: "Toulouse", "Paul Okafor and Lyon". */
const listed = (names: readonly string[]) =>
  names.length <= 1
    ? `"${names[0] ?? ''}"`
    : `${names
        .slice(0, -1)
        .map((n) => `"${n}"`)
        .join(', ')} and "${names.at(-1)}"`

/**
 * Whether the two summaries name different things: a name of `fr` missing from `en` while
 * `en` has a name the French lacks in its place (as for a paragraph: "Bercy" rendered "the
 * finance ministry" names nothing else), the glossary's terms and renderings, and English
 * names that render a French one as a whole, aside.
 */
function namesDisagree(fr: string, en: string, glossary: Glossary): boolean {
  const glossed = glossedWords(applicableGlossary(glossary, fr), en)
  const missing = [...missingNames(fr, en), ...fewerTimes(fr, en)].filter((name) => !glossed.has(fold(name)))
  if (missing.length === 0) return false
  // An English name that renders a French one as a whole ("National Union of Secondary Teachers") is no other.
  const rendered = renderedNames(fr, en)
  return substituteNames(fr, en).some((name) => !glossed.has(fold(name)) && !rendered.has(name))
}

function checkSummaryAgainst(article: string, en: string, fr: string, glossary: Glossary, doubts?: string[]): void {
  const figures = new Set(extractFrenchNumbers(article).flatMap((n) => n.values))
  const frFigures = extractFrenchNumbers(fr).filter((n) => !n.words)
  if (addedNumbers(article, en).length > 0 || frFigures.some((n) => !n.values.some((v) => figures.has(v)))) {
    throw new ModelOutputError('invented-figure', 'summary: it states a figure the article does not have')
  }
  if (addedNumbers(fr, en).length > 0 || missingNumbers(fr, en).length > 0) {
    throw new ModelOutputError(
      'languages-disagree',
      'summary: the English and French summaries state different figures',
    )
  }
  // Names are doubts, not faults: a second answer that the name checks still doubt is served, with a warning.
  if (inventsNames(article, en, fr, glossary)) {
    if (!doubts)
      throw new ModelOutputError('invented-name', 'summary: it names someone or something the article does not')
    doubts.push(
      `the summary names ${listed(inventedNames(article, en, fr, glossary))}, which the checks do not find in the ` +
        'article: check its names',
    )
  }
  if (namesDisagree(fr, en, glossary)) {
    if (!doubts)
      throw new ModelOutputError(
        'languages-disagree',
        'summary: the English and French summaries name different things',
      )
    doubts.push('the English and French summaries name different things')
  }
  const french = indexOf(fr)
  const sentences = sentencesOf(en)
  const unmatched = sentences.filter((sentence) => {
    const words = (fold(sentence).match(LETTERS_AND_DIGITS) ?? []).filter((w) => w.length >= 5)
    return words.length >= 3 && !words.some((w) => carriedFrom({ text: w, acronym: false }, french))
  }).length
  // One sentence whose words have no cognate in the French is ordinary ("blamed a handling
  // error" / "évoqué une erreur de manipulation"); most of them is another text.
  if (unmatched >= 2 && unmatched * 2 > sentences.length)
    throw new ModelOutputError(
      'languages-disagree',
      'summary: an English sentence has no counterpart in the French summary',
    )
  if (unsupportedSentences(article, fr).length > 0)
    throw new ModelOutputError('unsupported', 'summary: a sentence says something the article does not')
}

/** Whether every sentence of the text long enough to tell reads as French rather than English. */
function isFrench(text: string): boolean {
  const { words, french, english } = languageShare(text)
  if (words < 6) return english === 0 || french > 0
  if (french / words < 0.08 || french <= english) return false
  return sentencesOf(text).every((sentence) => {
    const share = languageShare(sentence)
    return share.words < 6 || share.french > share.english
  })
}

// Words too common to show that a sentence comes from the article.
const FRENCH_COMMON = new Set([
  'ainsi',
  'alors',
  'apres',
  'avait',
  'avant',
  'avoir',
  'cette',
  'celle',
  'comme',
  'contre',
  'depuis',
  'dont',
  'elles',
  'encore',
  'entre',
  'etait',
  'etre',
  'leurs',
  'meme',
  'notamment',
  'selon',
  'toutes',
  'tous',
  'deux',
  'trois',
  'autres',
  'aussi',
  'plus',
  'moins',
  'tandis',
  'quelques',
  'ensuite',
  'egalement',
  'pendant',
  'sous',
])

/**
 * The French summary’s sentences that the article does not support: fewer than half
 * of their content words (five letters or more) occur in the article, even by their stem.
 */
function unsupportedSentences(article: string, fr: string): string[] {
  const source = indexOf(article)
  return sentencesOf(fr).filter((sentence) => {
    const words = (fold(sentence).match(LETTERS_AND_DIGITS) ?? []).filter((w) => w.length >= 5 && !FRENCH_COMMON.has(w))
    if (words.length < 3) return false
    const found = words.filter((w) => source.has(w) || source.hasStem(w)).length
    return found / words.length < 0.5
  })
}

/**
 * A model's structured answer, parsed and validated: cut off, filtered, not JSON or not
 * `schema` is a ModelOutputError (or TruncatedOutputError) naming `what` was wrong.
 */
export function parseAnswer<T>(result: ChatResult, schema: z.ZodType<T>, what = 'the answer'): T {
  if (result.finishReason === 'length') throw new TruncatedOutputError()
  if (result.finishReason === 'content_filter') {
    throw new ModelOutputError('content-filter', "the provider's content filter stopped the answer")
  }
  let json: unknown
  try {
    json = JSON.parse(result.content)
  } catch {
    throw new ModelOutputError('invalid-json', `${what} is not valid JSON`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success)
    throw new ModelOutputError(
      'schema',
      `${what} does not match its schema (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    )
  return parsed.data
}

/**
 * Checks one English text against its French source; every failure is hard (retried,
 * never served): empty, the French echoed back (or still mostly French), a lead-in or an
 * afterword the French has nothing like, a refusal that shares nothing with the source,
 * a text with none of the source's anchors, or a length no translation has.
 */
export function checkEnglishText(en: string, fr: string, id: string): void {
  const text = en.trim()
  if (text === '') throw new ModelOutputError('empty', `${id}: the translation is empty`)
  if (looksCopied(text, fr)) throw new ModelOutputError('copied-french', `${id}: the translation is the French text`)
  const anchored = sharesAnchor(fr, text)
  if (refusalOpening(fr, text) && anchored !== true) throw new ModelOutputError('refusal', `${id}: the model refused`)
  if (addedLeadIn(fr, text) || addedAfterword(fr, text) || addedInstructions(fr, text))
    throw new ModelOutputError('commentary', `${id}: the translation carries commentary`)
  // Far less than the French is an answer that is not a translation (an injected
  // "PIRATÉ", a summary); far more is one with something added.
  if (fr.length >= 20 && text.length < fr.length * 0.35)
    throw new ModelOutputError('too-short', `${id}: the translation is far shorter than the French`)
  if (text.length > fr.length * 3 + 80)
    throw new ModelOutputError('too-long', `${id}: the translation is far longer than the French`)
  if (anchored === false)
    throw new ModelOutputError('unrelated', `${id}: the translation shares none of the French's figures and names`)
}

/**
 * Whether the English carries at least one of the French's anchors (figures in digits,
 * names); undefined when the French has too few to tell (fewer than three).
 */
export function sharesAnchor(fr: string, en: string): boolean | undefined {
  const figures = extractFrenchNumbers(fr).filter((n) => !n.words)
  const names = namesIn(fr)
  if (figures.length + names.length < 3) return undefined
  const english = extractEnglishNumbers(en)
  if (figures.some((n) => n.values.some((v) => english.has(v)))) return true
  const words = indexOf(en)
  return names.some((name) => carriedInto(name, words))
}

function looksCopied(en: string, fr: string): boolean {
  // Identical to a source that has French words in it (a bare name may stay as is; so may a token, a
  // code or a piece of base64, whose letter runs make a French "de" or "la" now and then, but few)…
  const similarLength = Math.abs(en.length - fr.length) <= Math.max(en.length, fr.length) * 0.2
  if (similarLength && sameStart(en, fr) && squash(en) === squash(fr)) {
    const source = frenchWordShare(fr)
    if (source.french >= 2 && source.french >= source.words * 0.1) return true
  }
  // …or, in a text long enough to tell, more French function words than English prose has: its own
  // prose, a French title or name kept as is (a film's, a quoted one) left out.
  const { words, french } = frenchWordShare(en)
  if (words < 8 || french / words <= 0.2) return false
  const prose = frenchWordShare(ownProse(en, /[«»“”"*_]/u.test(fr)))
  return prose.words >= 8 && prose.french / prose.words > 0.2
}

/** Whether two texts open alike: their first letters and digits (20 of them at most) are the same. */
function sameStart(en: string, fr: string): boolean {
  // Two texts whose first letters or digits differ start differently.
  const first = firstAsciiAlnum(en)
  const other = firstAsciiAlnum(fr)
  if (first > 0 && other > 0 && first !== other) return false
  return squash(en.slice(0, 40)).slice(0, 20) === squash(fr.slice(0, 40)).slice(0, 20)
}

/**
 * The first letter or digit of a text's first 40 characters, lower-cased, as a code: 0 when
 * a character beyond ASCII comes first (its lower case is not told here), -1 when there is none.
 */
function firstAsciiAlnum(text: string): number {
  for (let i = 0; i < Math.min(40, text.length); i++) {
    const code = text.charCodeAt(i)
    if (code >= 128) return 0
    if (code >= 48 && code <= 57) return code
    const lower = code | 0x20
    if (lower >= 97 && lower <= 122) return lower
  }
  return -1
}

/**
 * Whether two texts have the same runs of letters and digits (`squash`). Those of a text's
 * first 64 characters begin its own (lower case is one character at a time but for a
 * capital sigma, whose form depends on what follows): texts whose openings differ there
 * are told apart without squashing them whole.
 */
function sameSquash(a: string, b: string): boolean {
  const headA = a.slice(0, 64)
  const headB = b.slice(0, 64)
  if (!headA.includes('Σ') && !headB.includes('Σ')) {
    const startA = squash(headA)
    const startB = squash(headB)
    const shared = Math.min(startA.length, startB.length)
    if (startA.slice(0, shared) !== startB.slice(0, shared)) return false
  }
  return squash(a) === squash(b)
}

function squash(text: string): string {
  // What is left once every run of other characters is removed: the runs of letters and digits.
  return (text.toLowerCase().match(LETTERS_AND_DIGITS) ?? []).join('')
}
