/** Whether a deployment's configuration lets it translate, without calling the model. */

import { readSettings, type Settings } from './config'
import { ServiceError } from './errors'
import { createModel } from './services'

export interface ReadinessIssue {
  setting: string
  message: string
}

export type Readiness =
  | {
      ready: true
      model: string
      profile: { name: string; provider: string; reason: string }
      warnings: ReadinessIssue[]
    }
  | { ready: false; reasons: ReadinessIssue[]; warnings: ReadinessIssue[] }

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Checks every setting, the model (a key, or the AI binding for a Workers AI model), the
 * way clients get in (API_TOKENS, or AUTH_DISABLED on localhost), and the CACHE binding.
 * `hostname` is the one the check was asked on, as AUTH_DISABLED is honoured only locally.
 */
export function checkReadiness(env: Env, hostname: string): Readiness {
  const reasons: ReadinessIssue[] = []
  const warnings: ReadinessIssue[] = []
  let settings: Settings
  try {
    settings = readSettings(env)
  } catch (error) {
    return { ready: false, reasons: [issueOf(error, 'configuration')], warnings }
  }
  let model: ReturnType<typeof createModel> | undefined
  try {
    model = createModel(env, settings)
  } catch (error) {
    reasons.push(issueOf(error, 'OPENAI_API_KEY'))
  }
  if (settings.API_TOKENS.length === 0 && !(settings.AUTH_DISABLED && LOCAL_HOSTS.has(hostname))) {
    reasons.push({
      setting: 'API_TOKENS',
      message:
        'no API tokens are configured, so every request is refused: set them with `npx wrangler secret put API_TOKENS`.',
    })
  }
  if (typeof (env as { CACHE?: { get?: unknown } }).CACHE?.get !== 'function') {
    reasons.push({ setting: 'CACHE', message: 'the KV namespace binding CACHE is missing from wrangler.toml.' })
  }
  if (settings.ID_SECRET === undefined) {
    const issue = {
      setting: 'ID_SECRET',
      message:
        'not set: translation requests are refused. Set any long random string with `npx wrangler secret put ID_SECRET`.',
    }
    if (LOCAL_HOSTS.has(hostname))
      warnings.push({
        ...issue,
        message: 'not set: result ids are keyed with the model key, which only local development allows.',
      })
    else reasons.push(issue)
  }
  if (reasons.length > 0 || model === undefined) return { ready: false, reasons, warnings }
  const { name, provider, reason } = model.profile
  return { ready: true, model: model.model, profile: { name, provider, reason }, warnings }
}

function issueOf(error: unknown, fallback: string): ReadinessIssue {
  if (error instanceof ServiceError) {
    const setting = error.problem.extensions?.setting
    return { setting: typeof setting === 'string' ? setting : fallback, message: error.problem.detail }
  }
  return { setting: fallback, message: 'could not be checked' }
}
