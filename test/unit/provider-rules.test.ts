import { describe, expect, it } from 'vitest'
import type { ChatRequest } from '../../src/model/client'
import { PROFILES, type ProfileName } from '../../src/model/profiles'
import { buildChatBody, effectiveFields, portableSchema } from '../../src/model/request-fields'
import { SummaryOutput, TranslationOutput, toResponseSchema } from '../../src/schemas/model-output'
import {
  anthropicJudge,
  cerebrasJudge,
  deepseekJudge,
  geminiJudge,
  groqJudge,
  type Judge,
  lmStudioJudge,
  mistralJudge,
  openAIJudge,
  openRouterJudge,
  openSchemaJudge,
  xaiJudge,
} from '../support/providers'

describe('the schema a provider is sent', () => {
  // Written by hand, as zod writes `z.number().int()`: bounds of ±(2^53 - 1), which bound nothing.
  const zodInteger = { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991 }

  it('leaves out the integer bounds that bound nothing, at any depth', () => {
    const schema = {
      type: 'object',
      properties: { paragraphs: { type: 'array', items: zodInteger } },
      required: ['paragraphs'],
      additionalProperties: false,
    }
    expect(portableSchema(schema)).toEqual({
      type: 'object',
      properties: { paragraphs: { type: 'array', items: { type: 'integer' } } },
      required: ['paragraphs'],
      additionalProperties: false,
    })
    expect(schema.properties.paragraphs.items).toEqual(zodInteger)
  })

  it('keeps a bound that says something, and a property that happens to be named minimum', () => {
    const schema = {
      type: 'object',
      properties: { minimum: { type: 'integer', minimum: 0, maximum: 10 } },
      required: ['minimum'],
    }
    expect(portableSchema(schema)).toEqual(schema)
  })
})

describe('every profile’s first request, held against its provider’s strict copy', () => {
  // One model each provider serves under the profile, and the copy of that provider's rules.
  const CASES: Array<[ProfileName, string, Judge]> = [
    ['openai-gpt-5.x', 'gpt-5.4-mini', openAIJudge],
    ['openai-gpt-5', 'gpt-5-mini', openAIJudge],
    ['openai-o-series', 'o4-mini', openAIJudge],
    ['openai-chat', 'gpt-4.1-mini', openAIJudge],
    ['workers-ai', '@cf/meta/llama-3.3-70b-instruct-fp8-fast', openSchemaJudge],
    ['openrouter', 'anthropic/claude-haiku-4.5', openRouterJudge],
    ['mistral', 'mistral-small-latest', mistralJudge],
    ['ollama', 'llama3.2', openSchemaJudge],
    ['vllm', 'Qwen/Qwen3-8B', openSchemaJudge],
    ['gemini', 'gemini-2.5-flash', geminiJudge],
    ['gemini-pro', 'gemini-2.5-pro', geminiJudge],
    ['gemma', 'gemma-3-27b-it', geminiJudge],
    ['anthropic', 'claude-haiku-4-5', anthropicJudge],
    ['deepseek', 'deepseek-chat', deepseekJudge],
    ['deepseek-reasoner', 'deepseek-reasoner', deepseekJudge],
    ['groq', 'openai/gpt-oss-120b', groqJudge],
    ['openai-compatible', 'grok-4-fast-non-reasoning', xaiJudge],
    ['openai-compatible', 'llama-3.3-70b', cerebrasJudge],
    ['openai-compatible', 'qwen/qwen3-8b', lmStudioJudge],
  ]
  const REQUESTS: ChatRequest[] = [
    {
      system: 'Translate each French paragraph into English.',
      user: JSON.stringify({ paragraphs: [{ id: 'p0', fr: 'Le train de nuit repart.' }] }),
      schemaName: 'translation',
      schema: toResponseSchema(TranslationOutput),
      maxOutputTokens: 512,
    },
    {
      system: 'Summarise the article in English and in French, with its key points.',
      user: JSON.stringify({ article: ['Le train de nuit repart.'], sentences: 3 }),
      schemaName: 'summary',
      schema: toResponseSchema(SummaryOutput),
      maxOutputTokens: 512,
    },
  ]

  it.each(CASES)('%s, as %s: translation and summary accepted', async (profile, model, judge) => {
    for (const request of REQUESTS) {
      const body = buildChatBody(model, effectiveFields(PROFILES[profile]), request)
      const refusal = judge(body, new Headers())
      expect(refusal ? await refusal.text() : undefined, request.schemaName).toBeUndefined()
    }
  })
})
