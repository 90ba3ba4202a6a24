/**
 * What a doubt costs: the worker's bundle in this process (in-memory KV) against a
 * simulated model that answers after a latency plus a time per output token. The same
 * long article runs clean, with one paragraph doubtful once (its batch drops a figure,
 * the paragraph alone comes back whole), and with one paragraph doubtful every time;
 * calls, tokens and time are printed side by side, and the cost of a second opinion.
 * Part of `npm run bench`; on its own:
 *
 *   npm exec -- node bench/retries.ts [--latency-ms 300] [--ms-per-token 5]
 */

import { parseArgs } from 'node:util'
import { article } from './articles.ts'
import { type Fetcher, loadWorker, MemoryKV, openD1, sqliteD1 } from './cpu.ts'
import { answerResponse, simulateAnswer, type SimulatorTiming, tokens } from './simulator.ts'

interface Measured {
  status: number
  ms: number
  calls: number
  smallCalls: number
  inputTokens: number
  outputTokens: number
  warnings: number
  /** Tokens of the call that held the doubtful paragraph with its batch. */
  doubtedBatchTokens: number
}

type Doubt = 'none' | 'once' | 'always'

// The worker keeps one SDK client per isolate, holding the fetch it was built with: one
// fetch (and a key of its own, for a client of its own) serves every run, and each run
// swaps the answer behind it.
const model: { answer: (body: Record<string, unknown>) => Promise<Response> } = {
  answer: async () => Response.json({}, { status: 500 }),
}

/** One request for `paragraphs`, with paragraph `doubted` answered without its figures as `doubt` says. */
async function measure(
  worker: Fetcher,
  timing: SimulatorTiming,
  paragraphs: string[],
  doubted: number,
  doubt: Doubt,
  secondOpinion = false,
): Promise<Measured> {
  const seen = { calls: 0, smallCalls: 0, inputTokens: 0, outputTokens: 0, doubtedBatchTokens: 0 }
  model.answer = async (body) => {
    const review = Array.isArray(
      (JSON.parse((body.messages as Array<{ content: string }>)[1]?.content ?? '{}') as { pairs?: unknown }).pairs,
    )
    const simulated = simulateAnswer(body)
    // A second opinion that finds nothing: the cost of asking.
    const answer = review
      ? { ...simulated, content: '{"findings":[]}', outputTokens: tokens('{"findings":[]}') }
      : simulated
    let content = answer.content
    if (answer.kind === 'translation') {
      const user = JSON.parse((body.messages as Array<{ role: string; content: string }>)[1]?.content ?? '{}') as {
        paragraphs: Array<{ fr: string }>
      }
      const at = user.paragraphs.findIndex((p) => p.fr === paragraphs[doubted])
      const alone = user.paragraphs.length === 1
      if (alone) seen.smallCalls++
      if (at >= 0 && !alone) seen.doubtedBatchTokens = answer.inputTokens + answer.outputTokens
      if (at >= 0 && (doubt === 'always' || (doubt === 'once' && !alone))) {
        const output = JSON.parse(content) as { translations: Array<{ id: string; en: string }> }
        const entry = output.translations[at]
        if (entry) entry.en = entry.en.replace(/\d[\d.,]*/g, 'several')
        content = JSON.stringify(output)
      }
    }
    seen.calls++
    seen.inputTokens += answer.inputTokens
    seen.outputTokens += answer.outputTokens
    await new Promise((resolve) =>
      setTimeout(resolve, timing.latencyMs + answer.outputTokens * timing.msPerOutputToken),
    )
    return answerResponse(body, { ...answer, content })
  }
  // As deployed, each run with an empty cache: summaries and results in KV, paragraphs and usage in D1.
  const env = {
    CACHE: new MemoryKV(),
    DB: sqliteD1(openD1()),
    RATE_LIMITER: { limit: async () => ({ success: true }) },
    OPENAI_API_KEY: 'bench-retries',
    OPENAI_BASE_URL: 'http://model.invalid/v1',
    AUTH_DISABLED: 'true',
    MAX_ARTICLE_CHARS: '1000000',
    MAX_PARAGRAPHS: '5000',
  }
  const started = performance.now()
  const response = await worker.fetch(
    new Request('http://localhost/v1/translations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: paragraphs.join('\n'), second_opinion: secondOpinion }),
    }),
    env,
    { waitUntil() {}, passThroughOnException() {} },
  )
  const result = (await response.json()) as { paragraphs?: Array<{ warnings?: string[] }> }
  const ms = performance.now() - started
  return { status: response.status, ms, ...seen, warnings: (result.paragraphs ?? []).filter((p) => p.warnings).length }
}

