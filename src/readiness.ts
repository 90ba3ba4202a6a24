/** Whether a deployment's configuration lets it translate, without calling the model. */

import type { Configuration } from './app-env'
import { ServiceError } from './errors'
import { isOpenWithoutToken } from './http/auth'
import { isLocalHostname } from './http/local'
import type { ModelClient } from './model/client'

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

/**
 * Checks every setting, the model (a key, or the AI binding for a Workers AI model), the
 * way clients get in (API_TOKENS, or AUTH_DISABLED on localhost), and the CACHE binding.
 * `hostname` is the one the check was asked on, as AUTH_DISABLED is honoured only locally.
 */
export function checkReadiness(env: Env, configuration: Configuration, hostname: string): Readiness {
  const reasons: ReadinessIssue[] = []
  const warnings: ReadinessIssue[] = []
  if ('error' in configuration) {
    const reasons = configuration.error.issues.map(({ setting, message }) => ({
      setting,
      message: `${message}. Fix it in wrangler.toml [vars] (or with \`wrangler secret put ${setting}\`) and redeploy.`,
    }))
    return { ready: false, reasons, warnings }
  }
  const { settings, services } = configuration
  let model: ModelClient | undefined
  try {
    model = services.model
  } catch (error) {
    reasons.push(issueOf(error, 'OPENAI_API_KEY'))
  }
  if (settings.API_TOKENS.length === 0 && !isOpenWithoutToken(settings, hostname)) {
    reasons.push({
      setting: 'API_TOKENS',
      message:
        'no API tokens are configured, so every request is refused: ' +
        'set them with `npx wrangler secret put API_TOKENS`.',
    })
  }
  if (typeof (env as { CACHE?: { get?: unknown } }).CACHE?.get !== 'function') {
    reasons.push({ setting: 'CACHE', message: 'the KV namespace binding CACHE is missing from wrangler.toml.' })
  }
  if (settings.ID_SECRET === undefined) {
    const issue = {
      setting: 'ID_SECRET',
      message:
        'not set: translation requests are refused. ' +
        'Set any long random string with `npx wrangler secret put ID_SECRET`.',
    }
    if (isLocalHostname(hostname))
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
