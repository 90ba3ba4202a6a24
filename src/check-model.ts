/**
 * One tiny translation request through the worker's own model code, reported for a person:
 * used by `npm run check-model` (bundled and run in Node), never by the worker itself.
 */

import { readSettings } from './config'
import { ServiceError } from './errors'
import { checkTranslation } from './fidelity/checks'
import { describeFailure, workersAIRefusal } from './pipeline/failures'
import { TranslationOutput, toResponseSchema } from './schemas/model-output'
import { ModelConnectionError, ModelHttpError, ModelOutputError, ModelTimeoutError } from './model/errors'
import { createOpenAIClient } from './model/openai-client'
import { resolveProfile } from './model/profiles'
import { isQuotaExhausted } from './model/retry-policy'

export interface CheckReport {
  ok: boolean
  lines: string[]
}

/**
 * Sends `paragraph` for translation with `system` as the instructions, using the settings in
 * `env`, and says what happened: profile, fields, corrections, structured output, latency,
 * tokens; on failure, the setting to change.
 */
export async function checkModel(env: Record<string, string>, system: string, paragraph: string): Promise<CheckReport> {
  const lines: string[] = []
  let settings: ReturnType<typeof readSettings>
  try {
    settings = readSettings(env)
  } catch (error) {
    return {
      ok: false,
      lines: [`FAIL  ${error instanceof ServiceError ? error.problem.detail : 'the settings could not be read'}`],
    }
  }
  if (settings.MODEL.startsWith('@cf/') && !/\/ai\/v1\/?$/.test(settings.OPENAI_BASE_URL)) {
    return {
      ok: false,
      lines: [
        `MODEL ${settings.MODEL} runs through the Workers AI binding, which only a worker on Cloudflare can call.`,
        'Deploy with `[ai] binding = "AI"` in wrangler.toml and open GET /readyz, or set OPENAI_BASE_URL to',
        "Workers AI's REST endpoint (https://api.cloudflare.com/client/v4/accounts/<account id>/ai/v1) with a",
        'Cloudflare API token as OPENAI_API_KEY to check it from here.',
      ],
    }
  }
  if (settings.OPENAI_API_KEY === undefined)
    return { ok: false, lines: ['FAIL  OPENAI_API_KEY is not set (shell or .dev.vars).'] }

  const profile = resolveProfile({
    model: settings.MODEL,
    baseURL: settings.OPENAI_BASE_URL,
    override: settings.MODEL_PROFILE,
  })
  const host = new URL(settings.OPENAI_BASE_URL).host
  lines.push(`model      ${settings.MODEL} at ${settings.OPENAI_BASE_URL}`)
  lines.push(`profile    ${profile.name} (${profile.reason}; follows ${profile.docs})`)

  const sent: Array<{ body: Record<string, unknown>; status?: number }> = []
  const recording: typeof fetch = async (input, init) => {
    const entry: { body: Record<string, unknown>; status?: number } = {
      body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>,
    }
    sent.push(entry)
    const response = await fetch(input, init)
    entry.status = response.status
    return response
  }
  const corrections: string[] = []
  const client = createOpenAIClient({
    apiKey: settings.OPENAI_API_KEY,
    baseURL: settings.OPENAI_BASE_URL,
    model: settings.MODEL,
    profile,
    gatewayToken: settings.AI_GATEWAY_TOKEN,
    fetch: recording,
    log: (message) => corrections.push(message.replace(/^model: /, '')),
  })
  const request = {
    system,
    user: JSON.stringify({ glossary: {}, paragraphs: [{ id: 'p0', fr: paragraph }] }),
    schemaName: 'translation',
    schema: toResponseSchema(TranslationOutput),
    maxOutputTokens: 256,
  }

  const started = performance.now()
  try {
    const result = await client.complete(request, {
      signal: AbortSignal.timeout(settings.ATTEMPT_TIMEOUT_MS + 5_000),
      timeoutMs: settings.ATTEMPT_TIMEOUT_MS,
    })
    const latency = Math.round(performance.now() - started)
    const last = sent.at(-1)?.body ?? {}
    lines.push(`fields     ${describeFields(last)}`)
    for (const line of corrections) lines.push(`corrected  ${line}`)
    if (corrections.length > 0)
      lines.push(
        `           (set MODEL_PROFILE to a profile that sends this from the start, or leave it: it is learned ` +
          `on ` +
          `the first call)`,
      )
    const mode =
      (last.response_format as { type?: string } | undefined)?.type ?? 'none (the schema in the instructions)'
    let parsed: ReturnType<typeof TranslationOutput.safeParse> | undefined
    try {
      parsed = TranslationOutput.safeParse(JSON.parse(result.content))
    } catch {
      parsed = undefined
    }
    const structured = parsed?.success === true
    lines.push(
      `structured ${mode}: ` +
        `${structured ? 'the answer matched the schema' : 'the answer did NOT match the schema'}`,
    )
    lines.push(
      `latency    ${latency} ms for ${sent.length} request${sent.length === 1 ? '' : 's'} ` +
        `(${sent.map((s) => s.status).join(' → ')})`,
    )
    lines.push(
      `tokens     ${result.inputTokens} in, ${result.outputTokens} out` +
        (result.reasoningTokens ? ` (${result.reasoningTokens} reasoning)` : '') +
        (result.estimated ? ' (estimates: the endpoint reported no usage)' : ''),
    )
    if (!structured || result.finishReason !== 'stop') {
      lines.push(
        `FAIL  the model answered, but not with the JSON passage asks for (finish_reason ${result.finishReason}).`,
      )
      lines.push(
        '      Try another MODEL_PROFILE (one whose structured-output mode the model supports), or a model ' +
          'with ' +
          'structured outputs.',
      )
      return { ok: false, lines }
    }
    lines.push(`answer     ${parsed?.data?.translations[0]?.en ?? ''}`)
    // The checks every answer passes in the worker: an echo of the French, a refusal or a
    // comment would fail there, so it fails here.
    const [verdict] = checkTranslation(result, [{ id: 'p0', fr: paragraph }])
    if (verdict === undefined || verdict.status === 'failed') {
      const reason = verdict === undefined ? 'the answer has no translation' : describeFailure(verdict.error)
      lines.push(`FAIL  the model answered, but the worker would not use the translation: ${reason}.`)
      lines.push('      Try another MODEL: this one does not translate the way passage asks.')
      return { ok: false, lines }
    }
    if (verdict.status === 'doubtful') lines.push(`doubts     ${verdict.warnings.join('; ')} (served as warnings)`)
    lines.push('OK    the model works with passage.')
    return { ok: true, lines }
  } catch (error) {
    if (sent.length > 0) lines.push(`fields     ${describeFields(sent.at(-1)?.body ?? {})}`)
    for (const line of corrections) lines.push(`corrected  ${line}`)
    lines.push(`FAIL  ${explain(error, settings.MODEL, host, settings.OPENAI_BASE_URL)}`)
    return { ok: false, lines }
  }
}

