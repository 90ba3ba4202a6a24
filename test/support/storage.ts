/** Storage seen from the tests: pending writes, and bindings that count their operations. */

import { deferredSettled } from '../../src/cache/deferred'

/**
 * Waits for the cache writes the worker sent after its response (waitUntil), which the
 * test cannot await otherwise: the worker runs in the test's isolate.
 */
export async function drainWrites(): Promise<void> {
  await deferredSettled()
}

export interface D1Counts {
  /** Calls that reach the database: one per `batch()`, `all()`, `first()`, `run()` or `raw()`. */
  roundTrips: number
  /** SQL statements executed (a batch counts each of its statements). */
  statements: number
  /** The statements' SQL, in order. */
  sql: string[]
}

/** `db` wrapped so that every call it makes is counted (Miniflare enforces no limit). */
export function countingD1(db: D1Database, counts: D1Counts, fail?: () => Error | undefined): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>()
  const sqlOf = new WeakMap<object, string>()
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        if (property === 'bind') return (...values: unknown[]) => wrap(target.bind(...values), sql)
        if (property === 'all' || property === 'first' || property === 'run' || property === 'raw') {
          return (...args: unknown[]) => {
            counts.roundTrips++
            counts.statements++
            counts.sql.push(sql)
            const error = fail?.()
            if (error) return Promise.reject(error)
            return (target[property] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        const value = Reflect.get(target, property, target) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    real.set(proxy, statement)
    sqlOf.set(proxy, sql)
    return proxy
  }
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql)
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          counts.roundTrips++
          counts.statements += statements.length
          counts.sql.push(...statements.map((s) => sqlOf.get(s) ?? '?'))
          const error = fail?.()
          if (error) return Promise.reject(error)
          return target.batch(statements.map((s) => real.get(s) ?? s))
        }
      }
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

export interface KvCounts {
  reads: number
  writes: number
}

/** `kv` wrapped so that its reads and writes are counted. */
export function countingKv(kv: KVNamespace, counts: KvCounts): KVNamespace {
  return new Proxy(kv, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (property === 'get' || property === 'getWithMetadata' || property === 'list') counts.reads++
        if (property === 'put' || property === 'delete') counts.writes++
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}
