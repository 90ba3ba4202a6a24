/**
 * The body of one chat-completions request, from a profile and what the endpoint has
 * taught us since; and what to change when the endpoint refuses a field. Pure.
 */

import type { ChatRequest } from './client'
import { type ModelProfile, type ReasoningEffort, STRUCTURED_MODES, type StructuredMode } from './profiles'

/** What an endpoint refused, remembered for the isolate: applied over the profile. */
export interface FieldAdjustments {
  tokenField?: ModelProfile['tokenField']
  omitTemperature?: boolean
  omitReasoningEffort?: boolean
  /** The effort sent instead of the profile's, after the profile's was refused. */
  reasoningEffort?: ReasoningEffort
  structured?: StructuredMode | 'none-left'
  /** The endpoint refused the system message: the instructions open the user message. */
  instructionsInUser?: boolean
}

/** The fields a request carries once the adjustments are applied. */
export interface EffectiveFields {
  tokenField: ModelProfile['tokenField']
  temperature: number | undefined
  reasoningEffort: ModelProfile['reasoningEffort']
  structured: StructuredMode
  reasoningReserve: number
  instructionsInUser: boolean
}

export function effectiveFields(profile: ModelProfile, adjustments: FieldAdjustments = {}): EffectiveFields {
  const structured =
    adjustments.structured === undefined || adjustments.structured === 'none-left'
      ? profile.structured
      : adjustments.structured
  return {
    tokenField: adjustments.tokenField ?? profile.tokenField,
    temperature: adjustments.omitTemperature ? undefined : profile.temperature,
    reasoningEffort: adjustments.omitReasoningEffort
      ? undefined
      : (adjustments.reasoningEffort ?? profile.reasoningEffort),
    structured: adjustments.structured === 'none-left' ? 'prompt' : structured,
    reasoningReserve: profile.reasoningReserve,
    instructionsInUser: adjustments.instructionsInUser === true || profile.instructions === 'user',
  }
}

/**
 * The system prompt for modes without a schema-enforcing `response_format`: the schema
 * goes into the instructions, and the model is told to answer with the JSON alone.
 */
export function systemPrompt(request: ChatRequest, mode: StructuredMode): string {
  if (mode === 'json_schema') return request.system
  return (
    `${request.system}\n\nAnswer with one JSON object and nothing else (no code fence, no comment). It must ` +
    `match this JSON Schema:\n${JSON.stringify(portableSchema(request.schema))}`
  )
}

/**
 * The schema as a provider is sent it: without the bounds that bound nothing. zod writes an
 * integer as `{type: "integer", minimum: -(2^53 - 1), maximum: 2^53 - 1}`, and the strict
 * structured outputs that take no numeric range refuse the whole request for them (Anthropic's,
 * also behind OpenRouter: "For 'integer' type, properties maximum, minimum are not supported").
 * A bound that says something is kept. Pure: the schema given is not changed.
 */
export function portableSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(portableSchema) as T
  if (typeof schema !== 'object' || schema === null) return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'minimum' && value === -Number.MAX_SAFE_INTEGER) continue
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue
    copy[key] = portableSchema(value)
  }
  return copy as T
}

/** The JSON body of `POST /chat/completions` for `request`. */
export function buildChatBody(
  model: string,
  fields: EffectiveFields,
  request: ChatRequest,
  maxOutputTokens = outputBudget(fields, request),
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: fields.instructionsInUser
      ? [{ role: 'user', content: `${systemPrompt(request, fields.structured)}\n\n${request.user}` }]
      : [
          { role: 'system', content: systemPrompt(request, fields.structured) },
          { role: 'user', content: request.user },
        ],
    [fields.tokenField]: maxOutputTokens,
  }
  if (fields.temperature !== undefined) body.temperature = fields.temperature
  if (fields.reasoningEffort !== undefined) body.reasoning_effort = fields.reasoningEffort
  if (fields.structured === 'json_schema') {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: request.schemaName, strict: true, schema: portableSchema(request.schema) },
    }
  } else if (fields.structured === 'json_object') {
    body.response_format = { type: 'json_object' }
  }
  return body
}

/**
 * The answer's budget plus room for reasoning, which a reasoning model's limit counts too:
 * four times the reserve when the model reasons at its default effort (we could not lower it).
 */
export function outputBudget(fields: EffectiveFields, request: ChatRequest): number {
  const reserve = fields.reasoningEffort === undefined ? fields.reasoningReserve * 4 : fields.reasoningReserve
  return request.maxOutputTokens + reserve
}

/** A refusal of the request itself (400, or Mistral's 422), as the endpoint worded it. */
export interface RequestRefusal {
  status: number
  param?: string | undefined
  code?: string | undefined
  /** Read only to find a field's name in it; never shown or logged. */
  message?: string | undefined
}

export interface Correction {
  adjustments: FieldAdjustments
  /** The field the endpoint refused, for the log line. */
  field: string
  /** What is sent instead, in a few words. */
  instead: string
}

// The fields a profile may send that an endpoint may refuse, most specific first.
const CORRECTABLE = [
  'max_completion_tokens',
  'max_tokens',
  'reasoning_effort',
  'temperature',
  'response_format',
  'json_schema',
  'json_object',
] as const

