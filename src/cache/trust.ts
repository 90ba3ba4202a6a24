/**
 * What may be shared across cache scopes. A paragraph is translated inside a batch, with
 * its siblings and their glossary entries in the same prompt: text that reads like an
 * instruction to the model, or a glossary entry meant for a sibling, can shape its
 * translation. Such a translation is kept in the caller's own scope; only a paragraph
 * whose context held nothing of the kind is shared (see docs/security.md).
 */

// Words that address a model, in French or English. Wide on purpose: a false alarm only
// keeps one translation in its caller's scope.
const ADDRESSED_TO_A_MODEL = new RegExp(
  String.raw`(?<!\p{L})(?:ignore[rz]?|ignorez|oublie[rz]?|oubliez|disregard|forget|tradui(?:s|re|sez|t)|` +
    'traduction|translat(?:e|ion|or)|instructions?|consignes?|prompts?|system|syst[eè]me|assistant|' +
    'r[ée]ponds|r[ée]pondez|respond|answer|output|mod[eè]le de langage|language model|chatgpt|llm|' +
    String.raw`gpt)(?!\p{L})`,
  'iu',
)
const AI = /(?<!\p{L})(?:IA|AI)(?!\p{L})/u

/** Whether `text` reads like it could be an instruction to the model. */
export function looksLikeInstructions(text: string): boolean {
  return ADDRESSED_TO_A_MODEL.test(text) || AI.test(text)
}

export interface BatchMember {
  paragraph: number
  fr: string
  /** The glossary entries that apply to this paragraph (French terms). */
  terms: readonly string[]
}

/**
 * The paragraphs of a batch whose translation was shaped by something else than their
 * own text and glossary entries: a sibling that reads like an instruction, or a glossary
 * entry that applies only to a sibling. `context` is any other text the call carried
 * (the neighbours sent with a paragraph retried alone).
 */
export function influencedParagraphs(members: readonly BatchMember[], context: readonly string[] = []): Set<number> {
  const influenced = new Set<number>()
  const contextual = context.some(looksLikeInstructions)
  const batchTerms = new Set(members.flatMap((m) => m.terms))
  // Each member's text is read once: the paragraphs (pieces of one count together) that read like instructions.
  const instructing = new Set(members.filter((m) => looksLikeInstructions(m.fr)).map((m) => m.paragraph))
  for (const member of members) {
    const siblingInstructs = [...instructing].some((paragraph) => paragraph !== member.paragraph)
    const own = new Set(member.terms)
    if (contextual || siblingInstructs || [...batchTerms].some((t) => !own.has(t))) influenced.add(member.paragraph)
  }
  return influenced
}
