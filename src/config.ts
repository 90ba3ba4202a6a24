/**
 * Settings: the worker's env (vars and secrets), read through one zod schema. Each setting
 * has one name and its default here; wrangler.toml [vars] and the README's table are
 * checked against this schema (test/node/settings-docs.test.ts).
 */

import * as z from 'zod'
import { ConfigError } from './errors'
import { PROFILE_NAMES } from './model/profiles'

const integer = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback)

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1')

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

export const SettingsSchema = z.object({
  OPENAI_API_KEY: optionalSecret,
  OPENAI_BASE_URL: z
    .url({ error: 'OPENAI_BASE_URL must be an absolute http(s) URL' })
    .default('https://api.openai.com/v1'),
  MODEL: z.string().trim().min(1, 'MODEL cannot be empty').default('gpt-5.4-mini'),
  /** Which fields requests carry (see src/model/profiles.ts); empty: chosen from MODEL and OPENAI_BASE_URL. */
  MODEL_PROFILE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(
      z.enum(PROFILE_NAMES, { error: `MODEL_PROFILE must be one of ${PROFILE_NAMES.join(', ')}, or empty` }).optional(),
    ),
  /** Sent as `cf-aig-authorization` to a Cloudflare AI Gateway that requires authentication. */
  AI_GATEWAY_TOKEN: optionalSecret,
  /** Keys the HMAC that derives result ids. Falls back to OPENAI_API_KEY (see docs/decisions.md). */
  ID_SECRET: optionalSecret,
  /**
   * Bearer tokens allowed to POST, comma-separated: `name:token` entries (`alice:tok_…`)
   * name their holder for logs and rate limits; plain `token` entries are still accepted.
   * A name is a letter or digit, then up to 63 of letters, digits and `. _ @ -`.
   */
  API_TOKENS: optionalSecret.transform((v, ctx) =>
    (v ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry, i) => {
        const named = /^([A-Za-z0-9][\w.@-]{0,63}):(.*)$/.exec(entry)
        const token = (named ? (named[2] as string) : entry).trim()
        if (token === '')
          ctx.addIssue({
            code: 'custom',
            message: `API_TOKENS entry ${i + 1} (${named?.[1]}) has a name but no token after the colon`,
          })
        return { name: named ? (named[1] as string) : undefined, token }
      }),
  ),
  /** Opens the API without tokens; honoured only for requests to localhost. */
  AUTH_DISABLED: flag,
  /** Origins allowed by CORS, comma-separated, or `*`. Empty: no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    ),
  MAX_ARTICLE_CHARS: integer('MAX_ARTICLE_CHARS', 100, 1_000_000, 60_000),
  MAX_PARAGRAPHS: integer('MAX_PARAGRAPHS', 1, 5_000, 1_000),
  CACHE_TTL_SECONDS: integer('CACHE_TTL_SECONDS', 60, 365 * 24 * 3600, 30 * 24 * 3600),
  /**
   * Model calls one request keeps open at once. Past six, only streamed answers gain: at most
   * six calls wait for their headers at once (the Workers rule, see pipeline/limit.ts), and
   * each call repeats the instructions, so more calls cost more tokens.
   */
  MODEL_CONCURRENCY: integer('MODEL_CONCURRENCY', 1, 32, 6),
  REQUEST_DEADLINE_MS: integer('REQUEST_DEADLINE_MS', 1_000, 900_000, 120_000),
  ATTEMPT_TIMEOUT_MS: integer('ATTEMPT_TIMEOUT_MS', 1_000, 600_000, 45_000),
  MAX_RETRIES: integer('MAX_RETRIES', 0, 10, 4),
  RETRY_BASE_DELAY_MS: integer('RETRY_BASE_DELAY_MS', 0, 60_000, 500),
  RETRY_AFTER_CAP_MS: integer('RETRY_AFTER_CAP_MS', 0, 300_000, 20_000),
  /**
   * The smallest batch (estimated French tokens) worth a call of its own; a longer
   * paragraph is cut at sentence boundaries to this size. Formerly BATCH_TOKEN_BUDGET.
   */
  MIN_BATCH_TOKENS: integer('MIN_BATCH_TOKENS', 50, 8_000, 600),
  /** The largest batch sent in one call; lower it for models with small output limits. */
  BATCH_MAX_TOKENS: integer('BATCH_MAX_TOKENS', 50, 32_000, 3_000),
  /** A KV call slower than this is abandoned: the request goes on without the cache. */
  CACHE_TIMEOUT_MS: integer('CACHE_TIMEOUT_MS', 10, 30_000, 2_000),
  /** Lets `{"url": …}` fetch pages from loopback and private addresses; honoured only for requests to localhost. */
  ALLOW_LOCAL_PAGES: flag,
  /** Ask the model for a second opinion on each batch by default (`second_opinion` per request wins). */
  SECOND_OPINION: flag,
  /**
   * Who may reuse a cached translation: `token` (each caller their own, the default), or
   * `deployment` (everyone, except translations a caller's batch could have shaped).
   */
  CACHE_SCOPE: z
    .string()
    .trim()
    .default('token')
    .transform((v) => (v === '' ? 'token' : v))
    .pipe(z.enum(['token', 'deployment'], { error: 'CACHE_SCOPE must be token or deployment' })),
})
export type Settings = z.infer<typeof SettingsSchema>

