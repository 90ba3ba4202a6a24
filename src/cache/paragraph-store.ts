/**
 * Paragraph translations in a D1 table: a whole article is read with one statement
 * (`WHERE key IN` the keys, passed as one JSON array) and written with one statement
 * (the rows, passed as one JSON array), whatever its size. KV would cost one write per
 * paragraph: ~280 for a 275-paragraph article, against 1,000 operations per invocation
 * and 1,000 writes a day on the Free plan (see docs/performance.md).
 */

// D1 refuses a string over 2,000,000 bytes; a chunk of rows stays well under it.
const CHUNK_BYTES = 900_000
// Expired rows are removed a few hundred at a time, in the same round trip as a write.
const EXPIRED_PER_WRITE = 500

export interface StoredRow {
  key: string
  /** The value as JSON text; the caller validates it. */
  json: string
}

export interface ParagraphStore {
  /** The rows found for `keys` that have not expired, by key. */
  read(keys: readonly string[]): Promise<Map<string, string>>
  /** Stores the rows for `ttlSeconds`, replacing any under the same keys. */
  write(rows: readonly StoredRow[], ttlSeconds: number): Promise<void>
}

const SELECT =
  'SELECT key, value FROM paragraphs WHERE key IN (SELECT value FROM json_each(?1)) AND ' + 'expires_at > ?2'
const UPSERT =
  'INSERT INTO paragraphs (key, value, expires_at) ' +
  "SELECT json_extract(row.value, '$[0]'), json_extract(row.value, '$[1]'), ?2 FROM json_each(?1) AS row WHERE " +
  'true ' +
  'ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at'
const SWEEP =
  `DELETE FROM paragraphs WHERE key IN (SELECT key FROM paragraphs WHERE expires_at <= ?1 LIMIT ` +
  `${EXPIRED_PER_WRITE})`

export function d1ParagraphStore(db: D1Database, now: () => number = Date.now): ParagraphStore {
  const seconds = () => Math.floor(now() / 1000)
  return {
    async read(keys) {
      const found = new Map<string, string>()
      if (keys.length === 0) return found
      const { results } = await db
        .prepare(SELECT)
        .bind(JSON.stringify([...new Set(keys)]), seconds())
        .all<{ key: unknown; value: unknown }>()
      for (const row of results)
        if (typeof row.key === 'string' && typeof row.value === 'string') found.set(row.key, row.value)
      return found
    },
    async write(rows, ttlSeconds) {
      if (rows.length === 0) return
      const expiresAt = seconds() + ttlSeconds
      const statements = chunks(rows).map((chunk) =>
        db.prepare(UPSERT).bind(JSON.stringify(chunk.map((r) => [r.key, r.json])), expiresAt),
      )
      // One round trip: the rows, then a bounded sweep of expired ones.
      await db.batch([...statements, db.prepare(SWEEP).bind(seconds())])
    },
  }
}

/** Rows in groups whose JSON stays under D1's string limit (almost always one group). */
function chunks(rows: readonly StoredRow[]): StoredRow[][] {
  const groups: StoredRow[][] = [[]]
  let size = 0
  for (const row of rows) {
    const bytes = (row.key.length + row.json.length) * 3 + 8
    if (size + bytes > CHUNK_BYTES && (groups.at(-1) as StoredRow[]).length > 0) {
      groups.push([])
      size = 0
    }
    ;(groups.at(-1) as StoredRow[]).push(row)
    size += bytes
  }
  return groups
}
