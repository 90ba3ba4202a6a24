/**
 * What of an English text is its own prose: the text without its quotations, its titles in
 * italics and its runs of capitalised words (a French title or name kept as is, "Les Nuits
 * de Naples", "Cour des comptes"). An English text that keeps a French title is not French;
 * one whose own prose is French is.
 */

// A quotation («…», “…”, "…") or a title in italics (*…*, _…_).
const QUOTED = String.raw`«[^«»]*»|“[^“”]*”|"[^"\n]*"`
const ITALIC = String.raw`\*[^*\n]+\*|(?<![\p{L}\p{N}])_[^_\n]+_(?![\p{L}\p{N}])`
const QUOTED_OR_ITALIC = new RegExp(`${QUOTED}|${ITALIC}`, 'gu')

// Two capitalised words or more, joined by spaces, hyphens, apostrophes or the linking words
// of French and English names ("Les Nuits de Naples", "Quai d'Orsay", "Bank of England").
const CAPITALISED = String.raw`\p{Lu}[\p{L}\p{M}]*`
const LINK_WORDS = "de|du|des|la|le|les|et|en|sur|of|the|and|l['’]|d['’]"
const LINK = String.raw`(?:[\s\u00A0'’-]+(?:(?:${LINK_WORDS})[\s\u00A0]+)*)`
const NAME_RUN = new RegExp(`(?<![\\p{L}\\p{M}])${CAPITALISED}(?:${LINK}(?:[ldLD]['’])?${CAPITALISED})+`, 'gu')

/**
 * The English's own prose: its short quotations and titles in italics (of eight words at
 * most, when `quoted`: the French marks titles too) and runs of two capitalised words or more
 * removed (each replaced by a space).
 */
export function ownProse(text: string, quoted = true): string {
  // A title is short: a whole sentence kept in French inside quotes or italics is still French prose.
  const titles = quoted ? text.replace(QUOTED_OR_ITALIC, (span) => (span.split(/\s+/u).length <= 8 ? ' ' : span)) : text
  return titles.replace(NAME_RUN, ' ')
}