/** Rows [measure, result] for a clean run and one-doubt runs of `sizes`-paragraph articles. */
export async function measureRetries(
  worker: Fetcher,
  timing: SimulatorTiming,
  sizes: readonly number[] = [60, 133],
): Promise<Array<[string, string]>> {
  const realFetch = globalThis.fetch
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    model.answer((await new Request(input, init).json()) as Record<string, unknown>)) as typeof fetch
  try {
    return await measureAll(worker, timing, sizes)
  } finally {
    globalThis.fetch = realFetch
  }
}

async function measureAll(
  worker: Fetcher,
  timing: SimulatorTiming,
  sizes: readonly number[],
): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = []
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })
  const describe = (m: Measured) =>
    `${m.status}, ${fmt(m.ms)} ms, ${m.calls} calls (${m.smallCalls} of one paragraph), ` +
    `${fmt(m.inputTokens)} + ${fmt(m.outputTokens)} = ${fmt(m.inputTokens + m.outputTokens)} tokens` +
    (m.warnings ? `, ${m.warnings} paragraph with warnings` : '')
  for (const n of sizes) {
    const doubted = Math.floor(n / 2)
    const clean = await measure(worker, timing, article(n, `clean-${n}`), doubted, 'none')
    const once = await measure(worker, timing, article(n, `once-${n}`), doubted, 'once')
    const always = await measure(worker, timing, article(n, `always-${n}`), doubted, 'always')
    const extra = (m: Measured) => {
      const calls = m.calls - clean.calls
      const tokens = m.inputTokens + m.outputTokens - clean.inputTokens - clean.outputTokens
      return `+${calls} ${calls === 1 ? 'call' : 'calls'}, +${fmt(tokens)} tokens`
    }
    const reviewed = await measure(worker, timing, article(n, `reviewed-${n}`), doubted, 'none', true)
    rows.push([`${n} paragraphs, clean`, describe(clean)])
    rows.push([`${n} paragraphs, clean, with a second opinion`, `${describe(reviewed)}; ${extra(reviewed)}`])
    rows.push([`${n} paragraphs, one paragraph doubtful once`, `${describe(once)}; ${extra(once)}`])
    rows.push([`${n} paragraphs, one paragraph doubtful every time`, `${describe(always)}; ${extra(always)}`])
    // The former policy resent the doubtful paragraph's whole batch, up to MAX_RETRIES (4) times.
    rows.push([
      `${n} paragraphs, doubtful every time, under the former policy (estimate)`,
      `+4 calls, +${fmt(4 * always.doubtedBatchTokens)} tokens: ` +
        `4 × its batch's call as measured here (${fmt(always.doubtedBatchTokens)} tokens)`,
    ])
  }
  return rows
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { 'latency-ms': { type: 'string', default: '300' }, 'ms-per-token': { type: 'string', default: '5' } },
  })
  const timing = { latencyMs: Number(values['latency-ms']), msPerOutputToken: Number(values['ms-per-token']) }
  const rows = await measureRetries(await loadWorker(), timing)
  console.log(
    `\nretries — simulated model: ${timing.latencyMs} ms per call + ${timing.msPerOutputToken} ms per output token\n`,
  )
  for (const [measure, result] of rows) console.log(`${measure}: ${result}`)
}
