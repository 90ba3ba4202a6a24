/** Driving the real worker inside workerd. */

import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { expect } from 'vitest'
import app from '../../src/index'
import seedText from '../../fixtures/articles/seed.fr.txt?raw'

export const SEED_TEXT = seedText
export const SEED_PARAGRAPHS = seedText.trim().split('\n')
export const BASE = 'https://passage.test'
export const TOKEN = 'test-token-1'
export const AUTH = { Authorization: `Bearer ${TOKEN}` }

/** POSTs an article as JSON (or any body/headers given) to the deployed-shape worker. */
export function postTranslation(
  body: unknown,
  init: { headers?: Record<string, string>; query?: string } = {},
): Promise<Response> {
  const isText = typeof body === 'string'
  return exports.default.fetch(`${BASE}/v1/translations${init.query ?? ''}`, {
    method: 'POST',
    headers: { 'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...AUTH, ...init.headers },
    body: isText ? body : JSON.stringify(body),
  })
}

export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, { headers })
}

/** The same app with some env values replaced (settings, or a broken KV binding). */
export async function fetchWithEnv(
  overrides: Record<string, unknown>,
  path: string,
  init: RequestInit = {},
  base = BASE,
): Promise<Response> {
  const ctx = createExecutionContext()
  const merged = { ...env, ...overrides } as Env
  for (const [key, value] of Object.entries(overrides))
    if (value === undefined) delete (merged as unknown as Record<string, unknown>)[key]
  const response = await app.fetch(new Request(`${base}${path}`, init), merged, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

export function jsonPost(body: unknown, headers: Record<string, string> = AUTH): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }
}

/** Expects a problem+json answer of this status and type, quoting the request's id; returns its body. */
export async function expectProblem(res: Response, status: number, type: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const problem = (await res.json()) as Record<string, unknown>
  expect(problem).toMatchObject({
    type: `/problems/${type}`,
    status,
    title: expect.any(String),
    detail: expect.any(String),
    request_id: res.headers.get('x-request-id'),
  })
  return problem
}
