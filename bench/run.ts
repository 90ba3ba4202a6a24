/**
 * `npm run bench`: the real worker under `wrangler dev` against a simulated model whose
 * calls take a fixed latency plus a time per output token. Prints one table; every
 * figure and ratio in it is measured side by side in this run.
 *
 *   npm run bench -- [--latency-ms 300] [--ms-per-token 5] [--quick]
 */

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort, startWrangler, stopProcess, waitForWorker } from '../scripts/local.ts'
import { article, ROOT } from './articles.ts'
import { loadWorker, measureCpu, median } from './cpu.ts'
import { measureRetries } from './retries.ts'
import { type Simulator, startSimulator } from './simulator.ts'

const { values: args } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '300' },
    'ms-per-token': { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
  },
})
const timing = { latencyMs: Number(args['latency-ms']), msPerOutputToken: Number(args['ms-per-token']) }
const PROMPTS = {
  translate: readFileSync(join(ROOT, 'prompts/translate.md'), 'utf8'),
  summarise: readFileSync(join(ROOT, 'prompts/summarise.md'), 'utf8'),
}
// Each token has its own rate-limit budget (20 a minute): the bench rotates through them.
const TOKENS = Array.from({ length: 40 }, (_, i) => `bench-token-${i}`)
let requests = 0
const rows: Array<[string, string, string, string]> = []
const row = (section: string, measure: string, value: string, target = '') => {
  rows.push([section, measure, value, target])
  console.error(`  ${section} · ${measure}: ${value} ${target}`)
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')

const simulator = await startSimulator(timing)
const state = mkdtempSync(join(tmpdir(), 'passage-bench-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const wrangler = startWrangler(
  port,
  { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: simulator.url, API_TOKENS: TOKENS.join(','), MAX_ARTICLE_CHARS: '200000', REQUEST_DEADLINE_MS: '600000' },
  ['--persist-to', state],
  'pipe',
)
let tags = 0
const tag = () => `r${++tags}`

try {
  console.error(`bench: simulated model ${timing.latencyMs} ms + ${timing.msPerOutputToken} ms per output token; worker on ${base}`)
  await waitForWorker(base, wrangler)
  await post(article(1, 'warm-up'))

  // 1. Critical path, against one paragraph at a time on the same simulator.
  for (const [name, n] of [['seed (12 paragraphs)', 12], ['60 paragraphs', 60]] as const) {
    const run = await post(article(n, tag()))
    const slowest = Math.max(...run.calls.map((c) => c.end - c.start))
    const naive = await naivePerParagraph(article(n, tag()))
    row('critical path', `${name}: end to end / slowest model call`, `${fmt(run.ms)} ms / ${fmt(slowest)} ms = ${fmt(run.ms / slowest, 2)}×`, `≤ 1.2× ${verdict(run.ms / slowest <= 1.2)}`)
    row('critical path', `${name}: naive, one paragraph at a time`, `${fmt(naive)} ms = ${fmt(naive / run.ms, 1)}× passage`)
  }

  // 2. Cost, against the naive two calls (whole article, then summary).
  for (const [name, n] of [['seed', 12], ['60 paragraphs', 60]] as const) {
    const paragraphs = article(n, tag())
    const run = await post(paragraphs)
    const ours = sumTokens(run.calls)
    const baseline = await naiveTwoCalls(paragraphs)
    row('cost', `${name}: calls, tokens (in + out)`, `${run.calls.length} calls, ${fmt(ours.input)} + ${fmt(ours.output)} = ${fmt(ours.total)}`)
    row('cost', `${name}: naive two calls`, `2 calls, ${fmt(baseline.input)} + ${fmt(baseline.output)} = ${fmt(baseline.total)}; ratio ${fmt(ours.total / baseline.total, 2)}×`, `≤ 1.25× ${verdict(ours.total / baseline.total <= 1.25)}`)
  }
  const seed = article(12, tag())
  await post(seed)
  const repeated = await post(seed)
  row('cost', 'seed repeated: model calls', String(repeated.calls.length), `0 ${verdict(repeated.calls.length === 0)}`)
  const edited = [...seed]
  edited[6] = `${edited[6]} Le porte-parole n’a pas souhaité commenter.`
  const afterEdit = await post(edited)
  const editedCalls = afterEdit.calls.map((c) => c.kind).sort()
  row('cost', 'seed, one paragraph edited: model calls', `${afterEdit.calls.length} (${editedCalls.join(', ')})`, `its batch + summary ${verdict(editedCalls.join() === 'summary,translation')}`)

  // 3. Cache hit against /healthz, in the same worker.
  const hits: number[] = []
  const health: number[] = []
  for (let i = 0; i < 25; i++) {
    hits.push((await post(seed)).ms)
    const started = performance.now()
    await (await fetch(`${base}/healthz`)).text()
    health.push(performance.now() - started)
  }
  const hit = median(hits)
  const ping = median(health)
  row('cache hit', 'repeated seed article vs GET /healthz (median of 25)', `${fmt(hit, 1)} ms vs ${fmt(ping, 1)} ms = ${fmt(hit / ping, 1)}×`, `≤ 3× ${verdict(hit / ping <= 3)}`)

  // 4. Worker CPU, model wait excluded.
  const worker = await loadWorker()
  const runs = args.quick ? 10 : 30
  for (const [name, n] of [['seed', 12], ['60 paragraphs', 60]] as const) {
    const fresh = await measureCpu(worker, article(n, tag()), { runs, cached: false, profile: true })
    const cached = await measureCpu(worker, article(n, tag()), { runs, cached: true, profile: true })
    row(
      'worker CPU',
      `${name}: translated, in the worker's code / whole Node process`,
      `${fmt(fresh.bundleMs ?? 0, 2)} ms / ${fmt(fresh.cpuMs, 2)} ms`,
      name === 'seed' ? `< 5 ms ${verdict((fresh.bundleMs ?? Infinity) < 5)}` : '',
    )
    row('worker CPU', `${name}: served from cache, in the worker's code / whole Node process`, `${fmt(cached.bundleMs ?? 0, 2)} ms / ${fmt(cached.cpuMs, 2)} ms`)
  }

  // 5. Bundle.
  const out = mkdtempSync(join(tmpdir(), 'passage-bundle-'))
  const dryRun = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--minify', '--outdir', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  rmSync(out, { recursive: true, force: true })
  const [, raw = '?', gzip = '?'] = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(dryRun) ?? []
  row('bundle', 'wrangler deploy --dry-run --minify', `${raw} KiB, gzip ${gzip} KiB`, `< 250 KiB ${verdict(Number(gzip) < 250)}`)

  // 6. Growth.
  const sizes = args.quick ? [1, 12, 60] : [1, 12, 60, 120, 200]
  for (const n of sizes) {
    const paragraphs = article(n, tag())
    const run = await post(paragraphs)
    const t = sumTokens(run.calls)
    const cpu = await measureCpu(worker, article(n, tag()), { runs: 5, cached: false })
    const chars = paragraphs.join('\n').length
    row('growth', `${n} paragraphs (${fmt(chars)} chars)`, `${fmt(run.ms)} ms, ${run.calls.length} calls, ${fmt(t.total)} tokens, ${fmt(cpu.cpuMs, 1)} ms process CPU, ~${fmt(cpu.heapMb, 1)} MB heap`)
  }
  // The largest article the default settings accept: MAX_ARTICLE_CHARS = 60,000.
  let most = 1
  while (article(most + 1, 'limit').join('\n').length <= 60_000) most++
  const largest = article(most, tag())
  const run = await post(largest)
  const cpu = await measureCpu(worker, article(most, tag()), { runs: 3, cached: false })
  const open = mostOpenAtOnce(run.calls)
  row(
    'growth',
    `largest accepted by default: ${most} paragraphs (${fmt(largest.join('\n').length)} chars)`,
    `${fmt(run.ms)} ms, ${run.calls.length} calls (at most ${open} open at once), ${fmt(sumTokens(run.calls).total)} tokens, ~${fmt(cpu.heapMb, 1)} MB heap`,
    `< 128 MB, ≤ 6 connections ${verdict(cpu.heapMb < 128 && open <= 6)}`,
  )

  // 7. What a doubt costs: one paragraph retried alone, against the clean run.
  for (const [measure, value] of await measureRetries(worker, timing, args.quick ? [60] : [60, 133])) row('retries', measure, value)
} finally {
  stopProcess(wrangler)
  simulator.close()
  rmSync(state, { recursive: true, force: true })
}

printTable()

async function post(paragraphs: string[]) {
  const before = simulator.calls.length
  const started = performance.now()
  const res = await fetch(`${base}/v1/translations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKENS[requests++ % TOKENS.length]}` },
    body: JSON.stringify({ text: paragraphs.join('\n') }),
  })
  const body = await res.text()
  const ms = performance.now() - started
  if (!res.ok) throw new Error(`POST answered ${res.status}: ${body.slice(0, 300)}`)
  return { ms, calls: simulator.calls.slice(before) }
}

