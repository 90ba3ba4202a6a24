/**
 * `npm run bench:fidelity`: how often the fidelity checks raise a false alarm on faithful
 * human translations, and how often they catch a tampered answer.
 *
 * False alarms: every FLORES-200 devtest pair (grouped into short articles) and every
 * paragraph of passage's own French news pairs, plus the recorded summaries, through the
 * same pure checks the worker runs. A pair is rejected (a hard failure: retried, never
 * served) or doubted (served with a warning once retries run out).
 * Detection: the mutation suite of bench/fidelity-corpus.ts, built from the same pairs; a
 * mutation is caught when it is rejected or doubted.
 *
 * Runs in Node with no worker: the checks are bundled with esbuild and imported.
 * Options: --json prints the figures as JSON.
 * Second opinion: with OPENAI_API_KEY set (and OPENAI_BASE_URL, MODEL), a sample of the
 * tampered answers the checks missed and of faithful pairs (SECOND_OPINION_SAMPLE of each,
 * 48 by default) goes to the real model through bench/fidelity-second-opinion.ts; without
 * a key it says it was not measured.
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { ROOT } from './articles.ts'
import {
  type Article,
  floresArticles,
  type Mutation,
  summaryMutations,
  translationMutations,
} from './fidelity-corpus.ts'
import { measureSecondOpinion, type ReviewSample } from './fidelity-second-opinion.ts'

interface Checks {
  checkEnglishText(en: string, fr: string, id: string): void
  findDoubts(fr: string, en: string, terms: ReadonlyArray<readonly [string, string]>): string[]
  checkSummary(
    result: { content: string; finishReason: string; inputTokens: number; outputTokens: number },
    article: readonly string[],
    length: 'short' | 'standard' | 'long',
    glossary?: Record<string, string>,
  ): unknown
}

interface Verdict {
  rejected?: string
  doubts: string[]
}

const { values: options } = parseArgs({ options: { json: { type: 'boolean', default: false } } })

async function loadChecks(): Promise<Checks> {
  const bundle = await build({
    stdin: {
      contents: "export { checkEnglishText, findDoubts, checkSummary } from './src/fidelity/checks.ts'",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    loader: { '.md': 'text' },
    logLevel: 'silent',
  })
  const code = bundle.outputFiles[0]?.text ?? ''
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Checks
}

function loadArticles(): Article[] {
  const flores = floresArticles(readFileSync(join(ROOT, 'fixtures/corpora/flores200-devtest.fra-eng.tsv'), 'utf8'))
  const news = JSON.parse(readFileSync(join(ROOT, 'fixtures/fidelity/news-pairs.json'), 'utf8')) as {
    articles: Article[]
  }
  const seed = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/seed.json'), 'utf8')) as Pick<
    Article,
    'paragraphs' | 'summaries'
  >
  return [
    ...flores,
    ...news.articles.map((a) => ({ ...a, source: 'news' as const })),
    { source: 'seed', title: 'seed article', paragraphs: seed.paragraphs, summaries: seed.summaries },
  ]
}

function checkPair(checks: Checks, fr: string, en: string): Verdict {
  try {
    checks.checkEnglishText(en, fr, 'p0')
  } catch (error) {
    return { rejected: (error as { reason?: string }).reason ?? String(error), doubts: [] }
  }
  return { doubts: checks.findDoubts(fr, en, []).map(doubtClass) }
}

function checkSummary(
  checks: Checks,
  article: Article,
  length: 'short' | 'standard' | 'long',
  summary: { en: string; fr: string },
): Verdict {
  const result = { content: JSON.stringify(summary), finishReason: 'stop', inputTokens: 0, outputTokens: 0 }
  try {
    checks.checkSummary(
      result,
      article.paragraphs.map((p) => p.fr),
      length,
    )
  } catch (error) {
    return { rejected: (error as { reason?: string }).reason ?? String(error), doubts: [] }
  }
  return { doubts: [] }
}

/** The check a doubt comes from, from the start of its message. */
function doubtClass(doubt: string): string {
  if (doubt.startsWith('figures missing')) return 'figures missing'
  if (doubt.startsWith('times of day')) return 'times of day'
  if (doubt.includes('states a figure')) return 'figure added'
  if (doubt.startsWith('names missing')) return 'names missing'
  if (doubt.startsWith('names changed')) return 'names changed'
  if (doubt.includes('shorter') || doubt.includes('longer')) return 'length'
  if (doubt.includes('no counterpart')) return 'sentence added'
  if (doubt.includes('sentences')) return 'sentence count'
  if (doubt.includes('mid-sentence')) return 'cut mid-sentence'
  if (doubt.includes('negat')) return 'negation'
  if (doubt.includes('no word')) return 'shared words'
  if (doubt.includes('few words')) return 'words and punctuation'
  if (doubt.includes('capitals')) return 'words in capitals'
  if (doubt.includes('quotation')) return 'quotation'
  return 'glossary'
}

