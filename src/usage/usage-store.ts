/**
 * Usage rows in D1, one per caller and UTC day: a request adds to its row with one
 * upsert (in one round trip with a sweep of that caller's rows past the window), and a
 * report reads the window with one SELECT.
 */

import { UsageDay, type UsageCounts } from '../schemas/usage'
import { utcDay, windowStart } from './tally'

const UPSERT =
  'INSERT INTO usage (caller, day, articles, paragraphs, model_calls, input_tokens, output_tokens, cached_paragraphs, cached_results) ' +
  'VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (caller, day) DO UPDATE SET ' +
  'articles = articles + excluded.articles, paragraphs = paragraphs + excluded.paragraphs, model_calls = model_calls + excluded.model_calls, ' +
  'input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, ' +
  'cached_paragraphs = cached_paragraphs + excluded.cached_paragraphs, cached_results = cached_results + excluded.cached_results'
const SWEEP = 'DELETE FROM usage WHERE caller = ?1 AND day < ?2'
const SELECT =
  'SELECT day, articles, paragraphs, model_calls, input_tokens, output_tokens, cached_paragraphs, cached_results FROM usage WHERE caller = ?1 AND day >= ?2 ORDER BY day'

export interface UsageStore {
  /** Adds `counts` to the caller's row for today. */
  add(caller: string, counts: UsageCounts): Promise<void>
  /** The caller's rows within the window that ends today. */
  read(caller: string): Promise<UsageDay[]>
}

export function d1UsageStore(db: D1Database, now: () => number = Date.now): UsageStore {
  return {
    async add(caller, c) {
      const upsert = db
        .prepare(UPSERT)
        .bind(
          caller,
          utcDay(now()),
          c.articles,
          c.paragraphs,
          c.model_calls,
          c.input_tokens,
          c.output_tokens,
          c.cached_paragraphs,
          c.cached_results,
        )
      await db.batch([upsert, db.prepare(SWEEP).bind(caller, windowStart(now()))])
    },
    async read(caller) {
      const { results } = await db.prepare(SELECT).bind(caller, windowStart(now())).all()
      return results.map((row) => UsageDay.parse(row))
    },
  }
}
