import { describe, expect, it } from 'vitest'
import { readSettings } from '../../src/config'
import { ConfigError } from '../../src/errors'

const env = { OPENAI_API_KEY: 'sk-a', MODEL: 'gpt-5.4-mini', API_TOKENS: 'alice:tok_1, tok_2', CORS_ORIGINS: '*' }

describe('settings read once per isolate', () => {
  it('gives every request with the same settings the same parsed settings, frozen', () => {
    const first = readSettings({ ...env, CACHE: {} })
    const second = readSettings({ ...env, CACHE: {} })
    expect(second).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first.API_TOKENS)).toBe(true)
    expect(Object.isFrozen(first.API_TOKENS[0])).toBe(true)
    expect(first.API_TOKENS).toEqual([
      { name: 'alice', token: 'tok_1' },
      { name: undefined, token: 'tok_2' },
    ])
  })

  it('reads an env whose settings differ anew', () => {
    const first = readSettings(env)
    const other = readSettings({ ...env, MAX_RETRIES: '2' })
    expect(other).not.toBe(first)
    expect(other.MAX_RETRIES).toBe(2)
    expect(first.MAX_RETRIES).toBe(4)
  })

  it('still refuses an invalid setting every time it is read', () => {
    const invalid = { ...env, MAX_RETRIES: 'many' }
    expect(() => readSettings(invalid)).toThrow(ConfigError)
    expect(() => readSettings(invalid)).toThrow(ConfigError)
  })

  it('parses an env holding a setting that is not a string as it is, each time', () => {
    const odd = { ...env, MAX_RETRIES: 3 }
    const first = readSettings(odd)
    expect(first.MAX_RETRIES).toBe(3)
    expect(readSettings(odd)).not.toBe(first)
  })
})
