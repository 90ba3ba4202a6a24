/**
 * Usage rows in D1, one per caller and UTC day: a request adds to its row with one
 * upsert (in one round trip with a sweep of that caller's rows past the window), and a
 * report reads the window with one SELECT.
 */

import { UsageDay, type UsageCounts } from '../schemas/usage'
import { utcDay, windowStart } from './tally'

const COUNTS = [
  'articles',
  'paragraphs',
  'model_calls',
  'input_tokens',
  'output_tokens',
  'cached_paragraphs',
  'cached_results',
] as const
const UPSERT =
  `INSERT INTO usage (caller, day, ${COUNTS.join(', ')}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ` +
  `ON CONFLICT (caller, day) DO UPDATE SET ${COUNTS.map((name) => `${name} = ${name} + excluded.${name}`).join(', ')}`
const SWEEP = 'DELETE FROM usage WHERE caller = ?1 AND day < ?2'
const SELECT = `SELECT day, ${COUNTS.join(', ')} FROM usage WHERE caller = ?1 AND day >= ?2 ORDER BY day`

export interface UsageStore {
  /** Adds `counts` to the caller's row for today. */
  add(caller: string, counts: UsageCounts): Promise<void>
  /** The caller's rows within the window that ends on `nowMs`'s day (default: today). */
  read(caller: string, nowMs?: number): Promise<UsageDay[]>
}

export function d1UsageStore(db: D1Database, now: () => number = Date.now): UsageStore {
  return {
    async add(caller, c) {
      const upsert = db.prepare(UPSERT).bind(caller, utcDay(now()), ...COUNTS.map((name) => c[name]))
      await db.batch([upsert, db.prepare(SWEEP).bind(caller, windowStart(now()))])
    },
    async read(caller, nowMs = now()) {
      const { results } = await db.prepare(SELECT).bind(caller, windowStart(nowMs)).all()
      return results.map((row) => UsageDay.parse(row))
    },
  }
}