/** Old names still accepted, each for its current name; a deployment may still set them. */
export const DEPRECATED_NAMES: Readonly<Record<string, keyof Settings>> = { BATCH_TOKEN_BUDGET: 'MIN_BATCH_TOKENS' }

// Each old name is warned about once per isolate, not on every request.
const warned = new Set<string>()

/**
 * Reads the settings from the worker's env. Values that fail the schema are one
 * {@link ConfigError} naming each such setting; nothing falls back silently. An old name
 * (BATCH_TOKEN_BUDGET) still works, with a warning; the current name wins when both are set.
 * Valid settings are parsed once per isolate for each set of values, and shared (frozen).
 */
export function readSettings(env: object, warn: (message: string) => void = console.warn): Settings {
  let values: Record<string, unknown> = env as Record<string, unknown>
  const renamed = new Map<string, string>()
  for (const [old, current] of Object.entries(DEPRECATED_NAMES)) {
    if (values[old] === undefined) continue
    if (!warned.has(old)) {
      warned.add(old)
      warn(`settings: ${old} is the old name of ${current}; rename it (same meaning, same default)`)
    }
    if (values[current] === undefined) {
      values = { ...values, [current]: values[old] }
      renamed.set(current, old)
    }
  }
  // The env's settings as one key: a deployment's requests read the same values, parsed once.
  const key = settingsKey(values)
  const known = key === undefined ? undefined : parsedSettings.get(key)
  if (known !== undefined) return known
  const parsed = SettingsSchema.safeParse(values)
  if (parsed.success) {
    if (key !== undefined) {
      if (parsedSettings.size >= KEPT_SETTINGS) parsedSettings.delete(parsedSettings.keys().next().value as string)
      parsedSettings.set(key, deepFreeze(parsed.data))
    }
    return parsed.data
  }
  // Every invalid setting, each once (its first issue): an operator fixes them all in one go.
  const issues = new Map<string, string>()
  for (const issue of parsed.error.issues) {
    const setting = String(issue.path[0] ?? 'configuration')
    const old = renamed.get(setting)
    if (old !== undefined && !issues.has(old))
      issues.set(old, `${issue.message} (${old} is the old name of ${setting})`)
    else if (old === undefined && !issues.has(setting)) issues.set(setting, issue.message)
  }
  const [first, ...more] = [...issues].map(([setting, message]) => ({ setting, message }))
  throw new ConfigError(first?.setting ?? 'configuration', first?.message ?? 'invalid value', more)
}

// The settings of the last few envs read, by their values (see settingsKey), for the life of the isolate.
const parsedSettings = new Map<string, Settings>()
const KEPT_SETTINGS = 8
const SETTING_NAMES = Object.keys(SettingsSchema.shape)

/**
 * The values of an env's settings, as one string; undefined when one of them is not a
 * string (a test's env may hold anything), which is parsed every time.
 */
function settingsKey(env: Record<string, unknown>): string | undefined {
  const values: Array<string | undefined> = []
  for (const name of SETTING_NAMES) {
    const value = env[name]
    if (value !== undefined && typeof value !== 'string') return undefined
    values.push(value)
  }
  return JSON.stringify(values)
}

/** The parsed settings, frozen with their lists: every request of the isolate shares them. */
function deepFreeze(settings: Settings): Settings {
  for (const value of Object.values(settings)) {
    if (Array.isArray(value)) {
      for (const entry of value) Object.freeze(entry)
      Object.freeze(value)
    }
  }
  return Object.freeze(settings)
}

/** What the README's configuration table says of a setting. */
export interface SettingDoc {
  name: keyof Settings
  /** Secrets are set with `wrangler secret put`; vars in wrangler.toml [vars]. */
  kind: 'var' | 'secret'
  /** The default as written in wrangler.toml (a string), or undefined when there is none. */
  default: string | undefined
}

const SECRETS: ReadonlySet<string> = new Set(['OPENAI_API_KEY', 'AI_GATEWAY_TOKEN', 'ID_SECRET', 'API_TOKENS'])

/**
 * Every setting with its kind and default, read from the schema itself, so the docs
 * can be checked against it.
 *
 * @example settingDocs().find((s) => s.name === 'MODEL') // { name: 'MODEL', kind: 'var', default: 'gpt-5.4-mini' }
 */
export function settingDocs(): SettingDoc[] {
  return Object.entries(SettingsSchema.shape).map(([name, schema]) => ({
    name: name as keyof Settings,
    kind: SECRETS.has(name) ? 'secret' : 'var',
    default: defaultOf(schema),
  }))
}

/** The value a field's `.default()` supplies, looking through pipes and optionals. */
function defaultOf(schema: z.core.$ZodType): string | undefined {
  const def = schema._zod.def
  if (def.type === 'default') {
    const value: unknown = (def as z.core.$ZodDefaultDef).defaultValue
    return value === undefined ? undefined : String(value)
  }
  if (def.type === 'pipe') return defaultOf((def as z.core.$ZodPipeDef).in)
  if (def.type === 'optional') return defaultOf((def as z.core.$ZodOptionalDef).innerType)
  return undefined
}
