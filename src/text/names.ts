/**
 * Proper names carried from one language to the other. A name is a capitalised word
 * that does not start a sentence (or an acronym anywhere): in French that is rarely
 * anything but a name, an institution or a place, and each should reappear in the
 * translation, as is ("Albert Londres", "Xi Jinping"), with its accents dropped
 * ("Élysée" → "Elysee"), as a cognate sharing its first letters ("Chine" → "China",
 * "Université" → "University"), or as a known exonym ("Pékin" → "Beijing", "OTAN" → "NATO").
 */

import { remembered } from './memo'
import { holidayMonths } from './renderings'
import { codePointBefore, LETTER_THEN_MARKS, LETTERS_AND_DIGITS, MARK, wordBounds } from './words'

// The combining diacritics (U+0300–U+036F, every one a mark), which NFD splits off
// accented Latin letters; a pattern without the Unicode flag removes them fast.
const DIACRITICS = /[\u0300-\u036f]/g
// Where any other mark could be: outside ASCII, Latin-1 and the diacritics themselves, and
// outside General Punctuation and the currency signs (U+2000–U+20CE, no mark among them),
// where French and English text have their dashes, quotes and euro sign.
const MAYBE_MARK = /[\u0370-\u1fff\u20cf-\uffff]/

// Known exonyms and translated proper nouns, French word (folded) → English words (folded).
// Words, not whole names: "Nouvelle-Écosse" is checked as "nouvelle" and "ecosse".
const EXONYMS: Record<string, string[]> = {
  pekin: ['beijing', 'peking'],
  moscou: ['moscow'],
  londres: ['london'],
  bruxelles: ['brussels'],
  varsovie: ['warsaw'],
  geneve: ['geneva'],
  lisbonne: ['lisbon'],
  athenes: ['athens'],
  copenhague: ['copenhagen'],
  venise: ['venice'],
  caire: ['cairo'],
  alger: ['algiers'],
  seoul: ['seoul'],
  teheran: ['tehran'],
  riyad: ['riyadh'],
  haye: ['hague'],
  delhi: ['delhi'],
  kiev: ['kyiv', 'kiev'],
  cisjordanie: ['west', 'bank'],
  poutine: ['putin'],
  vienne: ['vienna'],
  rome: ['rome'],
  naples: ['naples'],
  florence: ['florence'],
  milan: ['milan'],
  munich: ['munich'],
  cologne: ['cologne'],
  edimbourg: ['edinburgh'],
  douvres: ['dover'],
  anvers: ['antwerp'],
  prague: ['prague'],
  bucarest: ['bucharest'],
  pyongyang: ['pyongyang'],
  tokyo: ['tokyo'],
  canton: ['guangzhou', 'canton'],
  nankin: ['nanjing'],
  allemagne: ['germany', 'german'],
  espagne: ['spain', 'spanish'],
  france: ['france', 'french'],
  angleterre: ['england', 'english'],
  ecosse: ['scotland', 'scottish', 'scotia'],
  irlande: ['ireland', 'irish'],
  galles: ['wales', 'welsh'],
  royaume: ['kingdom', 'uk', 'britain', 'british'],
  uni: ['united', 'kingdom', 'uk', 'britain', 'british'],
  unis: ['united', 'states', 'us', 'usa', 'america', 'american'],
  etats: ['states', 'us', 'usa', 'state', 'america', 'american'],
  etat: ['state'],
  amerique: ['america', 'american', 'americas'],
  inde: ['india', 'indian'],
  grece: ['greece', 'greek'],
  suede: ['sweden', 'swedish'],
  norvege: ['norway', 'norwegian'],
  danemark: ['denmark', 'danish'],
  finlande: ['finland', 'finnish'],
  pologne: ['poland', 'polish'],
  hongrie: ['hungary', 'hungarian'],
  autriche: ['austria', 'austrian'],
  suisse: ['switzerland', 'swiss'],
  belgique: ['belgium', 'belgian'],
  pays: ['netherlands', 'countries', 'country', 'basque'],
  hollande: ['holland', 'netherlands'],
  turquie: ['turkey', 'turkish', 'turkiye'],
  chypre: ['cyprus'],
  egypte: ['egypt', 'egyptian'],
  maroc: ['morocco', 'moroccan'],
  algerie: ['algeria', 'algerian'],
  tunisie: ['tunisia', 'tunisian'],
  libye: ['libya', 'libyan'],
  liban: ['lebanon', 'lebanese'],
  syrie: ['syria', 'syrian'],
  irak: ['iraq', 'iraqi'],
  jordanie: ['jordan', 'jordanian'],
  arabie: ['arabia', 'saudi'],
  saoudite: ['saudi', 'arabia'],
  emirats: ['emirates', 'uae'],
  yemen: ['yemen'],
  koweit: ['kuwait'],
  afghanistan: ['afghanistan'],
  chine: ['china', 'chinese'],
  japon: ['japan', 'japanese'],
  coree: ['korea', 'korean'],
  nord: ['north', 'northern'],
  sud: ['south', 'southern'],
  est: ['east', 'eastern'],
  ouest: ['west', 'western'],
  occident: ['west', 'western'],
  orient: ['east', 'orient', 'mideast'],
  moyen: ['middle'],
  proche: ['near', 'middle'],
  extreme: ['far'],
  indonesie: ['indonesia'],
  malaisie: ['malaysia'],
  thailande: ['thailand', 'thai'],
  cambodge: ['cambodia'],
  birmanie: ['myanmar', 'burma'],
  australie: ['australia', 'australian'],
  zelande: ['zealand'],
  nouvelle: ['new', 'nova'],
  nouveau: ['new'],
  mexique: ['mexico', 'mexican'],
  bresil: ['brazil', 'brazilian'],
  argentine: ['argentina', 'argentine'],
  perou: ['peru'],
  colombie: ['colombia'],
  chili: ['chile'],
  bolivie: ['bolivia'],
  equateur: ['ecuador', 'equator'],
  venezuela: ['venezuela'],
  cuba: ['cuba'],
  haiti: ['haiti'],
  afrique: ['africa', 'african'],
  asie: ['asia', 'asian'],
  europe: ['europe', 'european', 'eu'],
  antarctique: ['antarctica', 'antarctic'],
  arctique: ['arctic'],
  atlantique: ['atlantic'],
  pacifique: ['pacific'],
  mediterranee: ['mediterranean'],
  manche: ['channel'],
  russie: ['russia', 'russian'],
  ukraine: ['ukraine', 'ukrainian'],
  bielorussie: ['belarus'],
  lituanie: ['lithuania'],
  lettonie: ['latvia'],
  estonie: ['estonia'],
  roumanie: ['romania'],
  bulgarie: ['bulgaria'],
  serbie: ['serbia'],
  croatie: ['croatia'],
  slovenie: ['slovenia'],
  slovaquie: ['slovakia'],
  tcheque: ['czech'],
  republique: ['republic'],
  italie: ['italy', 'italian'],
  islande: ['iceland'],
  groenland: ['greenland'],
  taiwan: ['taiwan'],
  israel: ['israel'],
  palestine: ['palestine', 'palestinian'],
  gaza: ['gaza'],
  jerusalem: ['jerusalem'],
  senegal: ['senegal'],
  cote: ['coast', 'ivory', 'cote'],
  ivoire: ['ivory'],
  cameroun: ['cameroon'],
  ethiopie: ['ethiopia'],
  somalie: ['somalia'],
  nigeria: ['nigeria'],
  kenya: ['kenya'],
  soudan: ['sudan'],
  tchad: ['chad'],
  mali: ['mali'],
  guinee: ['guinea'],
  congo: ['congo'],
  zambie: ['zambia'],
  namibie: ['namibia'],
  ouganda: ['uganda'],
  tanzanie: ['tanzania'],
  madagascar: ['madagascar'],
  maurice: ['mauritius', 'maurice'],
  caraibes: ['caribbean'],
  antilles: ['antilles', 'indies'],
  floride: ['florida'],
  californie: ['california'],
  louisiane: ['louisiana'],
  virginie: ['virginia'],
  caroline: ['carolina'],
  pennsylvanie: ['pennsylvania'],
  georgie: ['georgia'],
  dakota: ['dakota'],
  quebec: ['quebec'],
  terre: ['earth', 'land', 'newfoundland'],
  lune: ['moon'],
  soleil: ['sun'],
  mars: ['mars', 'march'],
  jupiter: ['jupiter'],
  saturne: ['saturn'],
  venus: ['venus'],
  mercure: ['mercury'],
  seine: ['seine'],
  tamise: ['thames'],
  rhin: ['rhine'],
  danube: ['danube'],
  nil: ['nile'],
  amazonie: ['amazon'],
  alpes: ['alps'],
  pyrenees: ['pyrenees'],
  corse: ['corsica'],
  bretagne: ['brittany', 'britain'],
  grande: ['great', 'britain'],
  normandie: ['normandy'],
  bourgogne: ['burgundy'],
  provence: ['provence'],
  savoie: ['savoy'],
  lorraine: ['lorraine'],
  flandre: ['flanders'],
  baviere: ['bavaria'],
  elysee: ['elysee'],
  matignon: ['matignon'],
  maison: ['house'],
  blanche: ['white'],
  otan: ['nato'],
  onu: ['un', 'united', 'nations'],
  ue: ['eu', 'european', 'union'],
  fmi: ['imf'],
  oms: ['who'],
  omc: ['wto'],
  bce: ['ecb'],
  ocde: ['oecd'],
  unesco: ['unesco'],
  cio: ['ioc'],
  sncf: ['sncf'],
  pib: ['gdp'],
  nations: ['nations', 'un'],
  unies: ['united', 'un'],
  union: ['union', 'eu'],
  europeenne: ['european', 'eu'],
  conseil: ['council'],
  cour: ['court'],
  assemblee: ['assembly'],
  nationale: ['national'],
  senat: ['senate'],
  parlement: ['parliament'],
  ministere: ['ministry', 'department'],
  gouvernement: ['government'],
  president: ['president'],
  premier: ['prime', 'first', 'premier'],
  ministre: ['minister'],
  universite: ['university'],
  eglise: ['church'],
  saint: ['saint', 'st'],
  sainte: ['saint', 'st'],
  mont: ['mount', 'mont'],
  lac: ['lake'],
  ile: ['island', 'isle'],
  iles: ['islands', 'isles'],
  fleuve: ['river'],
  riviere: ['river'],
  golfe: ['gulf'],
  mer: ['sea'],
  ocean: ['ocean'],
  baie: ['bay'],
  detroit: ['strait', 'detroit'],
  cap: ['cape'],
  vallee: ['valley'],
  parc: ['park'],
  musee: ['museum'],
  tour: ['tower', 'tour'],
  place: ['square', 'place'],
  rue: ['street', 'rue'],
  pont: ['bridge', 'pont'],
  palais: ['palace'],
  chateau: ['castle', 'chateau'],
  cathedrale: ['cathedral'],
  jeux: ['games'],
  olympiques: ['olympic', 'olympics'],
  coupe: ['cup'],
  monde: ['world'],
  ligue: ['league'],
  championnat: ['championship'],
  prix: ['prize', 'award', 'prix'],
  grand: ['grand'],
  guerre: ['war'],
  mondiale: ['world'],
  seconde: ['second', 'ii'],
  revolution: ['revolution'],
  dieu: ['god'],
  noel: ['christmas'],
  paques: ['easter'],
  ramadan: ['ramadan'],
  juifs: ['jews', 'jewish'],
  chretiens: ['christians'],
  musulmans: ['muslims'],
  catholique: ['catholic'],
  protestant: ['protestant'],
  bible: ['bible'],
  coran: ['koran', 'quran'],
  pape: ['pope'],
  vatican: ['vatican'],
  ancien: ['old', 'ancient', 'former'],
  vieux: ['old'],
  basse: ['lower'],
  haute: ['upper', 'high'],
  centre: ['center', 'centre', 'central'],
  internet: ['internet', 'web', 'online'],
  web: ['web'],
  google: ['google'],
  wikipedia: ['wikipedia'],
  lundi: ['monday'],
  mardi: ['tuesday'],
  mercredi: ['wednesday'],
  jeudi: ['thursday'],
  vendredi: ['friday'],
  samedi: ['saturday'],
  dimanche: ['sunday'],
  janvier: ['january'],
  fevrier: ['february'],
  avril: ['april'],
  mai: ['may'],
  juin: ['june'],
  juillet: ['july'],
  aout: ['august'],
  septembre: ['september'],
  octobre: ['october'],
  novembre: ['november'],
  decembre: ['december'],
  comite: ['committee'],
  meilleur: ['best'],
  meilleure: ['best'],
  dame: ['lady', 'dame'],
  premiere: ['first', 'premiere', 'prime'],
  voie: ['way'],
  lactee: ['milky'],
  livre: ['book'],
  chambre: ['house', 'chamber'],
  affaires: ['affairs', 'business', 'foreign'],
  etrangeres: ['foreign'],
  interieur: ['interior', 'home'],
  procureur: ['prosecutor', 'attorney'],
  couronne: ['crown'],
  autorite: ['authority'],
  rouge: ['red'],
  tresor: ['treasure', 'treasury'],
  templiers: ['templars'],
  libre: ['free'],
  royaumes: ['kingdoms'],
  antiquite: ['ancient', 'antiquity'],
  morts: ['dead'],
  roi: ['king'],
  reine: ['queen'],
  empire: ['empire', 'kingdom'],
  cite: ['city'],
  age: ['age', 'ages'],
  central: ['middle', 'central'],
  armee: ['army'],
  traite: ['treaty'],
  paix: ['peace'],
  notre: ['our', 'notre'],
  adn: ['dna'],
  ia: ['ai'],
  urss: ['ussr', 'soviet'],
  ei: ['isil', 'isis', 'is'],
  pdg: ['ceo'],
  ong: ['ngo'],
  occidentaux: ['westerners', 'western', 'west'],
  allemands: ['germans', 'german'],
  espagnols: ['spaniards', 'spanish'],
  norvegiens: ['norwegians', 'norwegian'],
  croises: ['crusaders'],
  federation: ['federation'],
  zelandais: ['zealand', 'zealander'],
  neo: ['new'],
  mecque: ['mecca'],
  tombouctou: ['timbuktu'],
  malouines: ['falklands', 'falkland'],
  guyane: ['guiana', 'guyana'],
  laponie: ['lapland', 'sapmi'],
  moldavie: ['moldova'],
  indes: ['indies', 'india'],
  trois: ['three'],
  acteur: ['actor'],
  actrice: ['actress'],
  chinoises: ['chinese'],
  justice: ['justice'],
  police: ['police'],
  garde: ['guard'],
  autrichienne: ['austrian'],
  autrichien: ['austrian'],
  hongroise: ['hungarian', 'hungary'],
  hongrois: ['hungarian', 'hungary'],
  afro: ['african'],
  kheops: ['khufu', 'cheops'],
  haut: ['high', 'upper', 'early'],
  bas: ['low', 'lower', 'late', 'netherlands'],
  parquet: ['prosecutor', 'prosecutors', 'prosecution'],
  prefecture: ['prefecture'],
  prefet: ['prefect'],
  russe: ['russian'],
  chinois: ['chinese'],
  chinoise: ['chinese'],
  francais: ['french'],
  francaise: ['french'],
  americain: ['american'],
  americaine: ['american'],
  britannique: ['british'],
  allemand: ['german'],
  allemande: ['german'],
  europeen: ['european'],
  africain: ['african'],
  ukrainien: ['ukrainian'],
  israelien: ['israeli'],
  palestinien: ['palestinian'],
  iranien: ['iranian'],
}

