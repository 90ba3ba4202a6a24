/** Debian's Chromium, driven by playwright-core, for the page tests. */

import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/**
 * Whether the page tests can run. In CI a missing Chromium is an error (`.ci/run`
 * installs Debian's package); elsewhere the suite is skipped with a word saying why.
 */
export function chromiumAvailable(suite: string): boolean {
  const available = existsSync(CHROMIUM)
  if (!available && process.env.CI)
    throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`)
  if (!available) console.warn(`Skipping the ${suite} test: ${CHROMIUM} is missing (apt-get install chromium).`)
  return available
}

/** Chromium headless, without the background traffic this machine's closed network refuses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
