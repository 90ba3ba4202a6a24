/**
 * Worker CPU per article, excluding the wait on the model: the bundle `npm run deploy`
 * uploads (wrangler's own dry-run build, minified as wrangler.toml says) runs in this
 * process (V8, as in workerd) with an in-memory KV and a model that answers at
 * once; the CPU the simulated model spends building answers is measured and subtracted.
 */

import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { register } from 'node:module'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import { ROOT } from './articles.ts'
import { answerResponse, simulateAnswer } from './simulator.ts'

/** Workers KV in memory: enough of its API for the worker's cache. */
export class MemoryKV {
  data = new Map<string, string>()
  async get(key: string | string[], type?: string): Promise<unknown> {
    const read = (k: string) => {
      const value = this.data.get(k)
      return value === undefined ? null : type === 'json' ? JSON.parse(value) : value
    }
    return Array.isArray(key) ? new Map(key.map((k) => [k, read(k)])) : read(key)
  }
  async put(key: string, value: string): Promise<void> {
    this.data.set(key, value)
  }
}

/** What a D1 binding was asked: round trips, statements, rows changed. */
export interface D1Counts {
  d1RoundTrips: number
  d1Statements: number
  d1RowsChanged: number
}

/** An in-memory SQLite database with the schema of migrations/, as `wrangler d1 migrations apply` makes it. */
export function openD1(): DatabaseSync {
  const db = new DatabaseSync(':memory:')
  for (const file of readdirSync(join(ROOT, 'migrations')).sort())
    db.exec(readFileSync(join(ROOT, 'migrations', file), 'utf8'))
  return db
}

/** A D1Database over SQLite: the calls the worker makes, counted. */
export function sqliteD1(db: DatabaseSync, counts: D1Counts = { d1RoundTrips: 0, d1Statements: 0, d1RowsChanged: 0 }) {
  const statement = (sql: string, values: unknown[] = []) => ({
    sql,
    values,
    bind: (...bound: unknown[]) => statement(sql, bound),
    execute() {
      counts.d1Statements++
      const prepared = db.prepare(sql)
      if (/^\s*select/i.test(sql)) return { results: prepared.all(...(values as never[])), success: true, meta: {} }
      const outcome = prepared.run(...(values as never[]))
      counts.d1RowsChanged += Number(outcome.changes)
      return { results: [], success: true, meta: { changes: Number(outcome.changes) } }
    },
    async all() {
      counts.d1RoundTrips++
      return this.execute()
    },
    async first() {
      counts.d1RoundTrips++
      return this.execute().results[0] ?? null
    },
    async run() {
      counts.d1RoundTrips++
      return this.execute()
    },
  })
  return {
    prepare: (sql: string) => statement(sql),
    async batch(statements: Array<ReturnType<typeof statement>>) {
      counts.d1RoundTrips++
      return statements.map((s) => s.execute())
    },
  }
}

export interface CpuSample {
  /** Median worker CPU per request, ms (user + system, model answers excluded). */
  cpuMs: number
  /**
   * Of which, sampled by V8's profiler: time in the worker's own bundle (our code, Hono,
   * zod, openai), as opposed to Node's JavaScript fetch, streams and Web Crypto, which
   * workerd implements natively. Present when `profile` was asked for. The median of
   * PROFILED_BATCHES batches of `runs` requests; in each, the main thread's CPU time
   * times the share of its busy samples (idle ones left out) whose own frame is in the bundle.
   */
  bundleMs?: number
  /**
   * Heap growth across one request, MB, after a full collection before it: what it
   * allocated less what V8 collected meanwhile, so at most what it allocates.
   */
  heapMb: number
}

export type Fetcher = { fetch(request: Request, env: Record<string, unknown>, ctx: unknown): Promise<Response> }

export interface DeployedBundle {
  /** Where wrangler wrote the bundle (`index.js` and its text modules). */
  dir: string
  rawKiB: number
  gzipKiB: number
}

const BUILD = join(ROOT, 'bench', '.build')
const built = new Map<boolean, DeployedBundle>()

