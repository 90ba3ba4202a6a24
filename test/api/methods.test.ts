import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/openapi'
import { AUTH, BASE, expectProblem } from '../support/api'

function send(method: string, path: string): Promise<Response> {
  return exports.default.fetch(`${BASE}${path}`, { method, headers: AUTH })
}

describe('a known route asked with the wrong method', () => {
  it('answers PUT and GET /v1/translations with 405, allowing POST', async () => {
    for (const method of ['PUT', 'GET']) {
      const res = await send(method, '/v1/translations')
      const problem = await expectProblem(res, 405, 'method-not-allowed')
      expect(res.headers.get('allow')).toBe('POST, OPTIONS')
      expect(problem.detail).toMatch(new RegExp(`/v1/translations does not take ${method}`))
    }
  })

  it('answers 405 on every route of the API, its Allow header listing the methods documented for it', async () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>
    expect(Object.keys(paths).length).toBeGreaterThan(5)
    for (const [template, operations] of Object.entries(paths)) {
      const path = template.replace('{id}', 'tr_Xq3vB9kLm2Pz7RtY0aWc4dEf8g')
      const documented = Object.keys(operations).map((m) => m.toUpperCase())
      const res = await send('PATCH', path)
      await expectProblem(res, 405, 'method-not-allowed')
      const allowed = res.headers.get('allow')?.split(', ') ?? []
      expect(allowed, template).toEqual(expect.arrayContaining([...documented, 'OPTIONS']))
      expect(
        allowed.filter((m) => !documented.includes(m) && m !== 'OPTIONS' && m !== 'HEAD'),
        template,
      ).toEqual([])
    }
  })

  it('still answers an unknown path with 404, whatever the method', async () => {
    await expectProblem(await send('PUT', '/v1/nothing'), 404, 'not-found')
    await expectProblem(await send('GET', '/v1/translations/tr_x/more'), 404, 'not-found')
    await expectProblem(await send('DELETE', '/v2/translations'), 404, 'not-found')
  })

  it('takes a path with a trailing slash as the same route, for every method it documents', async () => {
    const usage = await send('GET', '/v1/usage/')
    expect(usage.status).toBe(200)
    const res = await exports.default.fetch(`${BASE}/v1/translations/?summary=none`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'text/plain; charset=utf-8' },
      body: '',
    })
    // The route itself answers: an empty article, not a 405 that lists POST as allowed.
    await expectProblem(res, 422, 'unprocessable-article')
    await expectProblem(await send('GET', '/v1/translations/tr_Xq3vB9kLm2Pz7RtY0aWc4dEf8g/'), 404, 'not-found')
    await expectProblem(await send('PUT', '/v1/translations/'), 405, 'method-not-allowed')
  })

  it('repeats a long id or path in its problem only cut short', async () => {
    const id = `tr_${'A'.repeat(5000)}`
    for (const [method, path] of [
      ['GET', `/v1/translations/${id}`],
      ['GET', `/v1/${'x'.repeat(5000)}`],
      ['PATCH', `/v1/translations/${id}`],
    ] as const) {
      const res = await send(method, path)
      const problem = (await res.json()) as { detail: string }
      expect([404, 405]).toContain(res.status)
      expect(problem.detail).toMatch(/AAAA…|xxxx…/)
      expect(problem.detail.length).toBeLessThan(600)
    }
  })
})
