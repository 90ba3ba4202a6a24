import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const run = promisify(execFile)

/** Runs `npm run check-model`'s script with these settings in the shell (and no .dev.vars key). */
async function checkModel(settings: Record<string, string>): Promise<{ code: number; out: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...settings }
  try {
    const { stdout } = await run(process.execPath, [join(ROOT, 'scripts', 'check-model.ts'), '--no-dev-vars'], {
      cwd: ROOT,
      env,
    })
    return { code: 0, out: stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, out: failed.stdout }
  }
}

describe('npm run check-model', () => {
  it('passes against the replay model, and says which profile and fields it used', async () => {
    const { code, out } = await checkModel({})
    expect(code).toBe(0)
    expect(out).toMatch(/REPLAY model/)
    expect(out).toMatch(/^profile {4}openai-chat/m)
    expect(out).toMatch(/^fields {5}max_completion_tokens \d+, temperature 0, response_format json_schema/m)
    expect(out).toMatch(/^structured json_schema: the answer matched the schema/m)
    expect(out).toMatch(/^tokens .*estimates/m)
    expect(out).toMatch(/^OK /m)
  })

  it('explains a refused field, corrects it, and still passes', async () => {
    const { code, out } = await checkModel({ MODEL: 'gpt-5.4-mini', MODEL_PROFILE: 'openai-chat' })
    expect(code).toBe(0)
    expect(out).toMatch(/^corrected .*refused temperature for gpt-5\.4-mini \(unsupported_value\)/m)
    expect(out).toMatch(/2 requests \(400 → 200\)/)
  })

  it('names the setting to change when the endpoint refuses the request', async () => {
    const { code, out } = await checkModel({ MODEL: 'gpt-nope' })
    expect(code).toBe(1)
    expect(out).toMatch(/^FAIL .*does not serve the model "gpt-nope".*Set MODEL/m)
  })

  it('names OPENAI_BASE_URL and the host when the endpoint cannot be reached', async () => {
    const { code, out } = await checkModel({
      OPENAI_API_KEY: 'sk-placeholder',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      MODEL: 'gpt-5.4-mini',
    })
    expect(code).toBe(1)
    expect(out).toMatch(/^FAIL {2}127\.0\.0\.1:9 could not be reached\. Check OPENAI_BASE_URL/m)
    expect(out).not.toContain('sk-placeholder')
  })
})
