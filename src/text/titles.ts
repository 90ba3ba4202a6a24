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
 * The English's own prose: its quotations, titles in italics and runs of two capitalised
 * words or more removed (each replaced by a space).
 */
export function ownProse(text: string): string {
  return text.replace(QUOTED_OR_ITALIC, ' ').replace(NAME_RUN, ' ')
}
