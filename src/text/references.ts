/**
 * HTML character references in typed text: a text copied out of a page's source, a CMS
 * export or a feed often carries `&rsquo;`, `&eacute;`, `&#233;` or `&#x2019;` for the
 * characters themselves. Only well-formed references are decoded: a known name, or a
 * number, closed by `;`. An ampersand in prose ("AT&T", "R&D", "Marks & Spencer", "&c.")
 * is not a reference and stays.
 */

// The names HTML 4 defined (those CMSs and editors write), with their code points. Latin-1's
// 96 from U+00A0 in order, then the rest: markup, Latin Extended, Greek, punctuation,
// letterlike, arrows, mathematical operators, technical, shapes and suits.
const LATIN_1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
const OTHERS: Record<string, number> = {
  quot: 0x22,
  amp: 0x26,
  apos: 0x27,
  lt: 0x3c,
  gt: 0x3e,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
  Yuml: 0x178,
  fnof: 0x192,
  circ: 0x2c6,
  tilde: 0x2dc,
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  dagger: 0x2020,
  Dagger: 0x2021,
  bull: 0x2022,
  hellip: 0x2026,
  permil: 0x2030,
  prime: 0x2032,
  Prime: 0x2033,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  oline: 0x203e,
  frasl: 0x2044,
  euro: 0x20ac,
  image: 0x2111,
  weierp: 0x2118,
  real: 0x211c,
  trade: 0x2122,
  alefsym: 0x2135,
  larr: 0x2190,
  uarr: 0x2191,
  rarr: 0x2192,
  darr: 0x2193,
  harr: 0x2194,
  crarr: 0x21b5,
  lArr: 0x21d0,
  uArr: 0x21d1,
  rArr: 0x21d2,
  dArr: 0x21d3,
  hArr: 0x21d4,
  forall: 0x2200,
  part: 0x2202,
  exist: 0x2203,
  empty: 0x2205,
  nabla: 0x2207,
  isin: 0x2208,
  notin: 0x2209,
  ni: 0x220b,
  prod: 0x220f,
  sum: 0x2211,
  minus: 0x2212,
  lowast: 0x2217,
  radic: 0x221a,
  prop: 0x221d,
  infin: 0x221e,
  ang: 0x2220,
  and: 0x2227,
  or: 0x2228,
  cap: 0x2229,
  cup: 0x222a,
  int: 0x222b,
  there4: 0x2234,
  sim: 0x223c,
  cong: 0x2245,
  asymp: 0x2248,
  ne: 0x2260,
  equiv: 0x2261,
  le: 0x2264,
  ge: 0x2265,
  sub: 0x2282,
  sup: 0x2283,
  nsub: 0x2284,
  sube: 0x2286,
  supe: 0x2287,
  oplus: 0x2295,
  otimes: 0x2297,
  perp: 0x22a5,
  sdot: 0x22c5,
  lceil: 0x2308,
  rceil: 0x2309,
  lfloor: 0x230a,
  rfloor: 0x230b,
  lang: 0x2329,
  rang: 0x232a,
  loz: 0x25ca,
  spades: 0x2660,
  clubs: 0x2663,
  hearts: 0x2665,
  diams: 0x2666,
}
const GREEK = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho'
const GREEK_AFTER_RHO = 'Sigma Tau Upsilon Phi Chi Psi Omega'

const NAMED: ReadonlyMap<string, string> = (() => {
  const named = new Map<string, string>()
  LATIN_1.split(' ').forEach((name, i) => {
    named.set(name, String.fromCodePoint(0xa0 + i))
  })
  for (const [name, code] of Object.entries(OTHERS)) named.set(name, String.fromCodePoint(code))
  // Greek: capitals from U+0391 (none at U+03A2), small letters 0x20 further (final sigma at U+03C2).
  const greek = [...GREEK.split(' '), '', ...GREEK_AFTER_RHO.split(' ')]
  greek.forEach((name, i) => {
    if (name === '') return
    named.set(name, String.fromCodePoint(0x391 + i))
    named.set(name.toLowerCase(), String.fromCodePoint(0x3b1 + i))
  })
  named.set('sigmaf', '\u03C2')
  named.set('thetasym', '\u03D1')
  named.set('upsih', '\u03D2')
  named.set('piv', '\u03D6')
  return named
})()

// Numeric references to 0x80–0x9F mean what windows-1252 puts there (as browsers read
// them): old CMSs write `&#146;` for ’ and `&#156;` for œ. (0 stands for an unassigned byte.)
const WINDOWS_1252 = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
]

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,9}));/g

/**
 * Decodes the well-formed HTML character references in `text`, once (`&amp;eacute;` gives
 * `&eacute;`). A reference to no character (an unknown name, a surrogate, zero, past
 * U+10FFFF) is left as written.
 *
 * @example decodeReferences('Conseil d&rsquo;&Eacute;tat, AT&T, R&D') // 'Conseil d’État, AT&T, R&D'
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED.get(name) ?? reference
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16)
    const windows = code >= 0x80 && code <= 0x9f ? (WINDOWS_1252[code - 0x80] as number) : code
    if (windows === 0 || windows > 0x10ffff || (windows >= 0xd800 && windows <= 0xdfff)) return reference
    return String.fromCodePoint(windows)
  })
}
