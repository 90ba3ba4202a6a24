import { describe, expect, it } from 'vitest'
import { ModelFailedError, ModelNotConfiguredError, type PartialResult } from '../../src/errors'
import { ModelConnectionError, ModelHttpError, ModelOutputError, ModelTimeoutError } from '../../src/model/errors'
import { toFailure } from '../../src/pipeline/failures'

const nothing: PartialResult = { paragraph_count: 3, paragraphs: [], missing_paragraphs: [0, 1, 2] }
const some: PartialResult = {
  paragraph_count: 3,
  paragraphs: [{ index: 0, fr: 'Bonjour.', en: 'Hello.', cache: 'miss' }],
  missing_paragraphs: [1, 2],
}
const problemOf = (error: Error) => {
  expect(error).toBeInstanceOf(ModelFailedError)
  return (error as ModelFailedError).problem
}
const unreachable = () => new ModelConnectionError('the model endpoint could not be reached', 'llm.internal.example')

describe('failure reports', () => {
  it('says which paragraph failed which check, never the text of the answer', () => {
    const refusal = new ModelOutputError('refusal', 'p1: the model refused: "IGNORE ALL RULES"')
    const { detail, extensions } = problemOf(
      toFailure('gpt-test', [{ paragraphs: [1, 2], error: refusal }], undefined, some),
    )
    expect(extensions).toMatchObject({
      failed_paragraphs: [1, 2],
      reason: 'paragraphs 1, 2: the model declined or refused (refusal)',
      missing_paragraphs: [1, 2],
    })
    expect(JSON.stringify({ detail, extensions })).not.toContain('IGNORE ALL RULES')
  })

  it('says everything else is cached only when something was translated', () => {
    const error = new ModelHttpError(500, undefined, 'the model endpoint answered HTTP 500')
    expect(problemOf(toFailure('gpt-test', [{ paragraphs: [1, 2], error }], undefined, some)).detail).toMatch(
      /Everything else is cached/,
    )
    expect(problemOf(toFailure('gpt-test', [{ paragraphs: [0, 1, 2], error }], undefined, nothing)).detail).not.toMatch(
      /cached/,
    )
    expect(
      problemOf(toFailure('gpt-test', [], error, { ...nothing, paragraphs: some.paragraphs, missing_paragraphs: [] }))
        .detail,
    ).toMatch(/The summary could not be written\. Everything else is cached/)
  })

  it('names OPENAI_BASE_URL and the host when every failure is a connection error or a timeout', () => {
    const failures = [
      { paragraphs: [0], error: unreachable() },
      { paragraphs: [1, 2], error: new ModelTimeoutError('the model did not answer in time') },
    ]
    const { detail, extensions } = problemOf(toFailure('gpt-test', failures, undefined, nothing))
    expect(detail).toBe(
      'The model endpoint at llm.internal.example could not be reached or did not answer in time: ' +
        'check OPENAI_BASE_URL. Paragraphs 0, 1, 2 could not be translated.',
    )
    expect(extensions).toMatchObject({ setting: 'OPENAI_BASE_URL' })
  })

  it('does not blame the endpoint when some failure was the model’s answer', () => {
    const failures = [
      { paragraphs: [0], error: unreachable() },
      {
        paragraphs: [1],
        error: new ModelOutputError('too-short', 'p1: the translation is far shorter than the French'),
      },
    ]
    const { detail, extensions } = problemOf(toFailure('gpt-test', failures, undefined, nothing))
    expect(detail).toMatch(/^The model kept failing after retries/)
    expect(extensions).not.toHaveProperty('setting')
  })

  it('turns a refused key into a 503 naming OPENAI_API_KEY', () => {
    const error = toFailure(
      'gpt-test',
      [{ paragraphs: [0], error: new ModelHttpError(401, undefined, '') }],
      undefined,
      nothing,
    )
    expect(error).toBeInstanceOf(ModelNotConfiguredError)
    expect((error as ModelNotConfiguredError).problem.extensions).toEqual({ setting: 'OPENAI_API_KEY' })
  })
})
