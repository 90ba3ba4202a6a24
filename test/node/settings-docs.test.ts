import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local.ts'

interface SettingDoc {
  name: string
  kind: 'var' | 'secret'
  default: string | undefined
}

// The worker's own schema: loaded by path, so that the Node-side type check stays out of src/.
const CONFIG = join(ROOT, 'src', 'config.ts')
let settings: SettingDoc[]
beforeAll(async () => {
  const config = (await import(CONFIG)) as { settingDocs: () => SettingDoc[] }
  settings = config.settingDocs()
})

/** `NAME = "value"` lines of wrangler.toml's [vars] table. */
function wranglerVars(): Map<string, string> {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  const vars = new Map<string, string>()
  let inVars = false
  for (const raw of toml.split('\n')) {
    const line = raw.trim()
    if (line.startsWith('[')) inVars = line === '[vars]'
    else if (inVars && line !== '' && !line.startsWith('#')) {
      const match = /^([A-Z0-9_]+)\s*=\s*"(.*)"$/.exec(line)
      expect(match, `wrangler.toml [vars] line: ${line}`).not.toBeNull()
      vars.set(match?.[1] as string, match?.[2] as string)
    }
  }
  return vars
}

/** The README's configuration rows for settings (vars and secrets, not bindings): name, kind, default column. */
function readmeRows(): Array<{ name: string; kind: string; stated: string | undefined }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  )
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter(([, , kind]) => kind === 'var' || kind === 'secret')
    .map(([, name = '', kind = '', column = '']) => ({
      name: name.replaceAll('`', ''),
      kind,
      // A stated default opens the column in backquotes: `600`, `token`. Anything else says there is none.
      stated: /^`([^`]*)`/.exec(column)?.[1],
    }))
}

describe('wrangler.toml [vars]', () => {
  it('sets only settings the worker has, never a secret', () => {
    const known = new Map(settings.map((s) => [s.name, s]))
    for (const name of wranglerVars().keys()) {
      expect(known.has(name), `${name} is not a setting of src/config.ts`).toBe(true)
      expect(known.get(name)?.kind, `${name} is a secret`).toBe('var')
    }
  })

  it("repeats src/config.ts's defaults exactly", () => {
    for (const [name, value] of wranglerVars()) {
      expect(value, name).toBe(settings.find((s) => s.name === name)?.default)
    }
  })
})

describe("the README's configuration table", () => {
  it('lists every setting of src/config.ts, and no other', () => {
    expect(
      readmeRows()
        .map((row) => row.name)
        .sort(),
    ).toEqual(settings.map((s) => s.name).sort())
  })

  it('gives each its kind and its default as src/config.ts has them', () => {
    const rows = new Map(readmeRows().map((row) => [row.name, row]))
    for (const setting of settings) {
      const row = rows.get(setting.name)
      expect(row?.kind, setting.name).toBe(setting.kind)
      // An empty default (CORS_ORIGINS) is written in words, as no default is.
      expect(row?.stated, setting.name).toBe(setting.default === '' ? undefined : setting.default)
    }
  })
})

describe('wrangler.toml [[ratelimits]]', () => {
  it('has the window the worker gives as Retry-After', async () => {
    const { RATE_LIMIT_PERIOD_SECONDS } = (await import(join(ROOT, 'src', 'http', 'rate-limit.ts'))) as {
      RATE_LIMIT_PERIOD_SECONDS: number
    }
    const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
    const period = /^\s*simple\s*=\s*\{[^}]*\bperiod\s*=\s*(\d+)/m.exec(toml)?.[1]
    expect(Number(period)).toBe(RATE_LIMIT_PERIOD_SECONDS)
  })
})
