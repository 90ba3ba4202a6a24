/** Builds what a request needs from the worker's env: the one place bindings are read. */

import { KvCache } from './cache/kv-cache'
import type { Settings } from './config'
import { ModelNotConfiguredError } from './errors'
import type { ModelClient } from './model/client'
import { createOpenAIClient } from './model/openai-client'
import type { PipelineSettings } from './pipeline/translate-article'

export function createCache(env: Env, settings: Settings): KvCache {
  return new KvCache(env.CACHE, { ttlSeconds: settings.CACHE_TTL_SECONDS, timeoutMs: settings.CACHE_TIMEOUT_MS })
}

// Building the SDK client sets up every API resource it knows; once per isolate is enough.
const clients = new Map<string, ModelClient>()

/** The model client, or a 503 problem saying which setting to add and how. */
export function createModel(settings: Settings): ModelClient {
  if (settings.OPENAI_API_KEY === undefined) {
    throw new ModelNotConfiguredError(
      'OPENAI_API_KEY',
      'No model API key is configured. Deployed: run `npx wrangler secret put OPENAI_API_KEY`. Locally: put OPENAI_API_KEY=… in .dev.vars (see .dev.vars.example), or run `npm run dev`, which replays recorded answers when no key is set.',
    )
  }
  const key = JSON.stringify([settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.MODEL])
  let client = clients.get(key)
  if (!client) {
    client = createOpenAIClient({ apiKey: settings.OPENAI_API_KEY, baseURL: settings.OPENAI_BASE_URL, model: settings.MODEL })
    clients.set(key, client)
  }
  return client
}

/** The secret that keys result ids: ID_SECRET, or else the model key (never sent anywhere). */
export function idSecret(settings: Settings): string {
  return settings.ID_SECRET ?? settings.OPENAI_API_KEY ?? ''
}

export function pipelineSettings(settings: Settings): PipelineSettings {
  return {
    concurrency: settings.MODEL_CONCURRENCY,
    batchTokenBudget: Math.min(settings.BATCH_TOKEN_BUDGET, settings.BATCH_MAX_TOKENS),
    batchMaxTokens: settings.BATCH_MAX_TOKENS,
    attemptTimeoutMs: settings.ATTEMPT_TIMEOUT_MS,
    retries: settings.MAX_RETRIES,
    timing: { baseDelayMs: settings.RETRY_BASE_DELAY_MS, retryAfterCapMs: settings.RETRY_AFTER_CAP_MS },
    deadlineMs: settings.REQUEST_DEADLINE_MS,
  }
}
