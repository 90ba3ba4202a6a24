/**
 * Builds what a request uses from the worker's env and its settings: the model client, the
 * caches, the usage store, the rate limiter, the prompts. The settings middleware
 * (src/http/settings.ts) puts them on `c.var.services`; routes take them from there.
 */

import { KvCache } from './cache/kv-cache'
import { d1ParagraphStore } from './cache/paragraph-store'
import type { Settings } from './config'
import { ModelNotConfiguredError } from './errors'
import * as z from 'zod'
import type { ModelClient } from './model/client'
import { createOpenAIClient } from './model/openai-client'
import { detectProvider, type ResolvedProfile, resolveProfile } from './model/profiles'
import { type AiBinding, createWorkersAiClient } from './model/workers-ai-client'
import type { PipelineSettings } from './pipeline/translate-article'
import { loadPrompts, type Prompts } from './prompts'
import { d1UsageStore, type UsageStore } from './usage/usage-store'

/** What a request uses; each is built on first use, so a route pays only for what it touches. */
export interface Services {
  /** The model client; reading it throws the 503 problem naming the setting to add when none can be called. */
  readonly model: ModelClient
  /** Paragraphs (D1), summaries and results (KV). */
  readonly cache: KvCache
  /** Each caller's usage by day (D1). */
  readonly usage: UsageStore
  /** The Workers rate-limiting binding, when the deployment has one. */
  readonly rateLimiter: RateLimit | undefined
  /** The bundled prompts with their version (hashed once per isolate). */
  prompts(): Promise<Prompts>
  /** The pipeline's limits and timings, from the settings. */
  readonly pipeline: PipelineSettings
}

/** The services of one request. Nothing is built (and no binding touched) until it is used. */
export function createServices(env: Env, settings: Settings): Services {
  let model: ModelClient | undefined
  let cache: KvCache | undefined
  let usage: UsageStore | undefined
  return {
    get model() {
      model ??= createModel(env, settings)
      return model
    },
    get cache() {
      cache ??= createCache(env, settings)
      return cache
    },
    get usage() {
      usage ??= d1UsageStore(env.DB)
      return usage
    },
    get rateLimiter() {
      return env.RATE_LIMITER
    },
    prompts: loadPrompts,
    get pipeline() {
      return pipelineSettings(settings)
    },
  }
}

function createCache(env: Env, settings: Settings): KvCache {
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
function aiBinding(env: object): AiBinding | undefined {
  const parsed = AiBindingShape.safeParse((env as { AI?: unknown }).AI)
  return parsed.success ? parsed.data : undefined
}

/** The profile requests will be sent with (see src/model/profiles.ts). */
function modelProfile(env: object, settings: Settings): ResolvedProfile {
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
function createModel(env: object, settings: Settings): ModelClient {
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
function missingModelSetting(settings: Settings): ModelNotConfiguredError {
  if (settings.MODEL.startsWith('@cf/') && detectProvider(settings.OPENAI_BASE_URL) !== 'workers-ai') {
    return new ModelNotConfiguredError(
      'AI',
      `MODEL is the Workers AI model ${settings.MODEL}, but the worker has no AI binding. ` +
        'Add `[ai] binding = "AI"` to wrangler.toml and redeploy (see docs/providers.md), ' +
        "or set OPENAI_BASE_URL to Workers AI's REST endpoint with a Cloudflare API token as OPENAI_API_KEY.",
    )
  }
  return new ModelNotConfiguredError(
    'OPENAI_API_KEY',
    'No model API key is configured. Deployed: run `npx wrangler secret put OPENAI_API_KEY`. ' +
      'Locally: put OPENAI_API_KEY=… in .dev.vars (see .dev.vars.example). ' +
      'For Workers AI without a key, see docs/providers.md.',
  )
}

function pipelineSettings(settings: Settings): PipelineSettings {
  return {
    concurrency: settings.MODEL_CONCURRENCY,
    minBatchTokens: Math.min(settings.MIN_BATCH_TOKENS, settings.BATCH_MAX_TOKENS),
    batchMaxTokens: settings.BATCH_MAX_TOKENS,
    attemptTimeoutMs: settings.ATTEMPT_TIMEOUT_MS,
    retries: settings.MAX_RETRIES,
    timing: { baseDelayMs: settings.RETRY_BASE_DELAY_MS, retryAfterCapMs: settings.RETRY_AFTER_CAP_MS },
    deadlineMs: settings.REQUEST_DEADLINE_MS,
  }
}
