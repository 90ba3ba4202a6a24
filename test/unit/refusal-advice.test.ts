import { describe, expect, it } from 'vitest'
import { ModelRefusedRequestError, type PartialResult } from '../../src/errors'
import { ModelHttpError } from '../../src/model/errors'
import { toFailure } from '../../src/pipeline/failures'

const nothing: PartialResult = { paragraph_count: 2, paragraphs: [], missing_paragraphs: [0, 1] }
const refused = (status: number, code: string) =>
  new ModelHttpError(status, undefined, `the model endpoint answered HTTP ${status}`, { code })

/** The detail of the problem for a request the endpoint refused with this code. */
function adviceFor(status: number, code: string, failing: { paragraphs: boolean; summary: boolean }): string {
  const error = toFailure(
    'gpt-test',
    failing.paragraphs ? [{ paragraphs: [0, 1], error: refused(status, code) }] : [],
    failing.summary ? refused(status, code) : undefined,
    nothing,
  )
  expect(error).toBeInstanceOf(ModelRefusedRequestError)
  return (error as ModelRefusedRequestError).problem.detail
}

describe('advice for a refused request', () => {
  it('tells a replay model’s no_recording to set a key or post the bundled article', () => {
    const detail = adviceFor(422, 'no_recording', { paragraphs: true, summary: false })
    expect(detail).toMatch(/set OPENAI_API_KEY to translate other text, or post a bundled article/)
    expect(detail).not.toMatch(/MODEL_PROFILE/)
  })

  it('tells a context_length_exceeded to lower the batch, or the article for the summary', () => {
    const batch = adviceFor(400, 'context_length_exceeded', { paragraphs: true, summary: false })
    expect(batch).toMatch(/lower BATCH_MAX_TOKENS/)
    expect(batch).not.toMatch(/MAX_ARTICLE_CHARS|MODEL_PROFILE/)
    const summary = adviceFor(400, 'context_length_exceeded', { paragraphs: false, summary: true })
    expect(summary).toMatch(/lower MAX_ARTICLE_CHARS \(the summary reads the whole article\)/)
    expect(summary).not.toMatch(/BATCH_MAX_TOKENS/)
  })

  it('still points at MODEL and MODEL_PROFILE for a code it does not know', () => {
    expect(adviceFor(400, 'unsupported_parameter', { paragraphs: true, summary: true })).toMatch(
      /Check MODEL and MODEL_PROFILE \(npm run check-model shows what is sent\)/,
    )
  })
})
