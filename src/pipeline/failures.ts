/** What a request reports when the model kept failing: one problem, in our own words. */

import { ModelFailedError, ModelNotConfiguredError } from '../errors'
import { ModelHttpError } from '../model/errors'

export interface BatchFailure {
  paragraphs: number[]
  error: unknown
}

/** Turns what kept failing into the problem the client sees. */
export function toFailure(modelName: string, failures: BatchFailure[], summaryError: unknown): Error {
  const errors = [...failures.map((f) => f.error), ...(summaryError === undefined ? [] : [summaryError])]
  const status = errors.find((e): e is ModelHttpError => e instanceof ModelHttpError)?.status
  if (status === 401 || status === 403) {
    return new ModelNotConfiguredError(
      'OPENAI_API_KEY',
      `The model endpoint refused the API key (HTTP ${status}). Set a valid key with \`wrangler secret put OPENAI_API_KEY\` (or in .dev.vars locally).`,
    )
  }
  if (status === 404) {
    return new ModelNotConfiguredError(
      'MODEL',
      `The model endpoint answered HTTP 404 for the model "${modelName}". Check MODEL and OPENAI_BASE_URL.`,
    )
  }
  const failed = [...new Set(failures.flatMap((f) => f.paragraphs))].sort((a, b) => a - b)
  const parts = [
    failed.length > 0 ? `${failed.length === 1 ? 'paragraph' : 'paragraphs'} ${failed.join(', ')} could not be translated` : undefined,
    summaryError !== undefined ? 'the summary could not be written' : undefined,
  ].filter(Boolean)
  const reason = errors.map(describe).find(Boolean) ?? 'unknown'
  return new ModelFailedError(
    `The model kept failing after retries: ${parts.join(' and ')} (last error: ${reason}). Everything else is cached: send the same request again to retry only what failed.`,
    { failed_paragraphs: failed, summary_failed: summaryError !== undefined, reason },
  )
}

/** A short description of a model failure, safe to show: never a provider's body. */
export function describe(error: unknown): string {
  if (error instanceof Error && 'lastError' in error) return describe(error.lastError)
  if (error instanceof Error) return error.message
  return 'unknown error'
}
