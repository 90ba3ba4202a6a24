/**
 * Storage operations per article: the worker's bundle in this process, its D1 binding a
 * SQLite database (node:sqlite, with the schema of migrations/) and its KV an in-memory
 * map, both counting every call; the model answers at once (simulated). Prints, per
 * article size, the D1 round trips, statements and rows written and the KV reads and
 * writes of a new article, the same article again, and one paragraph edited, then how
 * many new articles a day fit the Free and Paid plans. On its own:
 *
 *   npm exec -- node bench/storage.ts [--sizes 12,60,275]
 */

import { parseArgs } from 'node:util'
import { article } from './articles.ts'
import { type Fetcher, loadWorker, MemoryKV, openD1, sqliteD1 } from './cpu.ts'
import { simulateAnswer } from './simulator.ts'

interface Counts {
  d1RoundTrips: number
  d1Statements: number
  /** Rows the statements changed (D1 bills the paragraph index once more per row). */
  d1RowsChanged: number
  kvReads: number
  kvWrites: number
}

const zero = (): Counts => ({ d1RoundTrips: 0, d1Statements: 0, d1RowsChanged: 0, kvReads: 0, kvWrites: 0 })

function countingKv(kv: MemoryKV, counts: Counts) {
  return {
    get: (key: string | string[], type?: string) => {
      counts.kvReads++
      return kv.get(key, type)
    },
    put: (key: string, value: string) => {
      counts.kvWrites++
      return kv.put(key, value)
    },
  }
}

async function measure(
  worker: Fetcher,
  sizes: readonly number[],
): Promise<Array<{ n: number; first: Counts; again: Counts; edited: Counts }>> {
  const rows = []
  for (const n of sizes) {
    const db = openD1()
    const kv = new MemoryKV()
    const paragraphs = article(n, `storage-${n}`)
    const send = async (text: string[]) => {
      const counts = zero()
      const pending: Promise<unknown>[] = []
      const env = {
        CACHE: countingKv(kv, counts),
        DB: sqliteD1(db, counts),
        RATE_LIMITER: { limit: async () => ({ success: true }) },
        OPENAI_API_KEY: 'bench-storage',
        OPENAI_BASE_URL: 'http://model.invalid/v1',
        AUTH_DISABLED: 'true',
        MAX_ARTICLE_CHARS: '1000000',
        MAX_PARAGRAPHS: '5000',
      }
      const ctx = { waitUntil: (task: Promise<unknown>) => pending.push(task), passThroughOnException() {} }
      const body = JSON.stringify({ text: text.join('\n') })
      const response = await worker.fetch(
        new Request('http://localhost/v1/translations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
        }),
        env,
        ctx,
      )
      if (response.status !== 200) throw new Error(`worker answered ${response.status}: ${await response.text()}`)
      await response.text()
      await Promise.all(pending)
      return counts
    }
    const first = await send(paragraphs)
    const again = await send(paragraphs)
    const edited = [...paragraphs]
    edited[Math.floor(n / 2)] = `${edited[Math.floor(n / 2)]} Le conseil municipal a voté mardi soir.`
    rows.push({ n, first, again, edited: await send(edited) })
    db.close()
  }
  return rows
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '12,60,275' } } })
const sizes = (values.sizes ?? '').split(',').map(Number)
const realFetch = globalThis.fetch
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const answer = simulateAnswer((await new Request(input, init).json()) as Record<string, unknown>)
  return Response.json({
    id: 'sim',
    object: 'chat.completion',
    created: 0,
    model: 'bench',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: answer.inputTokens,
      completion_tokens: answer.outputTokens,
      total_tokens: answer.inputTokens + answer.outputTokens,
    },
  })
}) as typeof fetch
// The worker logs each request's caller; the table is what this prints.
const log = console.log
console.log = () => {}
const rows = await measure(await loadWorker(), sizes).finally(() => {
  globalThis.fetch = realFetch
  console.log = log
})

const cell = (c: Counts) =>
  `D1 ${c.d1RoundTrips} trips / ${c.d1Statements} stmts / ${c.d1RowsChanged} rows · ` +
  `KV ${c.kvReads} r / ${c.kvWrites} w`
console.log('\nStorage operations per request (rows: rows changed; D1 bills the expiry index once more per row)\n')
console.log('| paragraphs | new article | same article again | one paragraph edited |')
console.log('|---|---|---|---|')
for (const r of rows) console.log(`| ${r.n} | ${cell(r.first)} | ${cell(r.again)} | ${cell(r.edited)} |`)

// Plan budgets (Cloudflare's published limits): rows written count the row and its index.
const FREE = { d1RowsPerDay: 100_000, kvWritesPerDay: 1_000 }
const PAID = { d1RowsPerDay: 50_000_000 / 30, kvWritesPerDay: 1_000_000 / 30 }
const perDay = (budget: typeof FREE, c: Counts) =>
  Math.floor(
    Math.min(budget.d1RowsPerDay / Math.max(1, 2 * c.d1RowsChanged), budget.kvWritesPerDay / Math.max(1, c.kvWrites)),
  )
console.log('\nNew articles a day within the included budgets\n')
console.log('| paragraphs | Free (D1 100k rows, KV 1k writes a day) | Paid (D1 50M rows, KV 1M writes a month) |')
console.log('|---|---|---|')
for (const r of rows)
  console.log(
    `| ${r.n} | ${perDay(FREE, r.first).toLocaleString('en-US')} | ${perDay(PAID, r.first).toLocaleString('en-US')} |`,
  )