function describeFields(body: Record<string, unknown>): string {
  const parts = Object.keys(body)
    .filter((name) => name !== 'messages' && name !== 'model')
    .map((name) => {
      const value = body[name]
      if (name === 'response_format') return `response_format ${(value as { type?: string }).type}`
      return `${name} ${JSON.stringify(value)}`
    })
  return parts.join(', ') || '(none beyond model and messages)'
}

/** What went wrong, and the setting that fixes it. */
export function explain(error: unknown, model: string, host: string, baseURL: string): string {
  if (error instanceof ModelConnectionError)
    return `${host} could not be reached. Check OPENAI_BASE_URL (now ${baseURL}) and that the server is running.`
  if (error instanceof ModelTimeoutError)
    return `${host} did not answer in time. Check OPENAI_BASE_URL, or raise ATTEMPT_TIMEOUT_MS for a slow local model.`
  if (error instanceof ModelHttpError) {
    const code = error.info.code ? ` (${error.info.code})` : ''
    const refusedModel = error.status === 403 ? workersAIRefusal(error.info.code) : undefined
    if (refusedModel) return `${refusedModel}.`
    if (error.info.code === 'input_flagged')
      return `${host} refused the text: its moderation flagged the input (HTTP ${error.status}). Try another MODEL.`
    if (error.status === 401 || error.status === 403)
      return (
        `${host} refused the key (HTTP ${error.status}${code}). Set OPENAI_API_KEY; for an authenticated ` +
        `Cloudflare AI Gateway, also AI_GATEWAY_TOKEN.`
      )
    if (error.status === 404)
      return (
        `${host} does not serve the model "${model}" (HTTP 404${code}). Set MODEL to a model it serves, and ` +
        `check OPENAI_BASE_URL (most end in /v1).`
      )
    if (isQuotaExhausted(error) && error.info.code === 'daily_quota_exceeded')
      return (
        `${host} refused the call: the key's daily quota for ${model} is used up (HTTP ${error.status}). It comes ` +
        `back the next day; a paid tier raises it, and another MODEL has a quota of its own.`
      )
    if (isQuotaExhausted(error) && error.info.code === 'no_quota_for_model')
      return (
        `${host} refused the call: the key has no quota for ${model} (HTTP ${error.status}, a limit of 0). Enable ` +
        `billing for the key, or set MODEL to a model its tier offers.`
      )
    if (isQuotaExhausted(error))
      return (
        `${host} refused the call: the account behind the key has no credit or quota left ` +
        `(HTTP ${error.status}${code}). Add credit or raise the quota with the provider, or set another OPENAI_API_KEY.`
      )
    if (error.status === 429)
      return (
        `${host} is rate limiting this key or it has no quota left (HTTP 429${code}). Check the account's ` +
        `limits and billing.`
      )
    if (error.status >= 500) return `${host} failed (HTTP ${error.status}${code}). Try again later.`
    return (
      `${host} refused the request (HTTP ${error.status}${code}), and no field passage chose explains it. ` +
      `Check ` +
      `MODEL, or set MODEL_PROFILE (openai-compatible sends the fewest fields).`
    )
  }
  if (error instanceof ModelOutputError)
    return `the model declined or answered unusably (${error.reason}). Try another MODEL.`
  return `unexpected error: ${error instanceof Error ? error.name : 'unknown'}`
}
