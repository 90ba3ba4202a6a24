import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

// Tests run inside workerd with Miniflare's real KV. The model's HTTP API is the only
// fake: msw answers https://model.test/v1 (see test/setup.ts).
const EXPECTED_LOG_LINES = [
  /^[\w-]+: translation requested by \S.*$/,
  new RegExp(
    '^model: (attempt \\d+ failed|giving up on|accepting |no second opinion on |\\S+ refused \\w+ for |' +
      '\\S+ answered \\S+ with text that is not JSON)',
  ),
  new RegExp(
    '^cache: ((KV|D1) (read|write) (failed|timed out)|ignoring an invalid |' +
      '\\d+ paragraph translations were not stored|the summary was not stored|the result \\S+ was not stored)',
  ),
  /^rate limit: /,
  new RegExp(
    '^[\\w-]+: (model-failed|model-refused-request|model-not-configured|model-quota-exhausted|deadline-exceeded|' +
      'invalid-configuration|auth-not-configured|id-secret-not-configured|page-fetch-failed): ',
  ),
]

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          // Applied to the D1 database by test/setup.ts.
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          OPENAI_API_KEY: 'sk-test-key',
          OPENAI_BASE_URL: 'https://model.test/v1',
          ID_SECRET: 'test-id-secret',
          API_TOKENS: 'test-token-1, test-token-2',
          RETRY_BASE_DELAY_MS: '5',
        },
        // Generous for the suite; the rate-limit tests swap in the strict one.
        ratelimits: {
          RATE_LIMITER: { namespace_id: '1001', simple: { limit: 10_000, period: 60 } },
          STRICT_RATE_LIMITER: { namespace_id: '1002', simple: { limit: 2, period: 60 } },
        },
      },
    })),
  ],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
    // The worker logs every request's caller, each retry, each cache fault and each 5xx, as
    // it should in production. In tests those lines are expected (the tests that are about
    // a line assert it with a spy), so a passing run prints only the summary; any other
    // console output still shows.
    onConsoleLog: (log) =>
      !log
        .trimEnd()
        .split('\n')
        .every((line) => EXPECTED_LOG_LINES.some((pattern) => pattern.test(line))),
    // CI also writes a JSON report, summed by .ci/run into one closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/workers.json' }]] : ['default'],
  },
})
