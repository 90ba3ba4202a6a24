import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { expectProblem, postTranslation, SEED_PARAGRAPHS } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { server } from '../support/model-server'

const BEIJING = SEED_PARAGRAPHS[4] as string

describe('what a bad request is told', () => {
  it('says to send either text or url, not both', async () => {
    const model = useFakeModel()
    const problem = await expectProblem(
      await postTranslation({ text: BEIJING, url: 'https://www.lemonde.fr/article.html' }),
      400,
      'invalid-request',
    )
    expect(problem.errors).toEqual([
      { path: 'url', message: 'send either `text` (the article) or `url` (a link to it), not both' },
    ])
    expect(model.calls).toHaveLength(0)
  })

  it('says that text or url is required when the body has neither', async () => {
    useFakeModel()
    const problem = await expectProblem(await postTranslation({ summary: 'none' }), 400, 'invalid-request')
    expect(problem.errors).toEqual([
      { path: 'text', message: 'send `text` (the French article) or `url` (a link to it)' },
    ])
  })

  it('still says text must be a string when it is not one', async () => {
    useFakeModel()
    const problem = await expectProblem(await postTranslation({ text: 42 }), 400, 'invalid-request')
    expect(problem.errors).toEqual([{ path: 'text', message: 'text must be a string: the French article' }])
  })

  it('says in its own words that a page could not be reached, not the runtime’s', async () => {
    useFakeModel()
    const link = 'https://www.lemonde.fr/international/article/2026/11/24/unreachable.html'
    server.use(http.get(link, () => HttpResponse.error()))
    const problem = await expectProblem(await postTranslation({ url: link }), 502, 'page-fetch-failed')
    expect(problem.reason).toBe('network')
    expect(problem.detail).toBe(
      `Fetching ${link} failed: the connection failed (the site refused or dropped it, or its name does not ` +
        'resolve). If the page opens in your browser, paste its text (text/plain) or save it and send it as text/html.',
    )
  })
})
