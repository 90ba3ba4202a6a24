/**
 * `npm run demo`: starts the worker (with the replay model when no key is set), POSTs
 * the bundled French article, prints it beside its English translation with the
 * summaries, then sends it again to show it served from the cache with no model call.
 * The worker stops with the demo; `npm run demo -- --keep` keeps it up until Ctrl-C.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chooseModel, freePort, ROOT, startWrangler, stopProcess, waitForWorker } from './local.ts'

interface Result {
  id: string
  model: string
  paragraphs: Array<{ index: number; fr: string; en: string; cache: string }>
  summary: { en: string; fr: string } | null
  usage: { model_calls: number; input_tokens: number; output_tokens: number; cached_paragraphs: number }
}

const WIDTH = Math.max(80, Math.min(process.stdout.columns || 110, 140))
const article = readFileSync(join(ROOT, 'fixtures', 'articles', 'seed.fr.txt'), 'utf8')

const keep = process.argv.slice(2).includes('--keep')
const model = await chooseModel()
const state = mkdtempSync(join(tmpdir(), 'passage-demo-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
// The demo is a local client of its own worker: it opens auth on localhost for itself.
const wrangler = startWrangler(port, { ...model.vars, AUTH_DISABLED: 'true' }, ['--persist-to', state], 'pipe')
let logs = ''
wrangler.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString()))
wrangler.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()))

const cleanUp = () => {
  stopProcess(wrangler)
  model.stop()
  rmSync(state, { recursive: true, force: true })
}
process.on('SIGINT', () => {
  cleanUp()
  process.exit(130)
})

try {
  console.log(`passage demo: using ${model.describe}`)
  console.log(`Starting the worker under wrangler dev on ${base} (fresh local KV)…`)
  await waitForWorker(base, wrangler)

  const first = await translate()
  printResult(first.result)
  console.log(rule('='))
  console.log(
    `First request:  ${first.result.paragraphs.length} paragraphs, ${first.result.usage.model_calls} model calls, ` +
      `${first.result.usage.input_tokens} input + ${first.result.usage.output_tokens} output tokens, ${first.ms} ms`,
  )
  console.log(`                Cache-Status: ${first.cacheStatus}`)

  const second = await translate()
  console.log(
    `Second request: ${second.result.usage.model_calls} model calls, ` +
      `${second.result.usage.cached_paragraphs}/${second.result.paragraphs.length} paragraphs from cache, ` +
      `${second.ms} ms`,
  )
  console.log(`                Cache-Status: ${second.cacheStatus}`)
  if (second.result.usage.model_calls !== 0 || second.cacheStatus !== 'passage; hit') {
    throw new Error('the second request was not served from the cache')
  }
  if (keep) {
    console.log(`\nThe worker stays up until Ctrl-C: open ${base}${second.location} in a browser, or`)
    console.log(`  curl -s '${base}${second.location}?format=md'`)
    process.on('SIGTERM', () => {
      cleanUp()
      process.exit(0)
    })
    await new Promise<never>(() => {})
  }
  console.log(seeAgain())
  cleanUp()
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`)
  if (logs) console.error(`\nwrangler dev said:\n${logs.slice(-4000)}`)
  cleanUp()
  process.exit(1)
}

/** The demo's worker and its KV store end with the demo, so its addresses die with it. */
function seeAgain(): string {
  return [
    '',
    'The demo has stopped its worker, so the result is gone with it. To see it again:',
    '  npm run dev                              # keeps a worker up on http://localhost:8787',
    '  then, in a browser, http://localhost:8787/ and paste fixtures/articles/seed.fr.txt; or POST it:',
    "  curl -s 'http://localhost:8787/v1/translations?format=md' -H 'Content-Type: text/plain; charset=utf-8' " +
      '--data-binary @fixtures/articles/seed.fr.txt',
    "(or run `npm run demo -- --keep` to keep the demo's own worker up until Ctrl-C)",
  ].join('\n')
}

async function translate() {
  const started = Date.now()
  const res = await fetch(`${base}/v1/translations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text: article }),
  })
  const body = await res.text()
  if (!res.ok) throw new Error(`POST /v1/translations answered ${res.status}: ${body}`)
  return {
    result: JSON.parse(body) as Result,
    ms: Date.now() - started,
    cacheStatus: res.headers.get('cache-status') ?? '',
    location: res.headers.get('location') ?? '',
  }
}

function printResult(result: Result) {
  const column = Math.floor((WIDTH - 3) / 2)
  console.log(`\n${rule('=')}\n${pad('FRANÇAIS', column)} | ENGLISH\n${rule('=')}`)
  if (result.summary) {
    printPair(`Résumé : ${result.summary.fr}`, `Summary: ${result.summary.en}`, column)
    console.log(rule('='))
  }
  for (const p of result.paragraphs) {
    printPair(`${p.index + 1}. ${p.fr}`, `${p.index + 1}. ${p.en}`, column)
    console.log(rule('-'))
  }
}

function printPair(left: string, right: string, column: number) {
  const a = wrap(left, column)
  const b = wrap(right, column)
  for (let i = 0; i < Math.max(a.length, b.length); i++) console.log(`${pad(a[i] ?? '', column)} | ${b[i] ?? ''}`)
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && [...`${line} ${word}`].length > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  return lines
}

function pad(text: string, width: number) {
  return text + ' '.repeat(Math.max(0, width - [...text].length))
}

function rule(ch: string) {
  return ch.repeat(WIDTH)
}