/** The naive pipeline: each paragraph in its own call, one after another, then a summary. */
async function naivePerParagraph(paragraphs: string[]): Promise<number> {
  const started = performance.now()
  for (const [i, fr] of paragraphs.entries()) {
    await callModel(PROMPTS.translate, JSON.stringify({ glossary: {}, paragraphs: [{ id: `p${i}`, fr }] }), 'translation')
  }
  await callModel(PROMPTS.summarise, JSON.stringify({ sentences: 3, glossary: {}, article: paragraphs }), 'summary')
  return performance.now() - started
}

/**
 * The cost baseline: one call translating the whole article, one summarising it, with the
 * same prompts and JSON, so that the ratio shows what batching and checking cost.
 */
async function naiveTwoCalls(paragraphs: string[]) {
  const before = simulator.calls.length
  await Promise.all([
    callModel(PROMPTS.translate, JSON.stringify({ glossary: {}, paragraphs: paragraphs.map((fr, i) => ({ id: `p${i}`, fr })) }), 'translation'),
    callModel(PROMPTS.summarise, JSON.stringify({ sentences: 3, glossary: {}, article: paragraphs }), 'summary'),
  ])
  return sumTokens(simulator.calls.slice(before))
}

async function callModel(system: string, user: string, schema?: string) {
  const res = await fetch(`${simulator.url}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      model: 'bench',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      ...(schema ? { response_format: { type: 'json_schema', json_schema: { name: schema, strict: true, schema: {} } } } : {}),
    }),
  })
  await res.text()
}

/** The most calls in flight at any instant (a sweep over start and end times). */
function mostOpenAtOnce(calls: Simulator['calls']): number {
  const events = calls.flatMap((c) => [[c.start, 1] as const, [c.end, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1])
  let open = 0
  let most = 0
  for (const [, delta] of events) most = Math.max(most, (open += delta))
  return most
}

function sumTokens(calls: Simulator['calls']) {
  const input = calls.reduce((n, c) => n + c.inputTokens, 0)
  const output = calls.reduce((n, c) => n + c.outputTokens, 0)
  return { input, output, total: input + output }
}

function printTable() {
  const header: [string, string, string, string] = ['', 'measure', 'result', 'target']
  const all = [header, ...rows]
  const widths = [0, 1, 2, 3].map((i) => Math.max(...all.map((r) => r[i]?.length ?? 0)))
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`
  console.log(`\npassage benchmark — simulated model: ${timing.latencyMs} ms per call + ${timing.msPerOutputToken} ms per output token\n`)
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
}
