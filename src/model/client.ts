/** The model port: what the pipeline needs from a chat-completions model, and no more. */

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
}

export interface ModelClient {
  readonly model: string
  /**
   * One attempt, no retries. Fails with a {@link ModelHttpError},
   * {@link ModelConnectionError} or {@link ModelTimeoutError} from `./errors`; aborts
   * when `signal` does.
   */
  complete(request: ChatRequest, options: { signal: AbortSignal; timeoutMs: number }): Promise<ChatResult>
}
