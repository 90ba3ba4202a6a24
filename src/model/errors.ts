/** What can go wrong in one model call, in the pipeline's words rather than the SDK's. */

/** What a provider said about its error that is safe to keep: its type and code, never its text. */
export interface ProviderErrorInfo {
  /** The error's `type` and `code`, when they are short identifiers. */
  type?: string | undefined
  code?: string | undefined
  /** The provider's `x-should-retry` header, which wins over the status (as in openai-node). */
  shouldRetry?: boolean | undefined
}

/** The provider answered with an HTTP error status. */
export class ModelHttpError extends Error {
  constructor(
    readonly status: number,
    /** From `retry-after-ms` or `retry-after` (seconds or an HTTP date), when present. */
    readonly retryAfterMs: number | undefined,
    message: string,
    readonly info: ProviderErrorInfo = {},
  ) {
    super(message)
    this.name = 'ModelHttpError'
  }
}

/** The provider could not be reached, or the connection broke. */
export class ModelConnectionError extends Error {
  override name = 'ModelConnectionError'
  constructor(
    message: string,
    /** The host that could not be reached, to name in the problem. */
    readonly host?: string,
  ) {
    super(message)
  }
}

/**
 * Cloudflare refused the call itself: the invocation made as many subrequests as its plan
 * allows (50 a request on the Workers Free plan). No retry within the request can succeed.
 */
export class SubrequestLimitError extends Error {
  override name = 'SubrequestLimitError'
}

/** One attempt took longer than ATTEMPT_TIMEOUT_MS. */
export class ModelTimeoutError extends Error {
  override name = 'ModelTimeoutError'
}

/** The tokens a call cost although its answer is thrown away (a refusal): still counted in usage. */
export interface SpentTokens {
  inputTokens: number
  outputTokens: number
  estimated?: boolean
}

/** The model answered, but the answer fails a fidelity check: retry it. */
export class ModelOutputError extends Error {
  override name = 'ModelOutputError'
  constructor(
    /** A short, stable code: `invalid-json`, `wrong-count`, `copied-french`, … */
    readonly reason: string,
    message: string,
    /** What the answer cost, when the error is raised before the answer reaches the caller. */
    readonly spent?: SpentTokens,
  ) {
    super(message)
  }
}

/** The answer was cut off at the output limit (`finish_reason: "length"`). */
export class TruncatedOutputError extends ModelOutputError {
  override name = 'TruncatedOutputError'
  constructor() {
    super('truncated', 'the answer was cut off at the output token limit')
  }
}
