/** Articles for the benchmarks: the seed article, and longer ones built from it. */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..')
const SEED = readFileSync(join(ROOT, 'fixtures/articles/seed.fr.txt'), 'utf8').trim().split('\n')

/**
 * `n` distinct paragraphs of real French news prose (the seed's, in turn), each marked
 * with `tag` so that runs do not hit each other's cache.
 */
export function article(n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => `${SEED[i % SEED.length]} (${tag}-${i + 1})`)
}

export const SEED_COUNT = SEED.length
