/**
 * Content addresses for the cache. Each key covers everything that changes the answer:
 * the model, the prompts' version, the glossary entries that apply, and the text.
 * The material is hashed in Unicode NFC: "é" typed as one code point or as "e" plus a
 * combining accent is the same French, so both forms share entries and result ids.
 */

import type { Glossary, SummaryLength } from '../schemas/request'
import type { Terms } from '../text/glossary'
import { hmacBase64Url, sha256Hex } from './digest'

/** Bump when the shape of a cached value changes. */
const SCHEMA_VERSION = 'v1'
/** Paragraph keys live in D1 (see paragraph-store.ts) since v2. */
const PARAGRAPH_VERSION = 'v2'

export interface KeyContext {
  model: string
  promptVersion: string
  /**
   * Who may reuse what is stored under the key: absent for the whole deployment, or one
   * caller's scope (see cacheScopeOf). A scoped key never matches another scope's.
   */
  scope?: string
}

/**
 * The prompt version of paragraphs checked by a second opinion: a paragraph translated
 * with one is cached apart (with its findings), and so is the result.
 */
export function reviewedVersion(promptVersion: string, secondOpinion: boolean): string {
  return secondOpinion ? `${promptVersion}+second-opinion` : promptVersion
}

/**
 * A paragraph's cache key. `terms` are the glossary entries that apply to it (see
 * applicableGlossary in text/glossary.ts).
 */
export async function paragraphKey(ctx: KeyContext, terms: Terms, fr: string): Promise<string> {
  const material = JSON.stringify([
    ctx.model,
    ctx.promptVersion,
    terms,
    fr,
    ...(ctx.scope !== undefined ? [ctx.scope] : []),
  ])
  return `${PARAGRAPH_VERSION}:para:${await sha256Hex(composed(material))}`
}

/** The summary's cache key; `terms` are the glossary entries the article contains. */
export async function summaryKey(
  ctx: KeyContext,
  terms: Terms,
  length: SummaryLength,
  paragraphs: readonly string[],
): Promise<string> {
  const material = JSON.stringify([
    ctx.model,
    ctx.promptVersion,
    length,
    terms,
    paragraphs,
    ...(ctx.scope !== undefined ? [ctx.scope] : []),
  ])
  return `${SCHEMA_VERSION}:summary:${await sha256Hex(composed(material))}`
}

/**
 * The public id of a result: an HMAC of the request under a server secret, so the same
 * request always gets the same id and nobody without the secret can compute one. With a
 * `scope` in `ctx`, the same request from another scope gets another id (and result).
 */
export async function resultId(
  secret: string,
  ctx: KeyContext,
  glossary: Glossary,
  length: SummaryLength,
  paragraphs: readonly string[],
): Promise<string> {
  const scoped = ctx.scope !== undefined ? [ctx.scope] : []
  const material = JSON.stringify([
    SCHEMA_VERSION,
    ctx.model,
    ctx.promptVersion,
    length,
    Object.entries(glossary).sort(),
    paragraphs,
    ...scoped,
  ])
  return `tr_${(await hmacBase64Url(secret, composed(material))).slice(0, 26)}`
}

/**
 * Key material in NFC. Only the hashed copy is normalised: what is sent to the model and
 * returned keeps the form it was received in.
 */
function composed(material: string): string {
  return material.normalize('NFC')
}

export function resultKey(id: string): string {
  return `${SCHEMA_VERSION}:result:${id}`
}

/** Whether a string has the shape of an id we issue (checked before touching KV). */
export function isResultId(id: string): boolean {
  return /^tr_[A-Za-z0-9_-]{26}$/.test(id)
}

/**
 * A caller's cache scope: a digest of who they are (a named token's name, a plain
 * token's fingerprint, or an address), so keys never carry the identity itself.
 */
export async function cacheScopeOf(callerId: string): Promise<string> {
  return `scope:${(await sha256Hex(`passage-cache-scope:${callerId}`)).slice(0, 32)}`
}
