import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local.ts'

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules, as the worker serves it (npm run lint:openapi)", () => {
    const written = spawnSync(process.execPath, [join(ROOT, 'scripts/openapi.ts')], { cwd: ROOT, encoding: 'utf8' })
    expect(written.stderr).toBe('')
    expect(written.status).toBe(0)
    const doc = JSON.parse(readFileSync(join(ROOT, 'dist/openapi.json'), 'utf8')) as {
      servers: unknown[]
      info: { license?: unknown }
    }
    expect(doc.servers).toHaveLength(1)
    expect(doc.info.license).toBeDefined()

    const lint = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(lint.stdout + lint.stderr).toMatch(/Your API description is valid/)
    expect(lint.stdout + lint.stderr).not.toMatch(/warning|error/i)
    expect(lint.status).toBe(0)
  }, 60_000)
})