/**
 * The bundle `npm run deploy` uploads, as wrangler builds it from wrangler.toml
 * (`deploy --dry-run`, minified there), with the size wrangler itself reports.
 * `minify: false` builds the same worker unminified (in bench/.build/unminified), so that
 * a profile names its functions; its size is not the deployed one.
 */
export function buildDeployed(options: { minify?: boolean } = {}): DeployedBundle {
  const minify = options.minify ?? true
  const cached = built.get(minify)
  if (cached) return cached
  const dir = minify ? BUILD : join(BUILD, 'unminified')
  rmSync(dir, { recursive: true, force: true })
  const output = execFileSync(
    'npx',
    ['wrangler', 'deploy', '--dry-run', '--outdir', dir, ...(minify ? [] : ['--no-minify'])],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const [, raw, gzip] = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output) ?? []
  if (raw === undefined || gzip === undefined) throw new Error(`wrangler deploy --dry-run printed no size:\n${output}`)
  const bundle = { dir, rawKiB: Number(raw), gzipKiB: Number(gzip) }
  built.set(minify, bundle)
  return bundle
}

// Wrangler keeps the prompts, the page's script and its stylesheet as text modules beside
// the bundle, as workerd loads them: Node is taught to load them the same way.
const TEXT_MODULES = `
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
export async function load(url, context, next) {
  if (!/\\.(md|css)$|\\.client\\.js$/.test(url)) return next(url, context)
  const text = readFileSync(fileURLToPath(url), 'utf8')
  return { format: 'module', source: 'export default ' + JSON.stringify(text), shortCircuit: true }
}`

// The URLs of the bundles loaded: the profiler's samples in them are the worker's code.
const bundleUrls = new Set<string>()

/** The deployed bundle's worker (or another build of it), loaded into this process. */
export async function loadWorker(bundle: DeployedBundle = buildDeployed()): Promise<Fetcher> {
  register(`data:text/javascript,${encodeURIComponent(TEXT_MODULES)}`)
  const url = pathToFileURL(join(bundle.dir, 'index.js')).href
  bundleUrls.add(url)
  const module = (await import(url)) as { default: Fetcher }
  return module.default
}

/**
 * Requests run before any is measured, so that V8 has compiled the hot paths as a
 * long-lived isolate has (at least; `runs` + 3 when more).
 */
const WARM_UP = 30
/**
 * Profiled batches, each of `runs` requests: the bundle's figure is their median, so
 * that a batch slowed by another process on the machine does not decide it.
 */
const PROFILED_BATCHES = 7

/**
 * Runs `runs` requests (after warm-up) and returns the median CPU and heap growth; with
 * `profile`, then runs PROFILED_BATCHES profiled batches of `runs` requests each.
 */
