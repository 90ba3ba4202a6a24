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
})
