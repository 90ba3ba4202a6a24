/**
 * Model profiles: what each chat-completions request carries, decided from MODEL and
 * OPENAI_BASE_URL (or named outright by MODEL_PROFILE). Providers accept different
 * subsets of OpenAI's request schema; a field a model refuses anyway is corrected at run
 * time (see request-fields.ts), so a profile only has to be right on the first call.
 */

/** How the answer is made to be JSON, from the strictest to the loosest. */
export const STRUCTURED_MODES = ['json_schema', 'json_object', 'prompt'] as const
export type StructuredMode = (typeof STRUCTURED_MODES)[number]

export type ReasoningEffort = 'none' | 'minimal' | 'low'

export interface ModelProfile {
  /** The field that bounds the answer's length. */
  tokenField: 'max_completion_tokens' | 'max_tokens'
  /** Sent as is; `undefined` leaves the provider's default (reasoning models accept only 1). */
  temperature: number | undefined
  /** The lowest effort the model accepts: translation needs no reasoning. */
  reasoningEffort: ReasoningEffort | undefined
  /** The first structured-output mode tried; a refusal moves to the next. */
  structured: StructuredMode
  /** Output tokens added to the budget for reasoning, which the same limit counts. */
  reasoningReserve: number
  /** The provider documentation this profile follows. */
  docs: string
  /**
   * How answers stream (`stream: true`): with `stream_options.include_usage` unless this
   * says `no-stream-options`; `false` for an endpoint that cannot stream (plain calls).
   */
  streaming?: 'no-stream-options' | false
  /** `user` for a model that takes no system message: the instructions open the user message. */
  instructions?: 'user'
}

const OPENAI_REASONING_DOCS = 'https://platform.openai.com/docs/guides/reasoning'
const GEMINI_DOCS = 'https://ai.google.dev/gemini-api/docs/openai'

/** The profiles, by the name MODEL_PROFILE takes. */
export const PROFILES = {
  /** gpt-5.1 and later (gpt-5.2, gpt-5.4, gpt-5.5 …): reasoning models that accept `none`. */
  'openai-gpt-5.x': {
    tokenField: 'max_completion_tokens',
    temperature: undefined,
    reasoningEffort: 'none',
    structured: 'json_schema',
    reasoningReserve: 512,
    docs: OPENAI_REASONING_DOCS,
  },
  /** gpt-5, gpt-5-mini, gpt-5-nano: the first gpt-5 models, whose lowest effort is `minimal`. */
  'openai-gpt-5': {
    tokenField: 'max_completion_tokens',
    temperature: undefined,
    reasoningEffort: 'minimal',
    structured: 'json_schema',
    reasoningReserve: 1024,
    docs: OPENAI_REASONING_DOCS,
  },
  /** o1, o3, o4-mini: reasoning models whose lowest effort is `low`. */
  'openai-o-series': {
    tokenField: 'max_completion_tokens',
    temperature: undefined,
    reasoningEffort: 'low',
    structured: 'json_schema',
    reasoningReserve: 4096,
    docs: OPENAI_REASONING_DOCS,
  },
  /** gpt-4.1, gpt-4o and the chat models: `max_tokens` is deprecated for them too. */
  'openai-chat': {
    tokenField: 'max_completion_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    docs: 'https://platform.openai.com/docs/api-reference/chat/create',
  },
  /**
   * Workers AI: through the `AI` binding or its OpenAI-compatible REST endpoint. JSON mode does not
   * stream (a streamed `json_schema` request is refused, AiError 5023 "JSON Schema mode is not supported
   * with stream mode"), so answers come whole, as the binding's always do.
   */
  'workers-ai': {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    streaming: false,
    docs: 'https://developers.cloudflare.com/workers-ai/features/json-mode/',
  },
  openrouter: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    docs: 'https://openrouter.ai/docs/api-reference/parameters',
  },
  /** Mistral refuses fields it does not know (422 extra_forbidden), `stream_options` among them. */
  mistral: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    streaming: 'no-stream-options',
    docs: 'https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post',
  },
  /** Ollama's OpenAI compatibility documents `max_tokens` only. */
  ollama: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    docs: 'https://github.com/ollama/ollama/blob/main/docs/api/openai-compatibility.mdx',
  },
  vllm: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
  },
  /**
   * Google Gemini's OpenAI compatibility, flash models: `reasoning_effort: none` turns thinking off; the
   * temperature is left at Google's default (1.0), below which Gemini 3 may loop; `json_object` with the schema
   * in the instructions, because the endpoint has refused `additionalProperties` in a `json_schema`.
   */
  gemini: {
    tokenField: 'max_tokens',
    temperature: undefined,
    reasoningEffort: 'none',
    structured: 'json_object',
    reasoningReserve: 1024,
    docs: GEMINI_DOCS,
  },
  /** Gemini's pro models, which cannot stop thinking: the lowest effort, `low`, is a 1,024-token budget. */
  'gemini-pro': {
    tokenField: 'max_tokens',
    temperature: undefined,
    reasoningEffort: 'low',
    structured: 'json_object',
    reasoningReserve: 1024,
    docs: GEMINI_DOCS,
  },
  /**
   * Gemma on the Gemini API: no system instruction ("Developer instruction is not enabled"), no JSON
   * mode and no thinking, so the instructions and the schema open the user message.
   */
  gemma: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'prompt',
    reasoningReserve: 0,
    instructions: 'user',
    docs: 'https://ai.google.dev/gemma/docs/core/gemma_on_gemini_api',
  },
  /**
   * Anthropic's OpenAI SDK compatibility ignores `response_format` and `reasoning_effort`: the schema goes in
   * the instructions, and a fenced answer is unwrapped. Temperature is taken between 0 and 1.
   */
  anthropic: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'prompt',
    reasoningReserve: 0,
    docs: 'https://docs.claude.com/en/api/openai-sdk',
  },
  /** DeepSeek: JSON Output is `json_object` only (`json_schema` is a 400), the word "json" in the prompt. */
  deepseek: {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_object',
    reasoningReserve: 0,
    docs: 'https://api-docs.deepseek.com/guides/json_mode',
  },
  /**
   * deepseek-reasoner thinks before it answers, within `max_tokens`, at an effort nobody sets (so
   * four times the reserve is added); it ignores temperature.
   */
  'deepseek-reasoner': {
    tokenField: 'max_tokens',
    temperature: undefined,
    reasoningEffort: undefined,
    structured: 'json_object',
    reasoningReserve: 1024,
    docs: 'https://api-docs.deepseek.com/guides/reasoning_model',
  },
  /**
   * Groq: structured outputs do not stream (`response_format` with `stream` is a 400), so answers come
   * whole; `max_completion_tokens` is its current field.
   */
  groq: {
    tokenField: 'max_completion_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    streaming: false,
    docs: 'https://console.groq.com/docs/structured-outputs',
  },
  /** Any other OpenAI-compatible server: the fields every one of them knows. */
  'openai-compatible': {
    tokenField: 'max_tokens',
    temperature: 0,
    reasoningEffort: undefined,
    structured: 'json_schema',
    reasoningReserve: 0,
    docs: 'https://platform.openai.com/docs/api-reference/chat/create',
  },
} as const satisfies Record<string, ModelProfile>

