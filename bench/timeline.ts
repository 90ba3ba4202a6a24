/**
 * Where an article's time goes: the real worker under `wrangler dev` against the simulated
 * model (bench/simulator.ts), one article POSTed, and each model call it made printed on
 * one line (when it started, its first token, its end, its tokens), with a bar over time.
 *
 *   npm exec -- node bench/timeline.ts [--paragraphs 12] [--latency-ms 300] [--ms-per-1k-prompt 100] [--ms-per-token 5]
 *     [--doubt-rate 0] [--seed 12]
 */

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort, startWrangler, stopProcess, waitForWorker } from '../scripts/local.ts'
import { article } from './articles.ts'
import { startSimulator } from './simulator.ts'

const { values: args } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '12' },
    'latency-ms': { type: 'string', default: '300' },
    'ms-per-1k-prompt': { type: 'string', default: '100' },
    'ms-per-token': { type: 'string', default: '5' },
    'doubt-rate': { type: 'string', default: '0' },
    seed: { type: 'string', default: '12' },
  },
})
const simulator = await startSimulator(
  {
    latencyMs: Number(args['latency-ms']),
    msPerOutputToken: Number(args['ms-per-token']),
    msPer1kPromptTokens: Number(args['ms-per-1k-prompt']),
  },
  { doubtRate: Number(args['doubt-rate']), seed: Number(args.seed) },
)
const state = mkdtempSync(join(tmpdir(), 'passage-timeline-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const wrangler = startWrangler(
  port,
  { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: simulator.url, AUTH_DISABLED: 'true', MAX_ARTICLE_CHARS: '200000' },
  ['--persist-to', state],
  'pipe',
)
try {
  await waitForWorker(base, wrangler)
  const post = async (paragraphs: string[]) => {
    const res = await fetch(`${base}/v1/translations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: paragraphs.join('\n') }),
    })
    await res.text()
    return res.status
  }
  await post(article(1, `warm-${Date.now()}`))
  const before = simulator.calls.length
  const started = performance.now()
  const status = await post(article(Number(args.paragraphs), `timeline-${Date.now()}`))
  const total = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 50))
  const calls = simulator.calls.slice(before).sort((a, b) => a.start - b.start)
  const scale = 60 / total
  console.log(`${args.paragraphs} paragraphs: ${status} in ${Math.round(total)} ms, ${calls.length} calls`)
  for (const c of calls) {
    const at = (t: number) => Math.round(t - started)
    const bar =
      ' '.repeat(Math.round(at(c.start) * scale)) +
      '·'.repeat(Math.max(0, Math.round((c.firstToken - c.start) * scale))) +
      '█'.repeat(Math.max(1, Math.round((c.end - c.firstToken) * scale)))
    console.log(
      `${c.kind.padEnd(11)} ${String(at(c.start)).padStart(6)} → ${String(at(c.firstToken)).padStart(6)} → ` +
        `${String(at(c.end)).padStart(6)} ms  in ${String(c.inputTokens).padStart(5)}  ` +
        `out ${String(c.outputTokens).padStart(5)}${c.doubted ? ` ${c.doubted}?` : '   '} ${bar}`,
    )
  }
} finally {
  stopProcess(wrangler)
  simulator.close()
  rmSync(state, { recursive: true, force: true })
}
