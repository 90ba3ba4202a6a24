import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, isPlaceholder, readDevVars, ROOT, waitForWorker } from '../../scripts/local.ts'

/** Every ```sh block of the README that calls the local worker with curl, as printed. */
function curlExamples(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .filter((block) => /\bcurl\b/.test(block) && block.includes('localhost:8787'))
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const examples = curlExamples(README)
const seed = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/seed.json'), 'utf8')) as {
  paragraphs: Array<{ fr: string; en: string }>
}
const page = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/lemonde-trains-de-nuit.json'), 'utf8')) as {
  paragraphs: Array<{ fr: string; en: string }>
}

// A newcomer's shell: no key, no tokens, no port chosen.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'MODEL', 'API_TOKENS', 'PORT', 'TOKEN'].includes(name),
  ),
)
// A developer's own .dev.vars with a real key or tokens would change what `npm run dev` does.
const devVars = readDevVars()
const ownSetup = !isPlaceholder(devVars.OPENAI_API_KEY) || !isPlaceholder(devVars.API_TOKENS)
if (ownSetup)
  console.warn(
    'Skipping the README examples: .dev.vars sets OPENAI_API_KEY or API_TOKENS, ' +
      'so `npm run dev` is not the no-key setup they document.',
  )

describe('the README', () => {
  it('has curl examples for every route a newcomer tries first', () => {
    const all = examples.join('\n')
    expect(examples.length).toBeGreaterThanOrEqual(5)
    for (const route of [
      '/v1/translations?summary=short',
      'application/json',
      'format=sse',
      '%header{location}',
      '/healthz',
      '/readyz',
      '/v1/usage',
    ])
      expect(all).toContain(route)
  })

  it('documents every field of a result, warnings included', () => {
    for (const field of [
      '`id`',
      '`model`',
      '`source_language`',
      '`index`',
      '`fr`',
      '`en`',
      '`cache`',
      '`warnings`',
      '`summary`',
      '`model_calls`',
      '`input_tokens`',
      '`output_tokens`',
      '`cached_paragraphs`',
      '`created_at`',
    ]) {
      expect(README, field).toContain(field)
    }
  })
})

describe.skipIf(ownSetup)('the README examples, run as printed against `npm run dev`', () => {
  let dev: ChildProcess
  let output = ''
  let port = 0
  const state = mkdtempSync(join(tmpdir(), 'passage-readme-'))

  beforeAll(async () => {
    port = await freePort()
    // `npm run dev -- --port N`, with a KV store of its own.
    dev = spawn(process.execPath, [join(ROOT, 'scripts/dev.ts'), '--port', String(port), '--persist-to', state], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await waitForWorker(`http://127.0.0.1:${port}`, dev)
    expect(output).toContain('using the REPLAY model')
  })

  afterAll(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve))
      dev.kill('SIGTERM')
      const timer = setTimeout(() => dev.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(state, { recursive: true, force: true })
  })

  /** Runs one example in bash from the repository's root; only the port differs from the README. */
  function run(example: string) {
    const script = example.replaceAll('localhost:8787', `localhost:${port}`)
    return spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    })
  }

  for (const [n, example] of examples.entries()) {
    const title = example.split('\n')[0]?.replace(/\s*\\$/, '') ?? ''
    it(`example ${n + 1} works: ${title}`, () => {
      const { status, stdout, stderr } = run(example)
      expect(stderr, 'nothing on stderr: no curl error, no progress meter').toBe('')
      expect(status).toBe(0)
      expect(stdout).not.toContain('/problems/')
      expect(stdout.trim()).not.toBe('')

      if (example.includes('/healthz')) {
        expect(JSON.parse(stdout)).toEqual({ ok: true, version: expect.any(String) })
      } else if (example.includes('/readyz')) {
        expect(JSON.parse(stdout)).toMatchObject({ ready: true, model: 'replay', profile: { name: 'openai-chat' } })
      } else if (example.includes('/v1/usage')) {
        // The examples above it translated articles as this same local caller.
        const report = JSON.parse(stdout) as {
          caller: string
          days: Array<{ day: string }>
          totals: Record<string, number>
        }
        expect(report.caller).toMatch(/^address /)
        expect(report.days).toHaveLength(30)
        expect(report.days.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10))
        expect(report.totals.articles).toBeGreaterThan(0)
        expect(report.totals.model_calls).toBeGreaterThan(0)
      } else if (example.includes('format=sse')) {
        const events = [...stdout.matchAll(/^event: (\w+)$/gm)].map((m) => m[1])
        expect(events[0]).toBe('meta')
        expect(events.filter((e) => e === 'paragraph')).toHaveLength(12)
        expect(events.at(-1)).toBe('done')
      } else if (example.includes('format=md')) {
        expect(stdout).toMatch(/^# /)
        expect(stdout).toContain('## Article')
        expect(stdout).toContain(seed.paragraphs[1]?.en)
      } else if (example.includes('text/html')) {
        const result = JSON.parse(stdout) as {
          paragraphs: Array<{ en: string; role?: string }>
          source: { site: string }
        }
        expect(result.paragraphs.map((p) => p.en)).toEqual(page.paragraphs.map((p) => p.en))
        expect(result.paragraphs[0]?.role).toBe('headline')
        expect(result.source.site).toBe('Le Monde.fr')
      } else {
        const result = JSON.parse(stdout) as {
          id: string
          paragraphs: Array<{ fr: string; en: string }>
          summary: unknown
        }
        expect(result.id).toMatch(/^tr_/)
        for (const p of result.paragraphs) expect(p.en, p.fr).toBe(seed.paragraphs.find((r) => r.fr === p.fr)?.en)
        if (example.includes('"glossary": {"Pékin": "Beijing"}')) {
          expect(result.paragraphs).toHaveLength(1)
          expect(result.paragraphs[0]?.en).toContain('Beijing')
          expect(result.summary).toBeNull()
        } else {
          expect(result.paragraphs).toHaveLength(12)
        }
      }
    })
  }
})