const LOWER_WORDS = new Set([
  'mr',
  'mrs',
  'ms',
  'the',
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'des',
  'du',
  'de',
  'd',
  'et',
  'en',
  'au',
  'aux',
  'à',
])

// Latin text: ASCII, Latin-1, Latin Extended-A, General Punctuation and the euro sign. None of
// these is a combining mark nor a capital sigma, so each folds on its own, whatever surrounds it.
const latinFolds = new Map<string, string>()

/** A character of Latin text without its diacritics, as `fold` reads a whole text (before lower-casing). */
function bareLatin(char: string): string {
  let bare = latinFolds.get(char)
  if (bare === undefined) {
    bare = char.normalize('NFD').replace(DIACRITICS, '')
    latinFolds.set(char, bare)
  }
  return bare
}

// Each character of Latin text beyond ASCII without its diacritics, by code: Latin-1 and Latin
// Extended-A from 0x80, then General Punctuation and the euro sign from LATIN_SIGNS.
const BARE_LATIN: string[] = []
for (let code = 0x80; code <= 0x17f; code++) BARE_LATIN[code] = bareLatin(String.fromCharCode(code))
const LATIN_SIGNS = 0x2000
for (let code = LATIN_SIGNS; code <= 0x20ac; code++)
  if (code <= 0x206f || code === 0x20ac) BARE_LATIN[code - LATIN_SIGNS + 0x180] = bareLatin(String.fromCharCode(code))

