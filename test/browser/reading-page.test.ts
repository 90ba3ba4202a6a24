import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../scripts/local.ts'
import { chromiumAvailable } from './chromium.ts'
import { ARTIFACTS, type PageWorker, startPageWorker } from './page-worker.ts'

const available = chromiumAvailable('reading-page')

const SEED = readFileSync(join(ROOT, 'fixtures/articles/seed.fr.txt'), 'utf8')
const seed = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/seed.json'), 'utf8')) as {
  paragraphs: Array<{ fr: string; en: string }>
  summaries: Record<string, { en: string; fr: string }>
}
const HTML_ARTICLE = readFileSync(join(ROOT, 'fixtures/articles/html-in-text.fr.txt'), 'utf8')

describe.skipIf(!available)('the reading page in Chromium', () => {
  let worker: PageWorker
  let browser: Browser
  let base = ''

  beforeAll(async () => {
    // Each model call takes a moment, so progress can be seen moving.
    worker = await startPageWorker(300, { MIN_BATCH_TOKENS: '150', BATCH_MAX_TOKENS: '150' })
    ;({ base, browser } = worker)
  })

  afterAll(async () => {
    await worker?.stop()
  })

  async function open(width = 1280, height = 900): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } })
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`)
    })
    await page.goto(`${base}/`)
    return page
  }

  async function translate(page: Page, text: string) {
    await page.fill('#article', text)
    // Record every progress label the page shows while the stream comes in.
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
      const label = document.querySelector('#progress-text') as HTMLElement
      new MutationObserver(() => seen.push(label.textContent ?? '')).observe(label, {
        childList: true,
        characterData: true,
        subtree: true,
      })
    })
    await page.click('button[type=submit]')
    await page.waitForSelector('.toolbar:not([hidden])', { timeout: 30_000 })
  }

  it('streams the seed article into 12 aligned pairs and both summaries, with moving progress', async () => {
    const page = await open()
    await translate(page, SEED)

    const progress = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
    expect(progress.at(-1)).toBe('12 / 12 paragraphs')
    const partial = progress.map((p) => Number(/^(\d+) \//.exec(p)?.[1])).filter((n) => n > 0 && n < 12)
    expect(partial.length).toBeGreaterThan(0)

    const pairs = await page.$$eval('.pair', (rows) =>
      rows.map((row) => [row.querySelector('.fr')?.textContent, row.querySelector('.en')?.textContent]),
    )
    expect(pairs).toEqual(seed.paragraphs.map((p) => [p.fr, p.en]))
    expect(await page.textContent('.summary [lang=en] p')).toBe(seed.summaries.standard?.en)
    expect(await page.textContent('.summary [lang=fr] p')).toBe(seed.summaries.standard?.fr)
    // French and English side by side: same row, French on the left.
    const [fr, en] = await page.$$eval('.pair:first-child p', (ps) =>
      ps.map((p) => p.getBoundingClientRect().toJSON() as DOMRect),
    )
    expect(Math.abs((fr as DOMRect).top - (en as DOMRect).top)).toBeLessThan(2)
    expect((fr as DOMRect).left).toBeLessThan((en as DOMRect).left)

    await page.screenshot({ path: join(ARTIFACTS, 'reading-page.png'), fullPage: true })
    if (process.env.UPDATE_DOCS_SCREENSHOT) await page.screenshot({ path: join(ROOT, 'docs/reading-page.png') })

    await page.check('#english-only')
    expect(await page.isVisible('.pair .fr')).toBe(false)
    expect(await page.isVisible('.pair .en')).toBe(true)

    // The shareable link shows the same result.
    await page.click('.share')
    await page.waitForURL(/\/v1\/translations\/tr_/)
    expect(await page.$$eval('.pair .en', (ps) => ps.map((p) => p.textContent))).toEqual(
      seed.paragraphs.map((p) => p.en),
    )
    expect(await page.textContent('.summary [lang=en] p')).toBe(seed.summaries.standard?.en)
    await page.close()
  })

  it('shows HTML inside an article as text and never runs it', async () => {
    const page = await open()
    await translate(page, HTML_ARTICLE)
    expect(await page.textContent('.pair:first-child .fr')).toContain(
      "<script>window.__pwned = true; alert('piraté')</script>",
    )
    expect(await page.textContent('.pair:nth-child(2) .en')).toContain('<img src=x onerror="window.__pwned = true">')
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined()
    expect(await page.$$('.pairs img, .pairs script')).toHaveLength(0)

    await page.click('.share')
    await page.waitForURL(/\/v1\/translations\/tr_/)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined()
    expect(await page.$$('.pairs img, .pairs script')).toHaveLength(0)
    await page.close()
  })

  it('marks the paragraphs that could not be translated, and keeps the others', async () => {
    const page = await open()
    // The replay model has no recording for this last paragraph: its batch fails.
    await page.fill('#article', `${SEED.trim()}\nUn dernier paragraphe qu’aucun enregistrement ne connaît encore.`)
    await page.click('button[type=submit]')
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 })
    await page.waitForSelector('.pair[data-index="12"] .en.missing')
    const rows = await page.$$eval('.pair', (list) =>
      list.map((row) => ({
        en: row.querySelector('.en')?.textContent,
        missing: row.querySelector('.en')?.classList.contains('missing'),
      })),
    )
    expect(rows).toHaveLength(13)
    expect(rows.some((row) => row.en === 'Translating…')).toBe(false)
    rows.forEach((row, i) => {
      if (row.missing) expect(row.en).toMatch(/^Not translated: translate again/)
      else expect(row.en).toBe(seed.paragraphs[i]?.en)
    })
    expect(rows.filter((row) => !row.missing).length).toBeGreaterThan(0)
    // The masthead no longer says the translation is under way.
    const line = await page.textContent('.masthead .checked')
    expect(line).not.toMatch(/^Translating/)
    const done = rows.filter((row) => !row.missing).length
    expect(line).toMatch(
      new RegExp(`^${done} of 13 paragraphs translated from French with .+ before the translation stopped`),
    )
    // The French of a paragraph left untranslated is shown beside its mark, as the others are.
    expect(await page.textContent('.pair[data-index="12"] .fr')).toBe(
      'Un dernier paragraphe qu’aucun enregistrement ne connaît encore.',
    )
    await page.close()
  })

  it('is readable at phone width', async () => {
    const page = await open(390, 844)
    await translate(page, SEED)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const [fr, en] = await page.$$eval('.pair:first-child p', (ps) =>
      ps.map((p) => p.getBoundingClientRect().toJSON() as DOMRect),
    )
    expect((en as DOMRect).top).toBeGreaterThan((fr as DOMRect).top)
    await page.screenshot({ path: join(ARTIFACTS, 'reading-page-phone.png'), fullPage: false })
    await page.close()
  })

  it('copies the English text and the Markdown', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await translate(page, SEED)
    await page.click('[data-copy=english]')
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(seed.paragraphs.map((p) => p.en).join('\n\n'))
    await page.click('[data-copy=markdown]')
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^# Article translated from French\n[\s\S]*## Summary[\s\S]*## Résumé/)
    await context.close()
  })

  it('keeps the API token in the browser and sends it', async () => {
    const page = await open()
    await page.fill('#token', 'my-secret-token')
    await page.dispatchEvent('#token', 'change')
    await page.reload()
    expect(await page.inputValue('#token')).toBe('my-secret-token')
    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/v1/translations') && request.method() === 'POST',
    )
    await page.fill('#article', SEED)
    await page.click('button[type=submit]')
    expect((await sent).headers().authorization).toBe('Bearer my-secret-token')
    await page.close()
  })

  // Last: it spends this address's budget. The Workers rate-limiting binding, simulated
  // by wrangler dev, allows 20 translation requests a minute (wrangler.toml).
  it('shows the usage of the caller it translates for, counts a new one, hides it when the call fails', async () => {
    const page = await open()
    await page.waitForSelector('#usage:not([hidden])')
    expect(await page.textContent('#usage h2')).toBe('Your usage, last 30 days')
    const articles = async () =>
      Number(/^([\d,]+) articles?,/.exec((await page.textContent('#usage-totals')) ?? '')?.[1]?.replace(/,/g, ''))
    const before = await articles()
    expect(before).toBeGreaterThanOrEqual(0)

    await translate(page, SEED)
    await page.waitForFunction(
      (n) => document.querySelector('#usage-totals')?.textContent?.startsWith(`${n} article`),
      before + 1,
    )
    // Today's row in the table: the seed again, served whole from the cache or translated.
    const today = new Date().toISOString().slice(0, 10)
    expect(await page.textContent('#usage-days tbody tr:first-child td:first-child')).toBe(today)
    await page.close()

    // Shown, then a token the service refuses: the section goes away.
    const failing = await open()
    await failing.waitForSelector('#usage:not([hidden])')
    await failing.route('**/v1/usage', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: '{"type":"/problems/unauthorized","status":401}',
      }),
    )
    const refused = failing.waitForResponse('**/v1/usage')
    await failing.fill('#token', 'tok_nobody')
    await failing.dispatchEvent('#token', 'change')
    expect((await refused).status()).toBe(401)
    await failing.waitForSelector('#usage', { state: 'hidden' })
    await failing.close()
  })

  it('rate-limits translation requests under wrangler dev, with Retry-After', async () => {
    const statuses: number[] = []
    let limited: Response | undefined
    // Enough requests that a window reset in the middle of the burst still leaves 21 in one window.
    // Each a different article (a run of the seed's paragraphs): a repeated one is served
    // from the cache and does not count against the limit.
    const lines = SEED.trim().split('\n')
    const runs = lines.flatMap((_, start) =>
      lines.slice(start).map((__, length) => lines.slice(start, start + length + 1).join('\n')),
    )
    for (let i = 0; i < 50 && !limited; i++) {
      const body = JSON.stringify({ text: runs[i], summary: 'none' })
      const res = await fetch(`${base}/v1/translations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      statuses.push(res.status)
      if (res.status === 429) limited = res
      else await res.text()
    }
    expect(limited?.headers.get('retry-after')).toBe('60')
    expect(await limited?.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 })
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0)
  })
})
