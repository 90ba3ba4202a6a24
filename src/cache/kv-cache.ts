/**
 * The cache: paragraphs in a D1 table (a bounded number of operations per article, see
 * paragraph-store.ts), summaries and results in Workers KV (one value each). A cache
 * failure never fails a request: reads that throw, hang or return a value that fails its
 * schema count as misses; writes that fail are logged and reported to the caller.
 */

import * as z from 'zod'
import { Summary, TranslationResult } from '../schemas/response'
import { resultKey } from './keys'
import type { ParagraphStore } from './paragraph-store'

/**
 * A paragraph's stored translation. `warnings` are the doubts it was served with: a
 * doubtful translation is stored too, so a repeat serves it flagged without paying again.
 */
export const CachedParagraph = z.object({
  en: z.string().min(1),
  warnings: z.array(z.string().min(1)).min(1).optional(),
})
export type CachedParagraph = z.infer<typeof CachedParagraph>

export interface TranslationCache {
  getParagraphs(keys: readonly string[]): Promise<Map<string, CachedParagraph>>
  /** Stores an article's paragraphs at once; resolves to whether they were stored. */
  putParagraphs(entries: ReadonlyArray<{ key: string; value: CachedParagraph }>): Promise<boolean>
  getSummary(key: string): Promise<Summary | undefined>
  putSummary(key: string, summary: Summary): Promise<void>
  getResult(id: string): Promise<TranslationResult | undefined>
  /** Resolves to whether the result was stored. */
  putResult(result: TranslationResult): Promise<boolean>
}

export interface KvCacheOptions {
  ttlSeconds: number
  /** A KV call slower than this is abandoned and treated as a miss or a lost write. */
  timeoutMs?: number
  log?: (message: string) => void
  /** Where paragraphs live; without one, paragraphs are not cached (and each lookup is a miss). */
  paragraphs?: ParagraphStore
}

export class KvCache implements TranslationCache {
  private readonly timeoutMs: number
  private readonly log: (message: string) => void

  constructor(
    private readonly kv: KVNamespace,
    private readonly options: KvCacheOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 3_000
    this.log = options.log ?? ((message) => console.warn(message))
  }

  async getParagraphs(keys: readonly string[]): Promise<Map<string, CachedParagraph>> {
    const found = new Map<string, CachedParagraph>()
    const store = this.options.paragraphs
    if (!store || keys.length === 0) return found
    const rows = await this.guard('D1 read', () => store.read(keys))
    for (const [key, json] of rows ?? []) {
      const parsed = CachedParagraph.safeParse(parseJson(json))
      if (parsed.success) found.set(key, parsed.data)
      else this.log(`cache: ignoring an invalid paragraph entry ${key}`)
    }
    return found
  }

  async putParagraphs(entries: ReadonlyArray<{ key: string; value: CachedParagraph }>): Promise<boolean> {
    const store = this.options.paragraphs
    if (entries.length === 0) return true
    if (!store) return false
    const rows = entries.map(({ key, value }) => ({
      key,
      json: JSON.stringify(value.warnings ? { en: value.en, warnings: value.warnings } : { en: value.en }),
    }))
    const outcome = await this.guard('D1 write', () =>
      store.write(rows, this.options.ttlSeconds).then(() => 'stored' as const),
    )
    if (outcome !== 'stored') this.log(`cache: ${entries.length} paragraph translations were not stored`)
    return outcome === 'stored'
  }

  async getSummary(key: string): Promise<Summary | undefined> {
    return this.read(key, Summary)
  }

  async putSummary(key: string, summary: Summary): Promise<void> {
    if (!(await this.write(key, summary))) this.log('cache: the summary was not stored')
  }

  async getResult(id: string): Promise<TranslationResult | undefined> {
    return this.read(resultKey(id), TranslationResult)
  }

  async putResult(result: TranslationResult): Promise<boolean> {
    const stored = await this.write(resultKey(result.id), result)
    if (!stored) this.log(`cache: the result ${result.id} was not stored`)
    return stored
  }

  private async read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const value = await this.guard('KV read', () => this.kv.get(key, 'json'))
    if (value === undefined || value === null) return undefined
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.log(`cache: ignoring an invalid entry ${key}`)
    return undefined
  }

  /** Whether the value was stored. */
  private async write(key: string, value: unknown): Promise<boolean> {
    const outcome = await this.guard('KV write', () =>
      this.kv.put(key, JSON.stringify(value), { expirationTtl: this.options.ttlSeconds }).then(() => 'stored' as const),
    )
    return outcome === 'stored'
  }

  /** Runs a KV call; any failure or a timeout becomes `undefined` and a log line. */
  private async guard<T>(
    what: 'KV read' | 'KV write' | 'D1 read' | 'D1 write',
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs)
    })
    try {
      const outcome = await Promise.race([call(), timeout])
      if (outcome === 'timeout') {
        this.log(`cache: ${what} timed out after ${this.timeoutMs} ms; continuing without it`)
        return undefined
      }
      return outcome
    } catch (error) {
      // The binding's own message names the operation, never article or model text.
      this.log(
        `cache: ${what} failed (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}); ` +
          `continuing without it`,
      )
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
