/** The prompts are data (prompts/*.md); their content hash is the prompt version. */

import summarise from '../prompts/summarise.md'
import translate from '../prompts/translate.md'
import { sha256Hex } from './cache/digest'

export interface Prompts {
  translate: string
  summarise: string
  /** Changes whenever a prompt's text changes, so cached answers of older prompts miss. */
  version: string
}

let loaded: Promise<Prompts> | undefined

/** The bundled prompts with their version, hashed once per isolate. */
export function loadPrompts(): Promise<Prompts> {
  loaded ??= sha256Hex(`${translate}\u0000${summarise}`).then((hash) => ({
    translate,
    summarise,
    version: hash.slice(0, 12),
  }))
  return loaded
}
