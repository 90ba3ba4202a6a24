/**
 * What OpenAI refuses, as a server applies it: the official request schema of
 * `POST /chat/completions` (fixtures/openai, MIT, © OpenAI) plus the per-model rules OpenAI
 * documents and enforces (reasoning models refuse `max_tokens` and any `temperature` but 1;
 * each accepts only some `reasoning_effort` values; strict structured outputs need closed
 * objects). Used by the replay server and by the tests' fake providers, so that a request
 * a real provider would refuse is refused here too. Written apart from the worker's own
 * profiles on purpose: it is their test oracle.
 */

import { Validator } from '@cfworker/json-schema'

export interface Refusal {
  status: number
  body: { error: { message: string; type: string; param: string | null; code: string | null } }
}

const refuse = (
  status: number,
  message: string,
  param: string | null,
  code: string | null,
  type = 'invalid_request_error',
): Refusal => ({
  status,
  body: { error: { message, type, param, code } },
})

export interface OpenAIRules {
  /** The refusal OpenAI would answer `body` with, or undefined when it would accept it. */
  check(body: unknown): Refusal | undefined
  /** Model ids the official schema lists. */
  knownModels: ReadonlySet<string>
}

type Schema = Record<string, unknown>

/**
 * Builds the rules from the vendored OpenAPI document. `extraModels` are accepted besides
 * the ones the schema lists (the replay model's own name …), or `'any'` for a server that
 * serves other models under the same schema (a model it does not know is then not refused).
 */
export function createOpenAIRules(document: Schema, extraModels: readonly string[] | 'any' = []): OpenAIRules {
  const validator = new Validator(
    { ...document, $ref: '#/components/schemas/CreateChatCompletionRequest' } as never,
    '2020-12',
    false,
  )
  const schemas = (document.components as { schemas: Record<string, Schema> }).schemas
  const accepted = new Set(topLevelProperties(schemas, schemas.CreateChatCompletionRequest as Schema))
  const listed = ((schemas.ModelIdsShared as { anyOf: Schema[] }).anyOf.find((s) => Array.isArray(s.enum))?.enum ??
    []) as string[]
  const knownModels = new Set([...listed, ...(extraModels === 'any' ? [] : extraModels)])

  return {
    knownModels,
    check(input) {
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        return refuse(400, 'We could not parse the JSON body of your request.', null, null)
      const body = input as Record<string, unknown>
      for (const name of Object.keys(body)) {
        if (!accepted.has(name)) return refuse(400, `Unrecognized request argument supplied: ${name}`, null, null)
      }
      const result = validator.validate(body)
      if (!result.valid) {
        const deepest = result.errors.reduce((a, b) => (b.instanceLocation.length > a.instanceLocation.length ? b : a))
        const param = deepest.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean)
        return refuse(
          400,
          `Invalid value at '${param.join('.') || 'body'}': ${deepest.error}`,
          param[0] ?? null,
          'invalid_value',
        )
      }
      const model = String(body.model)
      if (extraModels !== 'any' && !knownModels.has(model))
        return refuse(
          404,
          `The model \`${model}\` does not exist or you do not have access to it.`,
          null,
          'model_not_found',
        )
      // A server of other models (OpenRouter, Ollama, vLLM …) takes the schema, not OpenAI's per-model rules.
      return (extraModels === 'any' ? undefined : modelRules(model, body)) ?? formatRules(body)
    },
  }
}

/** Every property name CreateChatCompletionRequest allows at the top level (through allOf and $ref). */
function topLevelProperties(schemas: Record<string, Schema>, schema: Schema): string[] {
  const ref = schema.$ref
  if (typeof ref === 'string') return topLevelProperties(schemas, schemas[ref.split('/').pop() as string] as Schema)
  const own = Object.keys((schema.properties as Schema | undefined) ?? {})
  const parts = ((schema.allOf as Schema[] | undefined) ?? []).flatMap((part) => topLevelProperties(schemas, part))
  return [...own, ...parts]
}

/**
 * OpenAI's reasoning models, as its model pages describe them: the gpt-5 family (but the
 * `-chat` models) and the o-series. Efforts: gpt-5, gpt-5-mini, gpt-5-nano take minimal to
 * high; gpt-5.1 and later take none to high (and more); o-series low to high.
 */
function reasoningEfforts(model: string): string[] | undefined {
  const m = model.toLowerCase()
  if (m.includes('-chat')) return undefined
  if (/^o[134]/.test(m)) return ['low', 'medium', 'high']
  if (m === 'gpt-5' || m === 'gpt-5-mini' || m === 'gpt-5-nano' || /^gpt-5(-mini|-nano)?-\d{4}-\d\d-\d\d$/.test(m))
    return ['minimal', 'low', 'medium', 'high']
  if (m.startsWith('gpt-5')) return ['none', 'low', 'medium', 'high', 'xhigh']
  return undefined
}

function modelRules(model: string, body: Record<string, unknown>): Refusal | undefined {
  const efforts = reasoningEfforts(model)
  if (efforts) {
    if ('max_tokens' in body) {
      return refuse(
        400,
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        'max_tokens',
        'unsupported_parameter',
      )
    }
    if (body.temperature !== undefined && body.temperature !== 1) {
      return refuse(
        400,
        `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. ` +
          'Only the default (1) value is supported.',
        'temperature',
        'unsupported_value',
      )
    }
    if (typeof body.reasoning_effort === 'string' && !efforts.includes(body.reasoning_effort)) {
      return refuse(
        400,
        `Unsupported value: 'reasoning_effort' does not support '${body.reasoning_effort}' with this model. ` +
          `Supported values are: ${efforts.map((e) => `'${e}'`).join(', ')}.`,
        'reasoning_effort',
        'unsupported_value',
      )
    }
    return undefined
  }
  if ('reasoning_effort' in body) {
    return refuse(
      400,
      "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
      'reasoning_effort',
      'unsupported_parameter',
    )
  }
  return undefined
}

function formatRules(body: Record<string, unknown>): Refusal | undefined {
  const format = body.response_format as
    | { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: Schema } }
    | undefined
  if (format?.type === 'json_object') {
    const text = JSON.stringify(body.messages).toLowerCase()
    if (!text.includes('json'))
      return refuse(
        400,
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        'messages',
        null,
      )
  }
  if (format?.type === 'json_schema' && format.json_schema?.strict === true) {
    const problem = strictSchemaProblem(format.json_schema.schema ?? {}, 'schema')
    if (problem)
      return refuse(
        400,
        `Invalid schema for response_format '${format.json_schema.name}': ${problem}`,
        'response_format',
        'invalid_json_schema',
      )
  }
  return undefined
}

/** Strict structured outputs: every object closed, every property required. */
function strictSchemaProblem(schema: Schema, path: string): string | undefined {
  if (schema.type === 'object') {
    const properties = Object.keys((schema.properties as Schema | undefined) ?? {})
    if (schema.additionalProperties !== false)
      return `In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`
    const required = new Set((schema.required as string[] | undefined) ?? [])
    const missing = properties.find((p) => !required.has(p))
    if (missing)
      return (
        `In context=(${path}), 'required' is required to be supplied and to be an array including every key ` +
        `in properties. Missing '${missing}'.`
      )
    for (const p of properties) {
      const problem = strictSchemaProblem(
        (schema.properties as Record<string, Schema>)[p] as Schema,
        `${path}, 'properties', '${p}'`,
      )
      if (problem) return problem
    }
  }
  if (schema.type === 'array' && typeof schema.items === 'object')
    return strictSchemaProblem(schema.items as Schema, `${path}, 'items'`)
  return undefined
}