function runMutation(checks: Checks, m: Mutation): Verdict {
  if (m.kind === 'summary')
    return checkSummary(checks, m.article, m.length ?? 'standard', m.summary as { en: string; fr: string })
  const fr = m.article.paragraphs[m.index ?? 0]?.fr ?? ''
  return checkPair(checks, fr, m.en ?? '')
}

function allMutations(articles: Article[]): Mutation[] {
  const mutations: Mutation[] = []
  for (const article of articles) {
    for (let i = 0; i < article.paragraphs.length; i++) mutations.push(...translationMutations(article, i))
    for (const [length, summary] of Object.entries(article.summaries ?? {})) {
      if (summary) mutations.push(...summaryMutations(article, length as 'short' | 'standard' | 'long', summary))
    }
  }
  return mutations
}

async function main(): Promise<void> {
  const checks = await loadChecks()
  const articles = loadArticles()
  const started = performance.now()

  // False alarms, per corpus and per check.
  const alarms: Record<string, { pairs: number; rejected: number; doubted: number }> = {}
  const byCheck: Record<string, number> = {}
  const examples: string[] = []
  for (const article of articles) {
    const row = alarms[article.source] ?? { pairs: 0, rejected: 0, doubted: 0 }
    alarms[article.source] = row
    for (const { fr, en } of article.paragraphs) {
      const verdict = checkPair(checks, fr, en)
      row.pairs++
      if (verdict.rejected) {
        row.rejected++
        byCheck[`rejected: ${verdict.rejected}`] = (byCheck[`rejected: ${verdict.rejected}`] ?? 0) + 1
        examples.push(`REJECTED ${verdict.rejected}\n  fr: ${fr}\n  en: ${en}`)
      } else if (verdict.doubts.length > 0) {
        row.doubted++
        for (const d of new Set(verdict.doubts)) byCheck[`doubted: ${d}`] = (byCheck[`doubted: ${d}`] ?? 0) + 1
        examples.push(`DOUBTED ${verdict.doubts.join(', ')}\n  fr: ${fr}\n  en: ${en}`)
      }
    }
    for (const [length, summary] of Object.entries(article.summaries ?? {})) {
      if (!summary) continue
      const srow = alarms[`${article.source} summaries`] ?? { pairs: 0, rejected: 0, doubted: 0 }
      alarms[`${article.source} summaries`] = srow
      const verdict = checkSummary(checks, article, length as 'short' | 'standard' | 'long', summary)
      srow.pairs++
      if (verdict.rejected) {
        srow.rejected++
        byCheck[`rejected: summary ${verdict.rejected}`] = (byCheck[`rejected: summary ${verdict.rejected}`] ?? 0) + 1
        examples.push(`REJECTED summary ${verdict.rejected} (${article.title}, ${length})`)
      }
    }
  }

  // Detection, per mutation class and per check that caught it.
  const detection: Record<string, { total: number; rejected: number; doubted: number }> = {}
  const missed: string[] = []
  const missedPairs: ReviewSample[] = []
  const caughtBy: Record<string, number> = {}
  for (const m of allMutations(articles)) {
    const verdict = runMutation(checks, m)
    const by = verdict.rejected
      ? [`rejected: ${m.kind === 'summary' ? 'summary ' : ''}${verdict.rejected}`]
      : [...new Set(verdict.doubts)].map((d) => `doubted: ${d}`)
    for (const check of by) caughtBy[check] = (caughtBy[check] ?? 0) + 1
    const row = detection[m.class] ?? { total: 0, rejected: 0, doubted: 0 }
    detection[m.class] = row
    row.total++
    if (verdict.rejected) row.rejected++
    else if (verdict.doubts.length > 0) row.doubted++
    else {
      missed.push(`MISSED ${m.class}: ${m.kind === 'summary' ? JSON.stringify(m.summary) : m.en}`)
      if (m.kind === 'translation')
        missedPairs.push({
          id: `t${missedPairs.length}`,
          fr: m.article.paragraphs[m.index ?? 0]?.fr ?? '',
          en: m.en ?? '',
        })
    }
  }
  const elapsed = performance.now() - started

  const pairs = Object.entries(alarms)
    .filter(([k]) => !k.includes('summaries'))
    .reduce((n, [, r]) => n + r.pairs, 0)
  const rejected = Object.values(alarms).reduce((n, r) => n + r.rejected, 0)
  const doubted = Object.entries(alarms)
    .filter(([k]) => !k.includes('summaries'))
    .reduce((n, [, r]) => n + r.doubted, 0)
  const total = Object.values(detection).reduce((n, r) => n + r.total, 0)
  const caught = Object.values(detection).reduce((n, r) => n + r.rejected + r.doubted, 0)
  if (options.json) {
    console.log(
      JSON.stringify({ alarms, byCheck, caughtBy, detection, pairs, rejected, doubted, total, caught }, null, 2),
    )
    return
  }
  const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(2)}%`)
  const pad = (s: string, n: number) => s.padEnd(n)
  console.log('\nFalse alarms on faithful human translations')
  console.log(`${pad('corpus', 22)}${pad('pairs', 8)}${pad('rejected', 12)}doubted`)
  for (const [name, r] of Object.entries(alarms))
    console.log(
      `${pad(name, 22)}${pad(String(r.pairs), 8)}${pad(`${r.rejected} (${pct(r.rejected, r.pairs)})`, 12)}` +
        `${r.doubted} (${pct(r.doubted, r.pairs)})`,
    )
  console.log(
    `${pad('all paragraphs', 22)}${pad(String(pairs), 8)}${pad(`${rejected} (${pct(rejected, pairs)})`, 12)}` +
      `${doubted} (${pct(doubted, pairs)})`,
  )
  console.log('\nBy check: false alarms on faithful pairs and summaries, and tampered answers it caught')
  console.log(`  ${pad('check', 42)}${pad('false alarms', 14)}caught`)
  for (const check of [...new Set([...Object.keys(byCheck), ...Object.keys(caughtBy)])].sort()) {
    console.log(`  ${pad(check, 42)}${pad(String(byCheck[check] ?? 0), 14)}${caughtBy[check] ?? 0}`)
  }
  console.log('\nDetection of tampered answers (caught = rejected or doubted)')
  console.log(`${pad('mutation class', 36)}${pad('cases', 8)}${pad('rejected', 10)}${pad('doubted', 10)}caught`)
  for (const [name, r] of Object.entries(detection)) {
    console.log(
      `${pad(name, 36)}${pad(String(r.total), 8)}${pad(String(r.rejected), 10)}${pad(String(r.doubted), 10)}` +
        pct(r.rejected + r.doubted, r.total),
    )
  }
  console.log(`${pad('all mutations', 36)}${pad(String(total), 8)}${pad('', 20)}${pct(caught, total)}`)
  console.log(`\n${pairs} pairs and ${total} mutations checked in ${elapsed.toFixed(0)} ms`)
  const targets = [
    ['no faithful pair rejected', rejected === 0],
    ['at most 0.3% doubted', doubted / pairs <= 0.003],
    ['at least 95% of mutations caught', caught / total >= 0.95],
  ] as const
  for (const [target, met] of targets) console.log(`${met ? 'met    ' : 'MISSED '} ${target}`)
  const faithful = articles.flatMap((a) => a.paragraphs).map((p, i) => ({ id: `f${i}`, fr: p.fr, en: p.en }))
  console.log(`\n${(await secondOpinion(missedPairs, faithful, total, caught)).join('\n')}`)
  if (process.env.VERBOSE) {
    console.log(`\n${examples.join('\n')}`)
    console.log(`\n${missed.join('\n')}`)
  }
}

/** Every n-th item of `list`, `count` of them at most, spread over the whole list. */
function spread<T>(list: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(list.length / count))
  return list.filter((_, i) => i % step === 0).slice(0, count)
}

/**
 * What the optional second opinion adds, measured with the real model when OPENAI_API_KEY
 * is set: on a sample of the tampered answers the checks missed and of faithful pairs,
 * reviewed together in batches, how many it flags and what it costs in tokens.
 */
async function secondOpinion(
  missedPairs: ReviewSample[],
  faithful: ReviewSample[],
  total: number,
  caught: number,
): Promise<string[]> {
  if (!process.env.OPENAI_API_KEY)
    return [
      'second opinion: not measured. It needs a real model and OPENAI_API_KEY is not set here; set it ' +
        '(with OPENAI_BASE_URL and MODEL for a provider other than OpenAI) to measure what it adds and costs.',
    ]
  const size = Number(process.env.SECOND_OPINION_SAMPLE ?? 48)
  const tampered = spread(missedPairs, size)
  const clean = spread(faithful, size)
  // Tampered and faithful pairs alternate, so that no batch is all of one kind.
  const samples = tampered.flatMap((t, i) => (clean[i] ? [t, clean[i]] : [t]))
  samples.push(...clean.slice(tampered.length))
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
  const started = performance.now()
  const figures = await measureSecondOpinion(env, samples)
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  if (figures.failedBatches === figures.batches)
    return [`second opinion: not measured. Every call to ${env.MODEL ?? 'the model'} failed (${figures.firstError}).`]
  const flagged = new Set(figures.flagged)
  const found = tampered.filter((t) => flagged.has(t.id)).length
  const alarms = clean.filter((c) => flagged.has(c.id)).length
  const share = tampered.length === 0 ? 0 : found / tampered.length
  const projected = caught + share * (total - caught)
  const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`)
  const tokens = figures.inputTokens + figures.outputTokens
  return [
    `second opinion with ${env.MODEL ?? 'the default model'}: ${figures.batches} batches of up to 8 pairs, ` +
      `${figures.calls} calls, ${figures.failedBatches} batches failed, ${seconds} s`,
    `  flagged ${found} of ${tampered.length} tampered answers the checks missed (${pct(found, tampered.length)}): ` +
      `detection would rise from ${pct(caught, total)} to about ${pct(projected, total)}`,
    `  flagged ${alarms} of ${clean.length} faithful pairs (${pct(alarms, clean.length)} false alarms)`,
    `  cost: ${figures.inputTokens} input + ${figures.outputTokens} output tokens, ` +
      `about ${(tokens / Math.max(samples.length, 1)).toFixed(0)} tokens per paragraph reviewed` +
      (figures.estimated ? ' (partly estimated: the provider reported no usage)' : ''),
  ]
}

await main()
