import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deployProblems, readKvBindings } from '../../scripts/deploy.ts'
import { ROOT } from '../../scripts/local.ts'

const shipped = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
const D1_PLACEHOLDER = 'database_id = "00000000-0000-0000-0000-000000000000"'
const withD1 = shipped.replace(D1_PLACEHOLDER, 'database_id = "6c1f0e2a-8b3d-4e5f-9a7b-2c4d6e8f0a1b"')
const withId = (id: string) => withD1.replace('id = "00000000000000000000000000000000"', `id = "${id}"`)
const dir = mkdtempSync(join(tmpdir(), 'passage-deploy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm run deploy', () => {
  it('refuses the placeholder KV id of the wrangler.toml in the repository, before wrangler runs', () => {
    const config = join(dir, 'wrangler.toml')
    writeFileSync(config, shipped)
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/deploy.ts'), '--config', config], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '' },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('not deploying')
    expect(run.stderr).toContain('still has the placeholder id "00000000000000000000000000000000"')
    expect(run.stderr).toContain('npx wrangler kv namespace create CACHE')
    // PATH is empty: had it tried to start wrangler, it would have failed otherwise.
    expect(run.stderr).not.toMatch(/ENOENT|spawn/)
  })

  it('accepts a real namespace id', () => {
    expect(deployProblems(withId('3f9c2a7e5b1d4c8f9e0a6b2d7c1e4f5a'))).toEqual([])
  })

  it('refuses a missing or malformed id, and a missing CACHE binding', () => {
    expect(deployProblems(withId(''))).toEqual([expect.stringContaining('has no id')])
    expect(deployProblems(withId('my-cache'))).toEqual([expect.stringContaining('32 hexadecimal digits')])
    expect(deployProblems(withD1.replace('binding = "CACHE"', 'binding = "STORE"'))).toEqual([
      expect.stringContaining('no [[kv_namespaces]] table with binding = "CACHE"'),
      expect.stringContaining('placeholder id'),
    ])
  })

  it('refuses the placeholder D1 id, saying how to create the database and apply its schema', () => {
    expect(
      deployProblems(
        shipped.replace('id = "00000000000000000000000000000000"', 'id = "3f9c2a7e5b1d4c8f9e0a6b2d7c1e4f5a"'),
      ),
    ).toEqual([
      expect.stringMatching(
        /D1 database DB still has the placeholder id.*wrangler d1 create.*migrations apply DB --remote/,
      ),
    ])
  })

  it('reads the KV tables of wrangler.toml and nothing else', () => {
    expect(readKvBindings(shipped)).toEqual([{ binding: 'CACHE', id: '00000000000000000000000000000000' }])
  })
})
