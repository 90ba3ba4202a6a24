import { describe, expect, it } from 'vitest'
import { portableSchema } from '../../src/model/request-fields'

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
