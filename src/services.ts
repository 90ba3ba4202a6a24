/** Builds what a request needs from the worker's env: the one place bindings are read. */

import { KvCache } from './cache/kv-cache'
import { d1ParagraphStore } from './cache/paragraph-store'
import type { Settings } from './config'
import { IdSecretNotConfiguredError, ModelNotConfiguredError } from './errors'
import * as z from 'zod'
import type { ModelClient } from './model/client'
import { createOpenAIClient } from './model/openai-client'
import { detectProvider, type ResolvedProfile, resolveProfile } from './model/profiles'
import { type AiBinding, createWorkersAiClient } from './model/workers-ai-client'
import type { PipelineSettings } from './pipeline/translate-article'

export function createCache(env: Env, settings: Settings): KvCache {
  return new KvCache(env.CACHE, {
    ttlSeconds: settings.CACHE_TTL_SECONDS,
    timeoutMs: settings.CACHE_TIMEOUT_MS,
    ...(env.DB ? { paragraphs: d1ParagraphStore(env.DB) } : {}),
  })
}

// Building the SDK client sets up every API resource it knows; once per isolate is enough.
const clients = new Map<string, ModelClient>()

const AiBindingShape = z.custom<AiBinding>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function',
)

/** The `AI` binding, when the deployment has one (`[ai] binding = "AI"`). */
export function aiBinding(env: object): AiBinding | undefined {
  const parsed = AiBindingShape.safeParse((env as { AI?: unknown }).AI)
  return parsed.success ? parsed.data : undefined
}

/** The profile requests will be sent with (see src/model/profiles.ts). */
export function modelProfile(env: object, settings: Settings): ResolvedProfile {
  const binding = settings.MODEL.startsWith('@cf/') && aiBinding(env) !== undefined
  return resolveProfile({
    model: settings.MODEL,
    baseURL: settings.OPENAI_BASE_URL,
    override: settings.MODEL_PROFILE,
    binding,
  })
}

/**
 * The model client, or a 503 problem saying which setting to add and how. A Workers AI
 * model (`@cf/…`) runs through the AI binding when there is one; anything else needs a key.
 */
export function createModel(env: object, settings: Settings): ModelClient {
  const profile = modelProfile(env, settings)
  const ai = aiBinding(env)
  if (profile.provider === 'workers-ai' && ai && settings.MODEL.startsWith('@cf/')) {
    return createWorkersAiClient(ai, settings.MODEL, profile)
  }
  if (settings.OPENAI_API_KEY === undefined) throw missingModelSetting(settings)
  const key = JSON.stringify([
    settings.OPENAI_API_KEY,
    settings.OPENAI_BASE_URL,
    settings.MODEL,
    profile.name,
    settings.AI_GATEWAY_TOKEN,
  ])
  let client = clients.get(key)
  if (!client) {
    client = createOpenAIClient({
      apiKey: settings.OPENAI_API_KEY,
      baseURL: settings.OPENAI_BASE_URL,
      model: settings.MODEL,
      profile,
      gatewayToken: settings.AI_GATEWAY_TOKEN,
    })
    clients.set(key, client)
  }
  return client
}

/** Why no model can be called, in the words of the setting to fix. */
export function missingModelSetting(settings: Settings): ModelNotConfiguredError {
  if (settings.MODEL.startsWith('@cf/') && detectProvider(settings.OPENAI_BASE_URL) !== 'workers-ai') {
    return new ModelNotConfiguredError(
      'AI',
      `MODEL is the Workers AI model ${settings.MODEL}, but the worker has no AI binding. Add \`[ai] binding = "AI"\` to wrangler.toml and redeploy (see docs/providers.md), or set OPENAI_BASE_URL to Workers AI's REST endpoint with a Cloudflare API token as OPENAI_API_KEY.`,
    )
  }
  return new ModelNotConfiguredError(
    'OPENAI_API_KEY',
    'No model API key is configured. Deployed: run `npx wrangler secret put OPENAI_API_KEY`. Locally: put OPENAI_API_KEY=… in .dev.vars (see .dev.vars.example), or run `npm run dev`, which replays recorded answers when no key is set. For Workers AI without a key, see docs/providers.md.',
  )
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether a request was made to this machine: local development, where defaults may be laxer. */
export function isLocalRequest(url: string): boolean {
  return LOCAL_HOSTS.has(new URL(url).hostname)
}

/**
 * The secret that keys result ids. ID_SECRET is required on a deployment: without it ids
 * would be keyed by the model key (rotating it would change every id) or, with no key
 * at all, by nothing secret. Locally it falls back to the model key.
 */
export function idSecret(settings: Settings, url: string): string {
  if (settings.ID_SECRET !== undefined) return settings.ID_SECRET
  if (isLocalRequest(url)) return settings.OPENAI_API_KEY ?? 'local-development'
  throw new IdSecretNotConfiguredError()
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
