/**
 * The cache over Workers KV. A cache failure never fails a request: reads that throw,
 * hang or return a value that fails its schema count as misses; writes that fail are
 * logged and forgotten.
 */

import { z } from 'zod'
import { Summary, TranslationResult } from '../schemas/response'
import { resultKey } from './keys'

/**
 * A paragraph's stored translation. `warnings` are the doubts it was served with: a
 * doubtful translation is stored too, so a repeat serves it flagged without paying again.
 */
export const CachedParagraph = z.object({ en: z.string().min(1), warnings: z.array(z.string().min(1)).min(1).optional() })
export type CachedParagraph = z.infer<typeof CachedParagraph>

export interface TranslationCache {
  getParagraphs(keys: readonly string[]): Promise<Map<string, CachedParagraph>>
  putParagraph(key: string, paragraph: CachedParagraph): Promise<void>
  getSummary(key: string): Promise<Summary | undefined>
  putSummary(key: string, summary: Summary): Promise<void>
  getResult(id: string): Promise<TranslationResult | undefined>
  putResult(result: TranslationResult): Promise<void>
}

export interface KvCacheOptions {
  ttlSeconds: number
  /** A KV call slower than this is abandoned and treated as a miss or a lost write. */
  timeoutMs?: number
  log?: (message: string) => void
}

// KV's bulk get takes at most 100 keys a call.
const BULK_LIMIT = 100

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
    const unique = [...new Set(keys)]
    for (let start = 0; start < unique.length; start += BULK_LIMIT) {
      const chunk = unique.slice(start, start + BULK_LIMIT)
      const values = await this.guard('read', () => this.kv.get(chunk, 'json'))
      for (const [key, value] of values ?? []) {
        const parsed = CachedParagraph.safeParse(value)
        if (parsed.success) found.set(key, parsed.data)
        else if (value !== null) this.log(`cache: ignoring an invalid paragraph entry ${key}`)
      }
    }
    return found
  }

  async putParagraph(key: string, paragraph: CachedParagraph): Promise<void> {
    await this.write(key, paragraph.warnings ? { en: paragraph.en, warnings: paragraph.warnings } : { en: paragraph.en })
  }

  async getSummary(key: string): Promise<Summary | undefined> {
    return this.read(key, Summary)
  }

  async putSummary(key: string, summary: Summary): Promise<void> {
    await this.write(key, summary)
  }

  async getResult(id: string): Promise<TranslationResult | undefined> {
    return this.read(resultKey(id), TranslationResult)
  }

  async putResult(result: TranslationResult): Promise<void> {
    await this.write(resultKey(result.id), result)
  }

  private async read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const value = await this.guard('read', () => this.kv.get(key, 'json'))
    if (value === undefined || value === null) return undefined
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.log(`cache: ignoring an invalid entry ${key}`)
    return undefined
  }

  private async write(key: string, value: unknown): Promise<void> {
    await this.guard('write', () => this.kv.put(key, JSON.stringify(value), { expirationTtl: this.options.ttlSeconds }))
  }

  /** Runs a KV call; any failure or a timeout becomes `undefined` and a log line. */
  private async guard<T>(what: 'read' | 'write', call: () => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs)
    })
    try {
      const outcome = await Promise.race([call(), timeout])
      if (outcome === 'timeout') {
        this.log(`cache: KV ${what} timed out after ${this.timeoutMs} ms; continuing without it`)
        return undefined
      }
      return outcome
    } catch (error) {
      this.log(`cache: KV ${what} failed (${error instanceof Error ? error.message : 'unknown error'}); continuing without it`)
      return undefined
    } finally {
      clearTimeout(timer)
    }
  }
}