export type ProfileName = keyof typeof PROFILES
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[]

/** How the endpoint wants to be called: where the key goes, and any extra header. */
export type Provider =
  | 'openai'
  | 'azure'
  | 'ai-gateway'
  | 'workers-ai'
  | 'openrouter'
  | 'mistral'
  | 'ollama'
  | 'gemini'
  | 'anthropic'
  | 'deepseek'
  | 'groq'
  | 'other'

export interface ResolvedProfile extends ModelProfile {
  name: ProfileName
  provider: Provider
  /** Why this profile: shown by `npm run check-model` and `/readyz`. */
  reason: string
}

/**
 * The profile of an OpenAI model, from its name (a provider prefix such as `openai/` is
 * ignored): the gpt-5 family and the o-series are reasoning models; the rest are chat models.
 */
export function openAIFamily(model: string): ProfileName | undefined {
  const name = model.toLowerCase().replace(/^.*\//, '')
  if (/^o\d/.test(name)) return 'openai-o-series'
  if (/^gpt-5.*-chat/.test(name)) return 'openai-chat'
  if (/^gpt-5(-mini|-nano)?(-\d{4}-\d{2}-\d{2})?$/.test(name)) return 'openai-gpt-5'
  if (/^gpt-5/.test(name)) return 'openai-gpt-5.x'
  if (/^(gpt-4|gpt-3\.5|chatgpt-)/.test(name)) return 'openai-chat'
  return undefined
}

/** Which provider a base URL belongs to, by its host (and, for Cloudflare, its path). */
export function detectProvider(baseURL: string): Provider {
  const url = new URL(baseURL)
  const host = url.hostname.toLowerCase()
  if (host === 'api.openai.com') return 'openai'
  if (/\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/.test(host)) return 'azure'
  if (host === 'gateway.ai.cloudflare.com') return 'ai-gateway'
  if (host === 'api.cloudflare.com' && /\/ai\/v1\/?$/.test(url.pathname)) return 'workers-ai'
  if (host === 'openrouter.ai') return 'openrouter'
  if (host === 'api.mistral.ai') return 'mistral'
  if (host === 'generativelanguage.googleapis.com') return 'gemini'
  if (host === 'api.anthropic.com') return 'anthropic'
  if (host === 'api.deepseek.com') return 'deepseek'
  if (host === 'api.groq.com') return 'groq'
  if (url.port === '11434' || host.includes('ollama')) return 'ollama'
  return 'other'
}

/** Gemini's pro models think whatever they are sent; the others can be told not to; Gemma cannot think. */
function geminiFamily(model: string): ProfileName {
  if (/^(?:models\/)?gemma/i.test(model.replace(/^google-ai-studio\//i, ''))) return 'gemma'
  return /-pro\b/i.test(model) ? 'gemini-pro' : 'gemini'
}

function deepseekFamily(model: string): ProfileName {
  return /reasoner/i.test(model) ? 'deepseek-reasoner' : 'deepseek'
}

/** The provider behind an AI Gateway URL: `…/{account}/{gateway}/{provider}`, or `compat`. */
function gatewayUpstream(baseURL: string, model: string): ProfileName | undefined {
  const segment = new URL(baseURL).pathname.split('/').filter(Boolean)[3]?.toLowerCase()
  const upstream = segment === 'compat' ? model.split('/')[0]?.toLowerCase() : segment
  if (upstream === 'workers-ai') return 'workers-ai'
  if (upstream === 'mistral') return 'mistral'
  if (upstream === 'openrouter') return 'openrouter'
  if (upstream === 'google-ai-studio') return geminiFamily(model)
  if (upstream === 'deepseek') return deepseekFamily(model)
  if (upstream === 'groq') return 'groq'
  return undefined
}

/** How a reason names each provider. */
const PROVIDER_NAMES: Record<Provider, string> = {
  openai: 'OpenAI',
  azure: 'Azure OpenAI',
  'ai-gateway': 'Cloudflare AI Gateway',
  'workers-ai': 'Workers AI',
  openrouter: 'OpenRouter',
  mistral: 'Mistral',
  ollama: 'Ollama',
  gemini: 'Google Gemini',
  anthropic: 'Anthropic',
  deepseek: 'DeepSeek',
  groq: 'Groq',
  other: 'an OpenAI-compatible server',
}

/**
 * Chooses the profile: MODEL_PROFILE when set; else the provider's own profile where it
 * has one (Workers AI, Mistral, Ollama, Gemini, Anthropic, DeepSeek, Groq); else the OpenAI
 * family the model name belongs to (OpenAI, Azure, AI Gateway and OpenRouter serve OpenAI's
 * models under their names); else the provider's, or the fields every OpenAI-compatible server
 * knows.
 *
 * @example resolveProfile({ model: 'gpt-5.4-mini', baseURL: 'https://api.openai.com/v1' }).name //
 * 'openai-gpt-5.x'
 */
export function resolveProfile(options: {
  model: string
  baseURL: string
  override?: ProfileName | undefined
  binding?: boolean
}): ResolvedProfile {
  const { model, baseURL, override } = options
  const provider: Provider = options.binding ? 'workers-ai' : detectProvider(baseURL)
  const pick = (name: ProfileName, reason: string): ResolvedProfile => ({ ...PROFILES[name], name, provider, reason })
  if (override) return pick(override, 'set by MODEL_PROFILE')
  if (options.binding) return pick('workers-ai', 'MODEL names a Workers AI model and the AI binding is configured')
  const own: Partial<Record<Provider, ProfileName>> = {
    'workers-ai': 'workers-ai',
    mistral: 'mistral',
    ollama: 'ollama',
    anthropic: 'anthropic',
    groq: 'groq',
  }
  const ownProfile =
    own[provider] ??
    (provider === 'gemini' ? geminiFamily(model) : undefined) ??
    (provider === 'deepseek' ? deepseekFamily(model) : undefined) ??
    (provider === 'ai-gateway' ? gatewayUpstream(baseURL, model) : undefined)
  if (ownProfile) {
    // The endpoint names the provider; for Gemini's and DeepSeek's, the model names the profile within it.
    const where =
      provider === 'ai-gateway'
        ? `OPENAI_BASE_URL is an AI Gateway route to ${ownProfile}`
        : `OPENAI_BASE_URL is ${PROVIDER_NAMES[provider]}'s endpoint`
    const byModel = own[provider] === undefined && provider !== 'ai-gateway'
    return pick(ownProfile, byModel ? `${where}, and MODEL ${model} takes the ${ownProfile} profile` : where)
  }
  const family = openAIFamily(model)
  if (family) return pick(family, `MODEL ${model} is an OpenAI model of this family`)
  if (provider === 'openai' || provider === 'azure')
    return pick(
      'openai-chat',
      `${provider === 'azure' ? 'an Azure deployment' : 'an OpenAI model'} not of a known reasoning family`,
    )
  if (provider === 'openrouter') return pick('openrouter', 'OPENAI_BASE_URL is OpenRouter')
  return pick(
    'openai-compatible',
    'no provider or model family recognised: the fields every OpenAI-compatible server knows',
  )
}