/** Lower case, accents dropped: "Élysée" → "elysee". */
export function fold(text: string): string {
  // Plain ASCII (most English) has no accent to drop.
  let i = 0
  while (i < text.length && text.charCodeAt(i) < 128) i++
  if (i === text.length) return text.toLowerCase()
  // Latin text (most French) character by character: one table look-up for each beyond ASCII,
  // instead of normalising the whole text; the rest is copied as is, in runs.
  let bare = ''
  let from = 0
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 128) continue
    let folded: string
    if (code <= 0x17f) folded = BARE_LATIN[code] as string
    else if ((code >= LATIN_SIGNS && code <= 0x206f) || code === 0x20ac)
      folded = BARE_LATIN[code - LATIN_SIGNS + 0x180] as string
    else return foldAny(text)
    bare += text.slice(from, i) + folded
    from = i + 1
  }
  return (bare + text.slice(from)).toLowerCase()
}

/** `fold` for text beyond Latin: the whole text normalised. */
function foldAny(text: string): string {
  const bare = text.normalize('NFD').replace(DIACRITICS, '')
  return (MAYBE_MARK.test(bare) ? bare.replace(MARK, '') : bare).toLowerCase()
}

export interface Name {
  /** As written in the text. */
  text: string
  acronym: boolean
}

/**
 * The names of a text: capitalised words not at a sentence start (nor function words
 * such as "Le"), and acronyms anywhere, each once.
 */
export const namesIn: (text: string) => readonly Name[] = remembered(findNames)

/** The bounds of a text's words as names are read (see wordBounds): its names and its counts of them read the same. */
const nameWordBounds: (text: string) => readonly number[] = remembered((text) => wordBounds(text, true))

function findNames(text: string): Name[] {
  const names = new Map<string, Name>()
  const bounds = nameWordBounds(text)
  for (let k = 0; k < bounds.length; k += 2) {
    const index = bounds[k] as number
    const code = text.charCodeAt(index)
    // A lower-case ASCII letter (most words) is its own lower case.
    if (code >= 97 && code <= 122) continue
    const word = text.slice(index, bounds[k + 1])
    const first = word[0] as string
    if (first === first.toLowerCase()) continue
    const acronym = word.length >= 2 && word === word.toUpperCase()
    if (!acronym && (word.length < 3 || LOWER_WORDS.has(word.toLowerCase()))) continue
    if (!acronym && startsSentence(text, index)) continue
    if (ROMAN_ORDINAL_WORD.test(word)) continue
    names.set(word, { text: word, acronym })
  }
  return [...names.values()]
}

