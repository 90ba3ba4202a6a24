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

export interface ModelClient {
  readonly model: string
  /** What each request carries (fields, structured-output mode), and why. */
  readonly profile: ResolvedProfile
  /**
   * One attempt, no retries. Fails with a {@link ModelHttpError},
   * {@link ModelConnectionError} or {@link ModelTimeoutError} from `./errors`; aborts
   * when `signal` does.
   */
  complete(request: ChatRequest, options: { signal: AbortSignal; timeoutMs: number }): Promise<ChatResult>
}
