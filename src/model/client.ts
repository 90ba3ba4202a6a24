/** The model port: what the pipeline needs from a chat-completions model, and no more. */

import type { ResolvedProfile } from './profiles'

export interface ChatRequest {
  system: string
  user: string
  /** Name and JSON Schema of the structured answer (`response_format: json_schema`). */
  schemaName: string
  schema: Record<string, unknown>
  maxOutputTokens: number
}

export interface ChatResult {
  content: string
  /** `stop`, `length`, `content_filter`, … as the provider reports it. */
  finishReason: string
  inputTokens: number
  outputTokens: number
  /** True when the provider reported no usage and the counts are estimates. */
  estimated?: boolean
  /** Of the output tokens, those a reasoning model spent thinking. */
  reasoningTokens?: number
}

export interface CompleteOptions {
  signal: AbortSignal
  timeoutMs: number
  /** Called with each object of the answer's first array, parsed, as its text closes. */
  onItem?: (item: unknown, index: number) => void
  /**
   * Called when the answer's HTTP headers arrive: from then on the call no longer counts
   * among the connections waiting for headers (see `pipeline/limit.ts`); only the first
   * call counts. An answer read whole (not streamed) calls it when the answer is in.
   */
  onHeaders?: () => void
}

export interface ModelClient {
  readonly model: string
  /** What each request carries (fields, structured-output mode), and why. */
  readonly profile: ResolvedProfile
  /**
   * One attempt, no retries. Fails with a {@link ModelHttpError},
   * {@link ModelConnectionError} or {@link ModelTimeoutError} from `./errors`; aborts
   * when `signal` does. With `onItem`, the answer is streamed where the provider can, and
   * each object of the answer's array is handed over as soon as it is complete (never
   * after the call has thrown); the whole ChatResult is still returned at the end.
   */
  complete(request: ChatRequest, options: CompleteOptions): Promise<ChatResult>
}