/**
 * What to change when the endpoint refuses `body`: the field its `param` names (or, when it
 * names none, the first field of ours its message mentions), answered once more without it,
 * with the other token field, or with the next structured-output mode. `undefined` when the
 * refusal is not about a field we chose (the request is then wrong for another reason).
 *
 * @example correctionFor({ status: 400, param: 'max_tokens', code: 'unsupported_parameter' }, body, {})
 * // { adjustments: { tokenField: 'max_completion_tokens' }, field: 'max_tokens', … }
 */
export function correctionFor(
  refusal: RequestRefusal,
  body: Record<string, unknown>,
  current: FieldAdjustments,
): Correction | undefined {
  if (refusal.status !== 400 && refusal.status !== 422) return undefined
  // A model that takes no system message (Gemma on the Gemini API: "Developer instruction is not
  // enabled for models/gemma-3-27b-it"; chat templates that want user and assistant turns only).
  if (!current.instructionsInUser && refusal.param === undefined && SYSTEM_REFUSAL.test(refusal.message ?? ''))
    return {
      adjustments: { ...current, instructionsInUser: true },
      field: 'the system message',
      instead: 'the instructions in the user message',
    }
  const field = refusedField(refusal, body)
  if (field === undefined) return undefined
  if (field === 'max_tokens' || field === 'max_completion_tokens') {
    const other = field === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens'
    if (current.tokenField === other) return undefined
    return { adjustments: { ...current, tokenField: other }, field, instead: other }
  }
  if (field === 'temperature')
    return { adjustments: { ...current, omitTemperature: true }, field, instead: 'no temperature (the default)' }
  // An effort below `low` refused (a model that cannot stop thinking): `low`, the least that is
  // left, rather than the model's default, which is often the most.
  if (field === 'reasoning_effort' && (body.reasoning_effort === 'none' || body.reasoning_effort === 'minimal'))
    return { adjustments: { ...current, reasoningEffort: 'low' }, field, instead: 'reasoning_effort low' }
  if (field === 'reasoning_effort')
    return {
      adjustments: { ...current, omitReasoningEffort: true },
      field,
      instead: 'no reasoning_effort (the default)',
    }
  const mode = modeOf(body)
  const next = STRUCTURED_MODES[STRUCTURED_MODES.indexOf(mode) + 1]
  if (next === undefined) return undefined
  return {
    adjustments: { ...current, structured: next },
    field: 'response_format',
    instead: next === 'prompt' ? 'the JSON Schema in the instructions' : `response_format ${next}`,
  }
}

function refusedField(
  refusal: RequestRefusal,
  body: Record<string, unknown>,
): (typeof CORRECTABLE)[number] | undefined {
  const sent = CORRECTABLE.filter((name) =>
    name === 'json_schema' || name === 'json_object' ? modeOf(body) === name : name in body,
  )
  const param = refusal.param?.replace(/^body\./, '').split(/[.[]/)[0]
  if (param !== undefined && param !== '') return sent.find((name) => name === param)
  const message = refusal.message ?? ''
  const named = sent.find((name) => new RegExp(`\\b${name}\\b`).test(message))
  if (named !== undefined) return named
  // A refusal about thinking that names no field (Gemini: "Budget 0 is invalid. This model only
  // works in thinking mode.") is about the effort we asked for.
  if ('reasoning_effort' in body && /\b(?:thinking|reasoning)\b/i.test(message)) return 'reasoning_effort'
  // A refusal of the schema itself (Gemini: `Unknown name "additionalProperties" at
  // 'generation_config.response_schema'`) refuses the json_schema mode, whatever it names.
  if (modeOf(body) === 'json_schema' && SCHEMA_REFUSAL.test(message)) return 'json_schema'
  // "JSON mode is not enabled for models/gemma-3-27b-it": whichever mode was asked for.
  const mode = modeOf(body)
  if (mode !== 'prompt' && /\bjson mode\b/i.test(message)) return mode
  return undefined
}

const SCHEMA_REFUSAL = /\bresponse_(?:json_)?schema\b|\badditionalProperties\b|\bjson[ _]?schema\b/i
const SYSTEM_REFUSAL = new RegExp(
  [
    String.raw`\b(?:developer|system) (?:instruction|message|prompt|role)s? `,
    String.raw`(?:is |are )?not (?:enabled|supported|allowed)\b`,
    String.raw`|\broles must alternate\b`,
  ].join(''),
  'i',
)

function modeOf(body: Record<string, unknown>): StructuredMode {
  const format = body.response_format
  if (typeof format !== 'object' || format === null) return 'prompt'
  const type = (format as { type?: unknown }).type
  return type === 'json_schema' || type === 'json_object' ? type : 'prompt'
}

/**
 * The JSON of an answer given without a schema-enforcing mode, which may come fenced, or fenced
 * after a line of introduction ("Here is the translation:").
 */
export function unfence(content: string): string {
  const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?\s*```\s*$/i.exec(content)
  if (fenced) return fenced[1] as string
  if (/^\s*[{[]/.test(content)) return content
  const introduced = /```(?:json)?[ \t]*\n([\s\S]*?)\n[ \t]*```/i.exec(content)
  return introduced && /^\s*[{[]/.test(introduced[1] as string) ? (introduced[1] as string) : content
}
