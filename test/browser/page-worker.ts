/** What every page test runs against: the replay model, the worker under wrangler dev, Chromium. */

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startReplayServer } from '../../replay/server.ts'
import { freePort, ROOT, startWrangler, stopProcess, waitForWorker } from '../../scripts/local.ts'
import { launchChromium } from './chromium.ts'

export const ARTIFACTS = join(ROOT, 'test-results')

export interface PageWorker {
  /** The worker's address, like http://127.0.0.1:8787. */
  base: string
  browser: Browser
  stop(): Promise<void>
}

/**
 * Starts the replay model (each answer after `replayDelayMs`, so progress can be seen), the
 * worker on a free port with its own local storage and `vars` over the replay settings
 * (AUTH_DISABLED, two calls at once), and Chromium.
 */
export async function startPageWorker(replayDelayMs: number, vars: Record<string, string> = {}): Promise<PageWorker> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const state = mkdtempSync(join(tmpdir(), 'passage-page-'))
  const replayPort = await freePort()
  const replay = await startReplayServer(replayPort, replayDelayMs)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const wrangler = startWrangler(
    port,
    {
      OPENAI_API_KEY: 'replay',
      OPENAI_BASE_URL: `http://127.0.0.1:${replayPort}/v1`,
      AUTH_DISABLED: 'true',
      MODEL_CONCURRENCY: '2',
      ...vars,
    },
    ['--persist-to', state],
    'pipe',
  )
  await waitForWorker(base, wrangler)
  const browser = await launchChromium()
  return {
    base,
    browser,
    async stop() {
      await browser.close()
      stopProcess(wrangler)
      replay.close()
      rmSync(state, { recursive: true, force: true })
    },
  }
}
