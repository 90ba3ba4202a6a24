/**
 * Content addresses for the cache. Each key covers everything that changes the answer:
 * the model, the prompts' version, the glossary entries that apply, and the text.
 */

import type { Glossary, SummaryLength } from '../schemas/request'
import { TermIndex } from '../pipeline/terms'
import { hmacBase64Url, sha256Hex } from './digest'

/** Bump when the shape of a cached value changes. */
const SCHEMA_VERSION = 'v1'

export interface KeyContext {
  model: string
  promptVersion: string
}

/**
 * The prompt version of paragraphs checked by a second opinion: a paragraph translated
 * with one is cached apart (with its findings), and so is the result.
 */
export function reviewedVersion(promptVersion: string, secondOpinion: boolean): string {
  return secondOpinion ? `${promptVersion}+second-opinion` : promptVersion
}

/**
 * The glossary entries whose French term occurs in `text` (as a whole word), sorted: a
 * paragraph's translation depends on those alone, so adding an unrelated entry keeps
 * its cached translation valid.
 */
export function applicableGlossary(glossary: Glossary, text: string): Array<[string, string]> {
  const index = new TermIndex(text)
  return Object.entries(glossary)
    .filter(([fr]) => index.has(fr))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * A paragraph's cache key. `terms` are the glossary entries that apply to it (see
 * applicableGlossary), or the whole glossary to have them picked here.
 */
export async function paragraphKey(ctx: KeyContext, terms: Glossary | Array<[string, string]>, fr: string): Promise<string> {
  const applicable = Array.isArray(terms) ? terms : applicableGlossary(terms, fr)
  const material = JSON.stringify([ctx.model, ctx.promptVersion, applicable, fr])
  return `${SCHEMA_VERSION}:para:${await sha256Hex(material)}`
}

export async function summaryKey(ctx: KeyContext, glossary: Glossary, length: SummaryLength, paragraphs: readonly string[]): Promise<string> {
  const article = paragraphs.join('\n')
  const material = JSON.stringify([ctx.model, ctx.promptVersion, length, applicableGlossary(glossary, article), paragraphs])
  return `${SCHEMA_VERSION}:summary:${await sha256Hex(material)}`
}

/**
 * The public id of a result: an HMAC of the request under a server secret, so the same
 * request always gets the same id and nobody without the secret can compute one.
 */
export async function resultId(secret: string, ctx: KeyContext, glossary: Glossary, length: SummaryLength, paragraphs: readonly string[]): Promise<string> {
  const material = JSON.stringify([SCHEMA_VERSION, ctx.model, ctx.promptVersion, length, Object.entries(glossary).sort(), paragraphs])
  return `tr_${(await hmacBase64Url(secret, material)).slice(0, 26)}`
}

export function resultKey(id: string): string {
  return `${SCHEMA_VERSION}:result:${id}`
}

/** Whether a string has the shape of an id we issue (checked before touching KV). */
export function isResultId(id: string): boolean {
  return /^tr_[A-Za-z0-9_-]{26}$/.test(id)
}