const LIST_MARK = /[•▪►‣◦*-]/u
const LIST_ITEM_START = /[•▪►‣◦]$|(?:^|\n)[ \t]*[-*][ \t]*$/u
// (The patterns of startsSentence, made once.)
const ROMAN_ORDINAL_WORD = /^[IVXLC]+(?:e|er|ème)$/u
const SPACE = /[\s\u00A0\u202F]/u
const ELIDED_ARTICLE = /(^|[^\p{L}])[LlDd][’']$/u
const TITLE = /(?:^|[^\p{L}])(?:Dr|Mr|Mrs|Ms|St|Prof|Gen|Sen|Rep|Gov|Mgr|Mme|Mlle|Pr|M|Me)\.$/u
const SENTENCE_END = /[.!?:;«“"(—–\n]$/u

function startsSentence(text: string, index: number): boolean {
  let end = index
  while (end > 0 && SPACE.test(text[end - 1] as string)) end--
  if (end === 0) return true
  // Only the few characters before the word decide (looking further would cost quadratic time).
  const before = text.slice(Math.max(0, end - 12), end)
  // An elided article ("L'Élysée") starts the sentence when the article does.
  if (ELIDED_ARTICLE.test(before)) return startsSentence(text, end - 2)
  // "Dr. Ur", "M. Dupont": a full stop after a title does not end a sentence.
  if (TITLE.test(before)) return false
  if (SENTENCE_END.test(before)) return true
  // A list item's first word: "• Son montant", "- Les retraites" (a bullet, or a dash or star opening a line).
  return LIST_MARK.test(before.slice(-1)) && LIST_ITEM_START.test(before)
}

/**
 * The folded words of a text, for look-ups by prefix. The set of its words is built on
 * first need: a few whole-word look-ups (most checks ask for a handful of names) search
 * the folded text instead.
 */
export class WordIndex {
  private readonly folded: string
  private set: Set<string> | undefined
  // Look-ups answered by searching the text.
  private searches = 0
  private readonly prefixes = new Set<string>()
  // Prefix look-ups answered by searching the text.
  private prefixSearches = 0
  private grams: Array<[string, string[]]> | undefined

  constructor(text: string) {
    this.folded = fold(text)
  }

  /** The folded runs of letters and digits, each once. */
  private get words(): Set<string> {
    this.set ??= new Set(this.folded.match(LETTERS_AND_DIGITS))
    return this.set
  }

  /** The words' first 4 to 6 letters (the lengths looked up), built on first use. */
  private get starts(): Set<string> {
    if (this.prefixes.size === 0) {
      for (const word of this.words)
        for (let n = 4; n <= Math.min(word.length, 6); n++) this.prefixes.add(word.slice(0, n))
    }
    return this.prefixes
  }

  /**
   * Whether some word starts with `prefix` (4 to 6 characters): the first few look-ups of a
   * prefix of ASCII letters and digits search the text for it at the start of a word
   * (a long text's prefixes cost more to list than a few searches).
   */
  private hasPrefix(prefix: string): boolean {
    if (this.prefixes.size === 0 && this.prefixSearches++ < SEARCHES * 2 && ASCII_ALNUM.test(prefix))
      return startsAWord(this.folded, prefix)
    return this.starts.has(prefix)
  }

  /** The text's distinct folded words, in the order they first occur. */
  get all(): ReadonlySet<string> {
    return this.words
  }

  /**
   * Whether `test` holds for some distinct folded word, asked in the order they first
   * occur: the text is read only up to the first word for which it holds.
   */
  someWord(test: (word: string) => boolean): boolean {
    if (this.set !== undefined) {
      for (const word of this.set) if (test(word)) return true
      return false
    }
    const seen = new Set<string>()
    RUNS.lastIndex = 0
    for (let match = RUNS.exec(this.folded); match !== null; match = RUNS.exec(this.folded)) {
      const word = match[0]
      if (seen.has(word)) continue
      seen.add(word)
      if (test(word)) return true
    }
    return false
  }

  has(word: string): boolean {
    // Past a few look-ups the set costs less than searching the text for each.
    if (this.set === undefined && this.searches++ < SEARCHES) return occursAsWord(this.folded, word)
    return this.words.has(word)
  }

  /** Whether some word of the text shares the first five letters of `word` (or all of a shorter one). */
  hasStem(word: string): boolean {
    return word.length <= 5 ? this.words.has(word) : this.hasPrefix(word.slice(0, 5))
  }

  /**
   * Whether some word of the text starts like `word` (its first 4 letters, or all of a
   * shorter word) or is spelt much like it from the same first letter ("Bichkek" and "Bishkek", "Gizeh" and "Giza",
   * "Kyriat" and "Kiryat").
   */
  hasCognate(word: string): boolean {
    if (word.length < 4) return this.words.has(word)
    if (this.hasPrefix(word.slice(0, Math.min(6, Math.max(4, word.length - 3))))) return true
    const grams = bigrams(word)
    this.grams ??= [...this.words].filter((w) => w.length >= 4).map((w) => [w, bigrams(w)])
    for (const [other, otherGrams] of this.grams) {
      if (other[0] !== word[0] || Math.abs(other.length - word.length) > 3) continue
      if (dice(grams, otherGrams) >= 0.5 || (other.length === word.length && sorted(other) === sorted(word)))
        return true
    }
    return false
  }
}

// How many look-ups of a word index search its text before its set of words is built.
const SEARCHES = 8

/**
 * Whether `word` is one of the runs of letters and digits of `text`: a run of its own,
 * found in the text with no letter or digit on either side.
 */
function occursAsWord(text: string, word: string): boolean {
  if (!WHOLE_RUN.test(word)) return false
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isLetterOrDigit(codePointBefore(text, at)) && !isLetterOrDigit(text.codePointAt(at + word.length))) return true
  }
  return false
}

const ASCII_ALNUM = /^[a-z0-9]+$/

/**
 * Whether a run of letters and digits of `text` starts with `prefix` (ASCII letters and digits
 * only, so that the run goes on at least as far as the prefix wherever it is found).
 */
function startsAWord(text: string, prefix: string): boolean {
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    if (!isLetterOrDigit(codePointBefore(text, at))) return true
  }
  return false
}

// The runs of letters and digits, read one at a time (this module's own pattern: `exec` leaves it where it
// stopped).
const RUNS = new RegExp(LETTERS_AND_DIGITS.source, 'gu')
const WHOLE_RUN = /^[\p{L}\p{N}]+$/u
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u

function isLetterOrDigit(code: number | undefined): boolean {
  if (code === undefined) return false
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
  return LETTER_OR_DIGIT.test(String.fromCodePoint(code))
}