export async function measureCpu(
  worker: Fetcher,
  paragraphs: string[],
  options: {
    runs: number
    cached: boolean
    profile?: boolean
    /** Called with each profiled batch's profile (of `runs` requests). */
    onProfile?: (profile: Profile) => void
  },
): Promise<CpuSample> {
  let modelCpu = 0
  const realFetch = globalThis.fetch
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const started = process.cpuUsage()
    const request = new Request(input, init)
    const body = (await request.json()) as Record<string, unknown>
    const answer = simulateAnswer(body)
    const response = answerResponse(body, answer)
    const used = process.cpuUsage(started)
    modelCpu += (used.user + used.system) / 1000
    return response
  }) as typeof fetch
  // As deployed: paragraphs and usage in D1 (SQLite here: its work is native, as D1's is).
  const env = (kv: MemoryKV, db: DatabaseSync) => ({
    CACHE: kv,
    DB: sqliteD1(db),
    RATE_LIMITER: { limit: async () => ({ success: true }) },
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: 'http://model.invalid/v1',
    AUTH_DISABLED: 'true',
    MAX_ARTICLE_CHARS: '1000000',
    MAX_PARAGRAPHS: '5000',
  })
  // A new article is new text for every request: each gets its own, its paragraphs marked
  // with the request's number, so that nothing the worker remembers of the texts it read
  // (the memos of its text steps) carries over from one measured request to the next.
  let sent = 0
  const bodyOf = () => {
    const request = ++sent
    return JSON.stringify({
      text: (options.cached ? paragraphs : paragraphs.map((p) => `${p} (${request})`)).join('\n'),
    })
  }
  // Work after the response (`waitUntil`: the cache and usage writes) is the invocation's
  // CPU too: each request is measured until it is done.
  const send = async (kv: MemoryKV, db: DatabaseSync, body: string) => {
    const pending: Promise<unknown>[] = []
    const response = await worker.fetch(
      new Request('http://localhost/v1/translations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      }),
      env(kv, db),
      {
        waitUntil: (task: Promise<unknown>) => pending.push(task),
        passThroughOnException() {},
      },
    )
    const text = await response.text()
    await Promise.all(pending)
    return { status: response.status, text }
  }
  const samples: number[] = []
  const heaps: number[] = []
  // The worker's own log lines (a request received, …) would flood the bench's output:
  // silenced while it runs.
  const quiet = { log: console.log, warn: console.warn }
  console.log = () => {}
  console.warn = () => {}
  // A cached article is served from the warm-up's storage; a new one starts from empty storage.
  const warm = { kv: new MemoryKV(), db: openD1() }
  const storage = () => (options.cached ? warm : { kv: new MemoryKV(), db: openD1() })
  const session = options.profile ? new Session() : undefined
  let bundleMs: number | undefined
  try {
    await send(warm.kv, warm.db, bodyOf())
    const warmUp = Math.max(3, WARM_UP - options.runs)
    for (let run = 0; run < options.runs + warmUp; run++) {
      const { kv, db } = storage()
      const body = bodyOf()
      ;(globalThis as { gc?: () => void }).gc?.()
      const heapBefore = process.memoryUsage().heapUsed
      modelCpu = 0
      const started = process.cpuUsage()
      const response = await send(kv, db, body)
      const used = process.cpuUsage(started)
      const heapAfter = process.memoryUsage().heapUsed
      if (response.status !== 200) throw new Error(`worker answered ${response.status}`)
      if (run < warmUp) continue
      samples.push((used.user + used.system) / 1000 - modelCpu)
      heaps.push((heapAfter - heapBefore) / 1024 / 1024)
    }
    if (session) {
      session.connect()
      await session.post('Profiler.enable')
      await session.post('Profiler.setSamplingInterval', { interval: 100 })
      const batches: number[] = []
      for (let batch = 0; batch < PROFILED_BATCHES; batch++) {
        const bodies = Array.from({ length: options.runs }, bodyOf)
        await session.post('Profiler.start')
        const before = process.threadCpuUsage()
        for (const body of bodies) {
          const { kv, db } = storage()
          await send(kv, db, body)
        }
        const thread = process.threadCpuUsage(before)
        const { profile } = (await session.post('Profiler.stop')) as { profile: Profile }
        batches.push((bundleShare(profile) * (thread.user + thread.system)) / 1000 / options.runs)
        options.onProfile?.(profile)
      }
      bundleMs = median(batches)
      session.disconnect()
    }
  } finally {
    globalThis.fetch = realFetch
    console.log = quiet.log
    console.warn = quiet.warn
  }
  return { cpuMs: median(samples), heapMb: Math.max(0, median(heaps)), ...(bundleMs === undefined ? {} : { bundleMs }) }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** What V8's sampling profiler returns (the fields read here). */
export interface Profile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string; lineNumber: number } }>
  samples: number[]
  timeDeltas: number[]
}

/**
 * The share of a profile's busy samples (all but idle ones) whose own frame is in the
 * worker's bundle. Samples are counted, not weighed by the time between them: a sample
 * that ends a pause (the process waiting for a core another process holds) would
 * otherwise carry the whole pause.
 */
function bundleShare(profile: Profile): number {
  const inside = new Set(profile.nodes.filter((n) => bundleUrls.has(n.callFrame.url)).map((n) => n.id))
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let busy = 0
  let ours = 0
  for (const id of profile.samples) {
    if (idle.has(id)) continue
    busy++
    if (inside.has(id)) ours++
  }
  return busy === 0 ? 0 : ours / busy
}
