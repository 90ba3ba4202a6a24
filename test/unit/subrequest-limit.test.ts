import { describe, expect, it } from 'vitest'
import { ModelFailedError, type PartialResult } from '../../src/errors'
import { SubrequestLimitError } from '../../src/model/errors'
import { createOpenAIClient } from '../../src/model/openai-client'
import { resolveProfile } from '../../src/model/profiles'
import { isRetryable } from '../../src/model/retry-policy'
import { toFailure } from '../../src/pipeline/failures'

const baseURL = 'https://api.openai.com/v1'
const request = {
  system: 'Translate.',
  user: '{"paragraphs":[]}',
  schemaName: 'translation',
  schema: { type: 'object', properties: {}, required: [], additionalProperties: false },
  maxOutputTokens: 100,
}
// workerd's own words when an invocation has used up its subrequests.
const refusingFetch: typeof fetch = () =>
  Promise.reject(new Error('Too many subrequests. Workers can make up to 50 subrequests per request.'))

describe("Cloudflare's limit of subrequests per request", () => {
  it('is told apart from an endpoint that cannot be reached, and not retried', async () => {
    const client = createOpenAIClient({
      apiKey: 'sk-test',
      baseURL,
      model: 'gpt-5.4-mini',
      profile: resolveProfile({ model: 'gpt-5.4-mini', baseURL }),
      fetch: refusingFetch,
      log: () => {},
    })
    const error = await client
      .complete(request, { signal: new AbortController().signal, timeoutMs: 5_000 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SubrequestLimitError)
    expect(isRetryable(error)).toBe(false)
  })

  it('says what to change, keeping what was translated', () => {
    const partial: PartialResult = {
      paragraph_count: 3,
      paragraphs: [{ index: 0, fr: 'Bonjour.', en: 'Hello.', cache: 'miss' }],
      missing_paragraphs: [1, 2],
    }
    const error = new SubrequestLimitError(
      "Cloudflare refused another subrequest: the plan's limit per request is reached",
    )
    const failure = toFailure('gpt-test', [{ paragraphs: [1, 2], error }], undefined, partial)
    expect(failure).toBeInstanceOf(ModelFailedError)
    const { detail, extensions } = (failure as ModelFailedError).problem
    expect(detail).toMatch(/limit of subrequests \(50 a request on the Workers Free plan/)
    expect(detail).toMatch(/raise BATCH_MAX_TOKENS or lower MAX_RETRIES/)
    expect(detail).toMatch(/send the same request again/)
    expect(extensions).toMatchObject({ setting: 'BATCH_MAX_TOKENS', missing_paragraphs: [1, 2] })
  })
})
