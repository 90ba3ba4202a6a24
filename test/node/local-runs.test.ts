import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { choosePort, isPlaceholder, ROOT } from '../../scripts/local.ts'

describe('npm run dev: the port', () => {
  it('is 8787 when nothing is given', () => {
    expect(choosePort([], {})).toEqual({ port: 8787, rest: [] })
  })

  it('takes --port N and --port=N out of the arguments passed on to wrangler', () => {
    expect(choosePort(['--port', '8831'], {})).toEqual({ port: 8831, rest: [] })
    expect(choosePort(['--port=8832', '--log-level', 'debug'], {})).toEqual({
      port: 8832,
      rest: ['--log-level', 'debug'],
    })
  })

  it('reads PORT, and lets --port win over it', () => {
    expect(choosePort([], { PORT: '9000' }).port).toBe(9000)
    expect(choosePort(['--port', '9001'], { PORT: '9000' }).port).toBe(9001)
  })

  it('refuses a port that is not one, naming both ways to give it', () => {
    expect(() => choosePort(['--port', 'eighty'], {})).toThrow(/"eighty" \(--port N or PORT=N\)/)
    expect(() => choosePort(['--port'], { PORT: '' })).not.toThrow()
    expect(() => choosePort([], { PORT: '70000' })).toThrow(/1 to 65535/)
  })
})

describe('placeholder values from .dev.vars.example', () => {
  it('are recognised, so they do not switch dev to a real model', () => {
    for (const value of [
      'sk-...',
      'sk-…',
      '',
      '  ',
      '<your key>',
      'change-me-to-a-long-random-string',
      'your-api-key',
      undefined,
    ]) {
      expect(isPlaceholder(value), String(value)).toBe(true)
    }
  })

  it('leave real-looking keys alone', () => {
    for (const value of ['sk-proj-4fT9qLmZ2xWv8NbR', 'gsk_live_0123456789', 'ollama'])
      expect(isPlaceholder(value), value).toBe(false)
  })
})

describe('.dev.vars.example', () => {
  it('changes nothing when copied as it is: every setting in it is commented out', () => {
    const example = readFileSync(join(ROOT, '.dev.vars.example'), 'utf8')
    const active = example.split('\n').filter((line) => /^\s*[A-Za-z0-9_]+\s*=/.test(line))
    expect(active).toEqual([])
    // …and it still shows each setting a developer may want, ready to uncomment.
    for (const name of [
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'MODEL',
      'ID_SECRET',
      'API_TOKENS',
      'AUTH_DISABLED',
      'CORS_ORIGINS',
    ]) {
      expect(example).toMatch(new RegExp(`^# ${name}=`, 'm'))
    }
  })
})
