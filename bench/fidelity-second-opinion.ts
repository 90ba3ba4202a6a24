/**
 * The second opinion, measured through the worker's own code: its settings, the model
 * profile and OpenAI adapter, the retry policy, prompts/review.md and `reviewPairs`
 * (bundled with esbuild as wrangler would, and imported). Used by bench/fidelity.ts, and
 * only when OPENAI_API_KEY is set: it calls the real model, one call per batch of pairs,
 * as SECOND_OPINION does per batch.
 */

import { importBundle } from '../scripts/import-bundle.ts'
import { ROOT } from './articles.ts'

export interface ReviewSample {
  id: string
  fr: string
  en: string
}

export interface ReviewFigures {
  /** The ids the second opinion raised a finding on. */
  flagged: string[]
  /** Batches whose review failed even after retries (their pairs count as not flagged). */
  failedBatches: number
  /** Why the first failed batch failed. */
  firstError?: string
  batches: number
  calls: number
  inputTokens: number
  outputTokens: number
  estimated: boolean
}

interface Usage {
  calls: number
  inputTokens: number
  outputTokens: number
  estimated: boolean
}

/** The parts of the worker the measure uses, as bundled from src/. */
interface WorkerCode {
  readSettings(env: object): unknown
  pipelineSettings(settings: unknown): {
    retries: number
    timing: unknown
    attemptTimeoutMs: number
    concurrency: number
  }
  createModel(env: object, settings: unknown): unknown
  loadPrompts(): Promise<unknown>
  createLimit(max: number): unknown
  reviewPairs(
    ctx: {
      model: unknown
      prompts: unknown
      retry: { retries: number; timing: unknown; signal: AbortSignal }
      attemptTimeoutMs: number
      limit: unknown
      usage: Usage
    },
    pairs: ReviewSample[],
  ): Promise<Map<string, string[]>>
}

async function loadWorkerCode(): Promise<WorkerCode> {
  return (await importBundle({
    stdin: {
      contents: [
        "export { readSettings } from './src/config'",
        "export { createModel, pipelineSettings } from './src/services'",
        "export { loadPrompts } from './src/prompts'",
        "export { createLimit } from './src/pipeline/limit'",
        "export { reviewPairs } from './src/pipeline/second-opinion'",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    platform: 'node',
    target: 'node22',
    loader: { '.md': 'text' },
  })) as WorkerCode
}

/** Reviews `samples` in batches of `batchSize` with the model the settings in `env` name. */
export async function measureSecondOpinion(
  env: Record<string, string>,
  samples: readonly ReviewSample[],
  batchSize = 8,
): Promise<ReviewFigures> {
  const worker = await loadWorkerCode()
  const settings = worker.readSettings(env)
  const pipeline = worker.pipelineSettings(settings)
  const usage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, estimated: false }
  const ctx = {
    model: worker.createModel(env, settings),
    prompts: await worker.loadPrompts(),
    retry: { retries: pipeline.retries, timing: pipeline.timing, signal: AbortSignal.timeout(15 * 60_000) },
    attemptTimeoutMs: pipeline.attemptTimeoutMs,
    limit: worker.createLimit(pipeline.concurrency),
    usage,
  }
  const batches: ReviewSample[][] = []
  for (let i = 0; i < samples.length; i += batchSize) batches.push(samples.slice(i, i + batchSize))
  const flagged = new Set<string>()
  let failedBatches = 0
  let firstError: string | undefined
  await Promise.all(
    batches.map(async (batch) => {
      try {
        const warnings = await worker.reviewPairs(
          ctx,
          batch.map(({ id, fr, en }) => ({ id, fr, en })),
        )
        for (const id of warnings.keys()) flagged.add(id)
      } catch (error) {
        failedBatches++
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      }
    }),
  )
  return {
    flagged: [...flagged],
    failedBatches,
    ...(firstError ? { firstError } : {}),
    batches: batches.length,
    ...usage,
  }
}