/** The letters of a word in order: "Kyriat" and "Kiryat" have the same. */
function sorted(word: string): string {
  return [...word].sort().join('')
}

function bigrams(word: string): string[] {
  const grams: string[] = []
  for (let i = 0; i < word.length - 1; i++) grams.push(word.slice(i, i + 2))
  return grams
}

function dice(a: string[], b: string[]): number {
  const pool = [...b]
  let shared = 0
  for (const gram of a) {
    const i = pool.indexOf(gram)
    if (i >= 0) {
      shared++
      pool.splice(i, 1)
    }
  }
  return (2 * shared) / (a.length + b.length)
}

/** The index of a text's words, shared by the checks of one answer (and of those checked beside it). */
export const indexOf: (text: string) => WordIndex = remembered((text) => new WordIndex(text), 64)

/** Whether a French name reappears in text indexed by `english`. */
export function carriedInto(name: Name, english: WordIndex): boolean {
  const word = fold(name.text)
  if (english.has(word)) return true
  const exonyms = EXONYMS[word]
  if (exonyms?.some((e) => english.has(e))) return true
  return !name.acronym && english.hasCognate(word)
}

/** Whether an English name has a counterpart in French text indexed by `french`. */
export function carriedFrom(name: Name, french: WordIndex): boolean {
  const word = fold(name.text)
  if (french.has(word)) return true
  if (REVERSE.get(word)?.some((fr) => french.has(fr))) return true
  return !name.acronym && french.hasCognate(word)
}

const REVERSE = new Map<string, string[]>()
for (const [fr, ens] of Object.entries(EXONYMS)) {
  for (const en of ens) REVERSE.set(en, [...(REVERSE.get(en) ?? []), fr])
}

/**
 * The French names (as written) that the English does not carry. A name rendered as a
 * whole by its English counterpart is carried too: a generic word of a longer name ("Îles",
 * "Place") when another word of it reappears ("les Îles Canaries" → "the Canaries"), and
 * every word of a title or place introduced by a descriptive noun ("le film …", "la bataille
 * de …", "le pont …") when the English keeps that noun with a name of its own beside it
 * ("the Battle of the Bulge", "the Bridge of Sighs").
 */
export function missingNames(fr: string, en: string): string[] {
  const english = indexOf(en)
  const missing = namesIn(fr).filter((name) => !name.acronym && !carriedInto(name, english))
  if (missing.length === 0) return []
  const phrases = namePhrases(fr)
  const titled = new Set(phrases.filter((phrase) => renamedInEnglish(phrase, fr, en)).flatMap((p) => p.words))
  for (const word of translatedTitles(fr, en)) titled.add(word)
  for (const month of holidayMonths(fr)) titled.add(month)
  return missing
    .filter((name) => {
      if (titled.has(name.text)) return false
      const word = fold(name.text)
      if (!GENERIC.has(word)) return true
      // A generic word is rendered with its name when another word of that name is carried.
      return !phrases.some(
        (phrase) =>
          phrase.words.includes(name.text) &&
          phrase.words.some((other) => other !== name.text && carriedInto({ text: other, acronym: false }, english)),
      )
    })
    .map((name) => name.text)
}

// Common nouns and titles that name things only as part of a longer name: "Îles Canaries",
// "Place Tiananmen", "Cour des comptes", "Bureau du Procureur".
const GENERIC = new Set([
  'ile',
  'iles',
  'place',
  'rue',
  'avenue',
  'boulevard',
  'pont',
  'saint',
  'sainte',
  'mont',
  'lac',
  'fleuve',
  'golfe',
  'mer',
  'baie',
  'cap',
  'vallee',
  'parc',
  'palais',
  'musee',
  'chateau',
  'cathedrale',
  'eglise',
  'tour',
  'procureur',
  'couronne',
  'bureau',
  'cour',
  'conseil',
  'ministere',
  'comite',
  'tribunal',
  'office',
  'agence',
  'autorite',
  'haut',
  'haute',
  'grand',
  'grande',
  'bataille',
  'guerre',
  'traite',
  'accords',
  'prix',
  'coupe',
  'jeux',
  'republique',
  'royaume',
  'empire',
  'parti',
  'front',
  'union',
  'assemblee',
  'universite',
  'ecole',
  'institut',
  'centre',
])

// Nouns that introduce a title or a named place, with their English renderings: what follows
// may have an established English name that shares nothing with the French one.
const HEADS: Record<string, string[]> = {
  film: ['film', 'movie'],
  livre: ['book'],
  roman: ['novel', 'book'],
  serie: ['series', 'show'],
  chanson: ['song'],
  album: ['album', 'record'],
  piece: ['play'],
  opera: ['opera'],
  tableau: ['painting'],
  jeu: ['game'],
  emission: ['show', 'programme', 'program'],
  bataille: ['battle'],
  operation: ['operation'],
  place: ['square', 'plaza'],
  rue: ['street'],
  pont: ['bridge'],
  ile: ['island', 'isle'],
  mont: ['mount', 'mountain'],
  lac: ['lake'],
  col: ['pass'],
  baie: ['bay'],
  cap: ['cape'],
}

interface NamePhrase {
  /** Its capitalised words, as written. */
  words: string[]
  /** Where it starts in the text. */
  start: number
}

/**
 * Runs of capitalised words, joined by spaces, hyphens, apostrophes or linking words
 * ("Cour des comptes", "Le Rouge et le Noir", "Charles-de-Gaulle", "Mirepoix-sur-Tarn").
 */
