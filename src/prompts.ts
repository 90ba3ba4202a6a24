/** The prompts are data (prompts/*.md); their content hash is the prompt version. */

import * as z from 'zod'
import names from '../prompts/names.json'
import review from '../prompts/review.md'
import summarise from '../prompts/summarise.md'
import translate from '../prompts/translate.md'
import { sha256Hex } from './cache/digest'
import type { Glossary } from './schemas/request'

export interface Prompts {
  translate: string
  summarise: string
  /** The second opinion's instructions (SECOND_OPINION). */
  review: string
  /** Established English names applied by default (prompts/names.json). */
  names: Glossary
  /** Changes whenever a prompt's text changes, so cached answers of older prompts miss. */
  version: string
}

const NamesFile = z.object({ names: z.record(z.string().min(1), z.string().min(1)) })

let loaded: Promise<Prompts> | undefined

/** The bundled prompts with their version, hashed once per isolate. */
export function loadPrompts(): Promise<Prompts> {
  loaded ??= (async () => {
    const defaults = NamesFile.parse(names).names
    const hash = await sha256Hex(JSON.stringify([translate, summarise, defaults, review]))
    return { translate, summarise, review, names: defaults, version: hash.slice(0, 12) }
  })()
  return loaded
}

/**
 * The glossary a request translates with: the default names, overridden by the user's
 * entries (a user entry also replaces a default that differs only in case).
 */
export function effectiveGlossary(prompts: Prompts, user: Glossary): Glossary {
  const overridden = new Set(Object.keys(user).map((term) => term.toLocaleLowerCase('fr')))
  const defaults = Object.entries(prompts.names).filter(([term]) => !overridden.has(term.toLocaleLowerCase('fr')))
  return { ...Object.fromEntries(defaults), ...user }
}
