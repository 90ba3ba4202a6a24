import { describe, expect, it, vi } from 'vitest'
import { AUTH, expectProblem, fetchWithEnv, jsonPost, SEED_TEXT } from '../support/api'

const TWO_INVALID = { MODEL_CONCURRENCY: 'lots', CACHE_TTL_SECONDS: '5' }

describe('a deployment with several invalid settings', () => {
  it('lists each of them in /readyz, with what is wrong', async () => {
    const problem = await expectProblem(await fetchWithEnv(TWO_INVALID, '/readyz'), 503, 'not-ready')
    expect(problem.reasons).toEqual([
      { setting: 'CACHE_TTL_SECONDS', message: expect.stringMatching(/^CACHE_TTL_SECONDS must be at least 60\. /) },
      { setting: 'MODEL_CONCURRENCY', message: expect.stringMatching(/^MODEL_CONCURRENCY must be a whole number\. /) },
    ])
  })

  it('names each of them in the 500 a translation request gets', async () => {
    const res = await fetchWithEnv(TWO_INVALID, '/v1/translations', jsonPost({ text: SEED_TEXT }, AUTH))
    const problem = await expectProblem(res, 500, 'invalid-configuration')
    expect(problem.setting).toBe('CACHE_TTL_SECONDS')
    expect(problem.detail).toMatch(/^2 settings are invalid: CACHE_TTL_SECONDS \(.*\); MODEL_CONCURRENCY \(/)
  })

  it('names an old setting name by the name the deployment used', async () => {
    // The old name's rename warning (once per isolate) is not what this test reads.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const problem = await expectProblem(
      await fetchWithEnv({ BATCH_TOKEN_BUDGET: 'big', MAX_RETRIES: '99' }, '/readyz'),
      503,
      'not-ready',
    )
    expect((problem.reasons as Array<{ setting: string }>).map((r) => r.setting)).toEqual([
      'MAX_RETRIES',
      'BATCH_TOKEN_BUDGET',
    ])
    warn.mockRestore()
  })
})