function namePhrases(text: string): NamePhrase[] {
  const phrases: NamePhrase[] = []
  const link =
    /^(?:[\s\u00A0\u202F'’-]+|[\s\u00A0\u202F]+(?:(?:de|du|des|la|le|les|et|l['’]|d['’])[\s\u00A0\u202F]*)+)$/u
  let current: NamePhrase | undefined
  let end = 0
  for (const match of text.matchAll(LETTER_THEN_MARKS)) {
    const word = match[0]
    const capital = word[0] !== (word[0] as string).toLowerCase()
    const joined = current !== undefined && link.test(text.slice(end, match.index))
    if (capital && joined) (current as NamePhrase).words.push(word)
    else if (capital) {
      current = { words: [word], start: match.index }
      phrases.push(current)
    } else if (!joined || !/^(?:de|du|des|la|le|les|et|l|d)$/u.test(word)) {
      // "Mirepoix-sur-Tarn": a lower-case word between hyphens is part of the name.
      const hyphenated = text.slice(end, match.index) === '-' && text[match.index + word.length] === '-'
      if (!hyphenated) current = undefined
    }
    end = match.index + word.length
  }
  return phrases
}

/**
 * Whether a French name phrase introduced by a descriptive noun ("le film X") is rendered by
 * an English name of its own: the English has the noun's rendering with, within three words
 * before it or six after it, a capitalised word that the French does not account for.
 */
function renamedInEnglish(phrase: NamePhrase, fr: string, en: string): boolean {
  const before = fold(fr.slice(Math.max(0, phrase.start - 30), phrase.start))
  const head = /(\p{L}+)[\s\u00A0\u202F]+(?:(?:de|du|des|d['’])[\s\u00A0\u202F]*)?(?:la |le |les |l['’])?$/u.exec(
    before,
  )?.[1]
  const renderings = head === undefined ? undefined : HEADS[head]
  if (!renderings) return false
  // A name the English keeps in part, as written ("Charles-de-Lambert Square"), is not renamed; one
  // it translates word by word ("Le Rouge et le Noir", "The Red and the Black") may be.
  const english = indexOf(en)
  const own = phrase.words.filter((word) => !GENERIC.has(fold(word)))
  const kept = own.filter((word) => english.has(fold(word)) || english.hasCognate(fold(word))).length
  if (kept * 2 >= own.length) return false
  const added = new Set(addedNames(fr, en))
  const words = [...en.matchAll(/\p{L}[\p{L}\p{M}'’]*/gu)].map((m) => m[0].replace(/['’]s?$/u, ''))
  return words.some(
    (word, i) =>
      renderings.includes(word.toLowerCase()) &&
      words.slice(Math.max(0, i - 3), i + 7).some((other) => added.has(other)),
  )
}

/** The English names (as written) with no counterpart in the French. */
export function addedNames(fr: string, en: string): string[] {
  const french = indexOf(fr)
  return namesIn(en)
    .filter((name) => !name.acronym && !carriedFrom(name, french))
    .map((name) => name.text)
}

/**
 * The English names that may stand in for a French one: those with no counterpart in the
 * French, leaving out the renderings of a generic noun ("the Elysée Palace", "… Square"),
 * which a translator adds without naming anything new.
 */
export function substituteNames(fr: string, en: string): string[] {
  return addedNames(fr, en).filter((name) => {
    // An adjective of nationality or language names no one: "the French foreign ministry" for "le Quai d'Orsay".
    if (isDemonym(name)) return false
    const sources = REVERSE.get(fold(name))
    return !sources?.length || !sources.every((word) => GENERIC.has(word))
  })
}

// English adjectives of nationality and language (and their plurals), capitalised but naming no one.
const DEMONYMS = new Set(
  [
    'french english british german italian spanish portuguese dutch belgian swiss austrian irish scottish welsh',
    'european american canadian mexican brazilian argentine argentinian chilean colombian peruvian venezuelan',
    'cuban african algerian moroccan tunisian egyptian libyan malian senegalese nigerian ivorian congolese',
    'ethiopian kenyan asian chinese japanese korean vietnamese thai indian pakistani afghan iranian iraqi',
    'syrian lebanese israeli palestinian jordanian saudi turkish greek cypriot russian ukrainian belarusian',
    'polish czech slovak hungarian romanian bulgarian serbian croatian bosnian albanian slovenian danish',
    'swedish norwegian finnish icelandic estonian latvian lithuanian georgian armenian australian arab arabic',
    'hebrew latin persian kurdish catalan basque breton corsican flemish walloon western eastern northern southern',
  ]
    .join(' ')
    .split(' '),
)

/** Whether an English capitalised word is an adjective of nationality or language ("French", "Italians"). */
export function isDemonym(word: string): boolean {
  const folded = fold(word).replace(/['’]s$/u, '')
  return DEMONYMS.has(folded) || (folded.endsWith('s') && DEMONYMS.has(folded.slice(0, -1)))
}

// English words too common to show that two texts say the same thing.
const ENGLISH_COMMON = new Set([
  'about',
  'after',
  'again',
  'their',
  'there',
  'these',
  'those',
  'which',
  'while',
  'would',
  'could',
  'should',
  'other',
  'being',
  'where',
  'every',
  'still',
  'since',
  'until',
  'under',
  'before',
  'between',
  'through',
  'during',
  'because',
  'around',
  'among',
  'often',
  'never',
  'always',
  'without',
  'within',
  'people',
  'years',
  'first',
  'three',
  'including',
])

/** The English's content words: five letters or more, not among the commonest. */
function contentWords(en: string): string[] {
  const words: string[] = []
  for (const word of indexOf(en).all) if (word.length >= 5 && !ENGLISH_COMMON.has(word)) words.push(word)
  return words
}

/** Whether an English word has a counterpart in the French: the same word, a cognate or an exonym. */
function carriedWord(word: string, french: WordIndex): boolean {
  return carriedFrom({ text: word, acronym: false }, french)
}

/**
 * Whether none of the English's content words (five letters or more, seven of them at
 * least) has a counterpart in the French — the same word, a cognate or an exonym. The
 * English is read word by word up to the first one carried, which answers.
 */
export function sharesNoWord(fr: string, en: string): boolean {
  let total = 0
  let french: WordIndex | undefined
  const carried = indexOf(en).someWord((word) => {
    if (word.length < 5 || ENGLISH_COMMON.has(word)) return false
    total++
    french ??= indexOf(fr)
    return carriedWord(word, french)
  })
  return !carried && total >= 7
}

/**
 * The share of the English's content words that have a counterpart in the French;
 * undefined when it has fewer than four (too few to tell).
 */
export function sharedWordShare(fr: string, en: string): number | undefined {
  const words = contentWords(en)
  if (words.length < 4) return undefined
  const french = indexOf(fr)
  return words.filter((word) => carriedWord(word, french)).length / words.length
}

// French words too common to show that a sentence has a counterpart in the English.
const FRENCH_COMMON = new Set([
  'cette',
  'comme',
  'entre',
  'depuis',
  'aussi',
  'encore',
  'selon',
  'leurs',
  'avoir',
  'avait',
  'etait',
  'toutes',
  'autres',
  'apres',
  'avant',
  'alors',
  'ainsi',
  'quelques',
  'pendant',
  'contre',
])

/**
 * Whether a French sentence leaves a trace of its own in the English: one of its content
 * words (five letters or more, not a name, not shared with the rest of the French, `rest`)
 * reappears as is, as a cognate or as an exonym. A sentence merged into another keeps one;
 * a sentence dropped leaves at most words that its neighbours have too.
 */
export function leavesTrace(sentence: string, rest: string, en: string): boolean {
  const english = indexOf(en)
  const others = indexOf(rest)
  return (sentence.match(LETTERS_AND_DIGITS) ?? [])
    .filter((w) => w.length >= 5 && w[0] === (w[0] as string).toLowerCase())
    .map(fold)
    .some((w) => !FRENCH_COMMON.has(w) && !others.hasStem(w) && carriedInto({ text: w, acronym: false }, english))
}

/**
 * Whether an English sentence leaves a trace of its own in the French: one of its content
 * words (five letters or more, not among the commonest, not shared with the rest of the
 * English, `rest`) has a counterpart in the French, as is, as a cognate or as an exonym.
 * A sentence with fewer than three such words is too short to tell, and counts as having one.
 */
export function hasCounterpart(sentence: string, rest: string, fr: string): boolean {
  const others = indexOf(rest)
  const words = (fold(sentence).match(LETTERS_AND_DIGITS) ?? []).filter(
    (w) => w.length >= 5 && !ENGLISH_COMMON.has(w) && !others.hasStem(w),
  )
  if (words.length < 3) return true
  const french = indexOf(fr)
  return words.some((w) => carriedFrom({ text: w, acronym: false }, french))
}

/**
 * The French names written as is in the English but fewer times there than in the French:
 * "Goma … Goma" rendered "Goma … Novak". (Only names of four letters or more, counted as
 * whole words.)
 */
export function fewerTimes(fr: string, en: string): string[] {
  const candidates = namesIn(fr).filter(
    (name) => !name.acronym && name.text.length >= 4 && /^[\p{L}]+$/u.test(name.text),
  )
  if (candidates.length === 0) return []
  const french = wordCounts(
    fr,
    candidates.map((name) => name.text),
  )
  // Only a name the French repeats can be kept fewer times: the English is read for those alone.
  const names = candidates.filter((name) => countOf(french, name.text) >= 2)
  if (names.length === 0) return []
  // Its English forms count too: "France … la France" is "French … France".
  const forms = names.map((name) => [...new Set([name.text, ...(EXONYMS[fold(name.text)] ?? [])])])
  const english = wordCounts(en, forms.flat())
  return names
    .filter((name, i) => {
      const inEnglish = (forms[i] as string[]).reduce((n, form) => n + countOf(english, form), 0)
      return inEnglish > 0 && inEnglish < countOf(french, name.text)
    })
    .map((name) => name.text)
}

function countOf(counts: Map<string, number>, word: string): number {
  return counts.get(word.toLowerCase()) ?? 0
}

/** How many times each of `words` occurs in a text, in any case (its words read as namesIn reads them). */
function wordCounts(text: string, words: readonly string[]): Map<string, number> {
  const wanted = new Set(words.map((word) => word.toLowerCase()))
  const lengths = new Set([...wanted].map((word) => word.length))
  const counts = new Map<string, number>()
  // Lower-casing keeps a word's length (but for "İ", which becomes two characters): a
  // word of another length is none of those wanted.
  const dottedI = text.includes('İ')
  const bounds = nameWordBounds(text)
  for (let k = 0; k < bounds.length; k += 2) {
    const start = bounds[k] as number
    const end = bounds[k + 1] as number
    if (!dottedI && !lengths.has(end - start)) continue
    const word = text.slice(start, end)
    if (!lengths.has(word.length) && !word.includes('İ')) continue
    const lower = word.toLowerCase()
    if (wanted.has(lower)) counts.set(lower, (counts.get(lower) ?? 0) + 1)
  }
  return counts
}

// A work's title marked as such: in italics (*…*, _…_) or in quotation marks.
const MARKED_TITLE = new RegExp(
  [
    String.raw`\*([^*\n]{2,80})\*|(?<![\p{L}\p{N}])_([^_\n]{2,80})_(?![\p{L}\p{N}])|`,
    String.raw`«\s*([^«»]{2,80}?)\s*»|“([^“”]{2,80})”|"([^"\n]{2,80})"`,
  ].join(''),
  'gu',
)
// Or a run of words from a capital to the year in parentheses after it ("Voyage en Italie (1954)").
const YEAR_AFTER = /\(\d{4}\)/gu

// The small words inside a title: "Pierrot le Fou", "Voyage en Italie", "Journey to Italy".
const TITLE_SMALL = new RegExp(
  [
    String.raw`^(?:le|la|les|l['’]\p{L}+|de|du|des|d['’]\p{L}+|en|à|au|aux|sur|dans|pour|un|une|`,
    'of|to|in|the|a|an|for|on|at|from|with|by)$',
  ].join(''),
  'u',
)

/**
 * The title just before a year in parentheses: the last run of capitalised words and small words
 * ("Pierrot le Fou" in "reprend Pierrot le Fou (1965)"; not a possessive, "Godard's"). Names joined
 * by "et" or "and", or a lone name, are a reference's authors ("Dupont et Kim (1998)"): no title.
 */
function datedTitle(before: string): string {
  const run: string[] = []
  for (const word of before
    .trimEnd()
    .split(/[\s\u00A0]+/u)
    .slice(-8)
    .reverse()) {
    if (/['’]s$/u.test(word) || !(/^\p{Lu}/u.test(word) || TITLE_SMALL.test(word))) break
    run.unshift(word)
  }
  while (run.length > 0 && !/^\p{Lu}/u.test(run[0] as string)) run.shift()
  return run.length >= 2 ? run.join(' ') : ''
}

/** The titles of works a text marks (italics, quotation marks, a year in parentheses after it). */
function markedTitles(text: string): string[] {
  const titles: string[] = []
  if (/[*_«“"]/u.test(text))
    for (const match of text.matchAll(MARKED_TITLE)) titles.push(match.slice(1).find((g) => g !== undefined) ?? '')
  if (text.includes('('))
    for (const match of text.matchAll(YEAR_AFTER))
      titles.push(datedTitle(text.slice(Math.max(0, match.index - 120), match.index)))
  // A title starts with a capital; a quoted sentence of more than eight words is a quotation, not a title.
  return titles.filter((title) => /^\p{Lu}/u.test(title) && title.split(/\s+/u).length <= 8)
}

/**
 * The words of the French titles of works that the English translates ("Voyage en Italie
 * (1954)" → "Journey to Italy (1954)", *Le Mépris* → *Contempt*): a title the French marks
 * (italics, quotation marks, a year in parentheses after it) is not demanded word by word
 * when the English marks as many titles, one of them with a capitalised word the French
 * does not account for. An unmarked name changed ("les monts Zagros" → "the Dupont
 * Mountains") is still a name changed.
 */
export function translatedTitles(fr: string, en: string): string[] {
  const french = markedTitles(fr)
  if (french.length === 0) return []
  const english = markedTitles(en)
  if (english.length < french.length) return []
  const source = indexOf(fr)
  const renamed = english.some((title) => namesIn(`x ${title}`).some((name) => !carriedFrom(name, source)))
  if (!renamed) return []
  return french.flatMap((title) => namesIn(`x ${title}`).map((name) => name.text))
}

// The endings English drops from a French word: "Sentinelle" → "Sentinel", "Afghanes" → "Afghan".
const FRENCH_TAIL = /^(?:e|es|le|les|ne|nes|te|tes|se|ses|ie|ies|ue|ues|que|ques|s|x)$/u
const DEMONYM_ENDING = /(?:ais|aise|aises|ien|iens|ienne|iennes|ois|oise|oises|ain|ains|aine|aines|éens?)$/u

/**
 * The French names the English writes cut short: a name of five letters or more missing as
 * is, while the English has a name that is its first letters with two or more dropped
 * ("Rossellini" → "Rosselli"), and the French does not have that shorter word itself. A word
 * for a place's people ("les Lyonnais" → "Lyon") is not a name cut short.
 */
export function shortenedNames(fr: string, en: string): string[] {
  const englishIndex = indexOf(en)
  // Only a French name the English does not write as is may have been cut short (most are written as is).
  const candidates = namesIn(fr).filter((name) => {
    if (name.acronym || name.text.length < 5) return false
    const word = fold(name.text)
    if (DEMONYM_ENDING.test(word) || englishIndex.has(word)) return false
    return !EXONYMS[word]?.some((form) => englishIndex.has(form))
  })
  if (candidates.length === 0) return []
  const english = namesIn(en).filter((name) => !name.acronym && name.text.length >= 4)
  if (english.length === 0) return []
  const french = indexOf(fr)
  return candidates
    .filter((name) => {
      const word = fold(name.text)
      return english.some((other) => {
        const short = fold(other.text)
        const tail = word.slice(short.length)
        return tail.length >= 2 && !FRENCH_TAIL.test(tail) && word.startsWith(short) && !french.has(short)
      })
    })
    .map((name) => name.text)
}

// An English name of an organisation or a work: three capitalised words or more, or capitalised words
// joined by small words ("French Railway Workers' Federation", "History of Women in the West").
const ENGLISH_NAME_RUN = new RegExp(
  String.raw`\p{Lu}[\p{L}\p{M}'’-]*(?:[\s\u00A0]+(?:(?:of|in|the|for|on|at|to)[\s\u00A0]+){0,2}` +
    String.raw`\p{Lu}[\p{L}\p{M}'’-]*)+`,
  'gu',
)

/**
 * The English names that render a French name as a whole: every capitalised word of an
 * English name of three words or more, or one joined by small words, of which some word
 * (not an adjective of nationality) carries a word of a French name written in sentence
 * case, one that starts with a capitalised word followed by words in lower case
 * ("Fédération française des cheminots" → "French Railway Workers' Federation"; "Syndicat
 * national des enseignants du second degré" → "National Union of Secondary Teachers";
 * "l'Histoire des femmes en Occident" → "History of Women in the West"). A person renamed
 * ("Mason Okafor" for "Mason Greenwood") is two words: not such a name; nor is a run with
 * two words in a row kept from the French (a name kept, "Vladimir Putin", or a title,
 * "Finance Minister") beside a word of its own ("Finance Minister Paul Okafor").
 */
export function renderedNames(french: string, en: string, least = 1): Set<string> {
  const rendered = new Set<string>()
  const { heads, tails } = nameHeads(french)
  if (heads.length === 0) return rendered
  const headWords = indexOf(heads.join(' '))
  const tailWords = indexOf(tails.join(' '))
  const frenchWords = indexOf(french)
  for (const [run] of en.matchAll(ENGLISH_NAME_RUN)) {
    const words = (run.match(/\p{Lu}[\p{L}\p{M}]*/gu) ?? []).filter((word) => !/^(?:The|A|An)$/u.test(word))
    const linked = /[\s\u00A0](?:of|in|the|for|on|at|to)[\s\u00A0]/u.test(run)
    if (words.length < 3 && !linked) continue
    const kept = words.map((word) => carriedFrom({ text: word, acronym: false }, frenchWords))
    // Two words in a row kept from the French are a name or a title kept as is ("Vladimir Putin",
    // "Chinese President"): what stands beside them in capitals is not part of a rendering.
    if (kept.some((one, i) => one && kept[i + 1])) continue
    const own = words.filter((word) => !isDemonym(word))
    const fromTails = own.filter((word) => carriedFrom({ text: word, acronym: false }, tailWords)).length
    const fromHeads = own.filter((word) => carriedFrom({ text: word, acronym: false }, headWords)).length
    // Two words or more must count one of the name's words in lower case: two names side by side
    // ("Bennet School in North Carolina" for "l'école Bennet en Caroline du Nord") are no rendering.
    if (fromTails + fromHeads >= least && (least < 2 || fromTails > 0)) for (const word of words) rendered.add(word)
  }
  return rendered
}

/**
 * The words of a text's names written in sentence case: its heads, names (as namesIn reads
 * them) that no other name precedes and a word in lower case follows, and their tails, the
 * words in lower case after them (up to six, to a conjunction or a common verb: "Fédération"
 * and "française des cheminots"; "Syndicat" and "national des enseignants du second"; not
 * "Poutine" after "Vladimir").
 */
// Words that end a name written in sentence case: a conjunction, a relative, a common verb.
const CLAUSE_WORDS = new Set(
  'et ou mais qui que dont a ont est sont était avait sera doit va peut selon pour avec'.split(' '),
)

function nameHeads(text: string): { heads: string[]; tails: string[] } {
  const names = new Set(namesIn(text).map((name) => name.text))
  const heads: string[] = []
  const tails: string[] = []
  if (names.size === 0) return { heads, tails }
  const words = [...text.matchAll(/[\p{L}\p{M}]+|[^\p{L}\p{M}\s]/gu)].map((match) => match[0])
  words.forEach((word, i) => {
    if (!names.has(word)) return
    const before = words[i - 1] ?? ''
    const after = words[i + 1] ?? ''
    if (names.has(before) || !/^\p{Ll}/u.test(after)) return
    heads.push(word)
    // The words in lower case that follow, to the next capital, punctuation, conjunction or verb.
    for (const next of words.slice(i + 1, i + 7)) {
      if (!/^\p{Ll}/u.test(next) || CLAUSE_WORDS.has(next)) break
      tails.push(next)
    }
  })
  return { heads, tails }
}
