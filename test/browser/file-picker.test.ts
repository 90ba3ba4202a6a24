import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local.ts'
import { chromiumAvailable } from './chromium.ts'
import { type PageWorker, startPageWorker } from './page-worker.ts'

const available = chromiumAvailable('file-picker')

const SEED = readFileSync(join(ROOT, 'fixtures/articles/seed.fr.txt'), 'utf8')
const seed = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/seed.json'), 'utf8')) as {
  paragraphs: Array<{ fr: string; en: string }>
}

// The seed article's characters above Latin-1, where windows-1252 puts them; the rest of
// Latin-1 is one byte each, as it is.
const WINDOWS_1252: Record<string, number> = { '’': 0x92, '€': 0x80, œ: 0x9c }

function windows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = WINDOWS_1252[char] ?? char.charCodeAt(0)
      if (code > 0xff) throw new Error(`the seed has ${char}, which windows-1252 cannot hold`)
      return code
    }),
  )
}

describe.skipIf(!available)('the reading page’s file picker in Chromium', () => {
  let worker: PageWorker
  let browser: Browser
  let base = ''

  beforeAll(async () => {
    worker = await startPageWorker(0)
    ;({ base, browser } = worker)
  })

  afterAll(async () => {
    await worker?.stop()
  })

  async function pick(name: string, buffer: Buffer): Promise<Page> {
    const page = await browser.newPage()
    await page.goto(`${base}/`)
    await page.setInputFiles('#file', { name, mimeType: 'text/plain', buffer })
    await page.waitForFunction(() => (document.querySelector('#article') as HTMLTextAreaElement).value !== '')
    return page
  }

  it('reads a windows-1252 file as such, then translates it', async () => {
    const page = await pick('article-windows.txt', windows1252(SEED))
    const text = await page.inputValue('#article')
    expect(text).not.toContain('\ufffd')
    expect(text).toBe(SEED)
    await page.click('button[type=submit]')
    await page.waitForSelector('.toolbar:not([hidden])', { timeout: 30_000 })
    const french = await page.$$eval('.pair .fr', (ps) => ps.map((p) => p.textContent))
    expect(french).toEqual(seed.paragraphs.map((p) => p.fr))
    await page.close()
  })

  it('reads a UTF-8 file as UTF-8', async () => {
    const page = await pick('article.txt', Buffer.from(SEED, 'utf8'))
    expect(await page.inputValue('#article')).toBe(SEED)
    await page.close()
  })
})
