import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, ROOT } from '../../scripts/local.ts'
import { chromiumAvailable } from './chromium.ts'
import { ARTIFACTS, type PageWorker, startPageWorker } from './page-worker.ts'

const available = chromiumAvailable('edition')

const recording = JSON.parse(readFileSync(join(ROOT, 'fixtures/recordings/lemonde-trains-de-nuit.json'), 'utf8')) as {
  paragraphs: Array<{ fr: string; en: string }>
  summaries: Record<
    string,
    { en: string; fr: string; key_points: Array<{ en: string; fr: string; paragraphs: number[] }> }
  >
}
const PAGE = readFileSync(join(ROOT, 'fixtures/pages/lemonde-trains-de-nuit.html'), 'utf8')
// `UPDATE_DOCS_SCREENSHOT=1 npm run test:browser` regenerates the README's screenshots.
const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: join(ARTIFACTS, name) })
  if (process.env.UPDATE_DOCS_SCREENSHOT) await page.screenshot({ path: join(ROOT, 'docs', name) })
}

describe.skipIf(!available)('a bilingual edition from a link, in Chromium', () => {
  let site: Server
  let worker: PageWorker
  let browser: Browser
  let base = ''
  let siteBase = ''

  beforeAll(async () => {
    // A news site on this machine: the article, and a page that is gone.
    const sitePort = await freePort()
    siteBase = `http://127.0.0.1:${sitePort}`
    site = createServer((req, res) => {
      if (req.url === '/economie/trains-de-nuit.html')
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Page introuvable</h1>')
    })
    await new Promise<void>((resolve) => site.listen(sitePort, '127.0.0.1', resolve))
    worker = await startPageWorker(150, { ALLOW_LOCAL_PAGES: 'true' })
    ;({ base, browser } = worker)
  })

  afterAll(async () => {
    await worker?.stop()
    site?.close()
  })

  async function open(
    options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
      colorScheme: options.colorScheme ?? 'light',
    })
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened: ${dialog.message()}`)
    })
    await page.goto(`${base}/`)
    return page
  }

  async function translateLink(page: Page, path = '/economie/trains-de-nuit.html') {
    await page.fill('#url', `${siteBase}${path}`)
    await page.click('button[type=submit]')
    await page.waitForSelector('.masthead .headline:not([hidden])', { timeout: 30_000 })
  }

  it('opens with the headline in both languages, the source, the date and who translated it', async () => {
    const page = await open()
    await translateLink(page)
    expect(await page.textContent('h1 .headline-en')).toBe(recording.paragraphs[0]?.en)
    expect(await page.textContent('h1 .headline-fr')).toBe(recording.paragraphs[0]?.fr)
    expect(await page.$$eval('h1', (hs) => hs.length)).toBe(1)
    expect(await page.textContent('.masthead .site')).toBe('Le Monde.fr')
    expect(await page.textContent('.masthead .published')).toBe('24 November 2026')
    expect(await page.textContent('.masthead .byline')).toBe('Camille Dupont')
    expect(await page.textContent('.masthead .checked')).toMatch(
      /^Machine-translated from French by \S+; all 7 paragraphs checked against the French\.$/,
    )
    // The standfirst is set apart, and the body follows in pairs.
    expect(await page.$eval('.pair.standfirst .en', (p) => getComputedStyle(p).fontWeight)).toBe('600')
    expect(await page.textContent('.pair.standfirst .en')).toBe(recording.paragraphs[1]?.en)
    expect(await page.textContent('.summary [lang=en] > p')).toBe(recording.summaries.standard?.en)
    expect(await page.title()).toBe(`${recording.paragraphs[0]?.en} — passage`)
    await shoot(page, 'edition-desktop.png')
    await page.close()
  })

  it('lists key points in both languages; a citation jumps to and marks its paragraph, address kept', async () => {
    const page = await open()
    await translateLink(page)
    const points = recording.summaries.standard?.key_points ?? []
    const english = await page.$$eval('.summary [lang=en] .key-points li', (items) =>
      items.map((li) => li.firstChild?.textContent?.trim()),
    )
    expect(english).toEqual(points.map((p) => p.en))
    const french = await page.$$eval('.summary [lang=fr] .key-points li', (items) =>
      items.map((li) => li.firstChild?.textContent?.trim()),
    )
    // Set as French typography sets figures: a narrow no-break space inside them and before their unit.
    expect(french.map((text) => text?.replaceAll('\u202f', ' '))).toEqual(points.map((p) => p.fr))
    expect(french.join('')).toMatch(/\d\u202f(\d{3}|%|€)/)
    expect(french.join('')).not.toMatch(/\d (\d{3}\b|%|€)/)
    const address = page.url()
    // The third point cites paragraph index 3 (shown as ¶4).
    await page.click('.summary [lang=en] .key-points li:nth-child(3) a.cite')
    const marked = await page.$$eval('.pair.cited', (rows) => rows.map((row) => (row as HTMLElement).dataset.index))
    expect(marked).toEqual(['3'])
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index)).toBe('3')
    const top = await page.$eval('.pair.cited', (row) => row.getBoundingClientRect().top)
    expect(top).toBeGreaterThanOrEqual(0)
    expect(top).toBeLessThan(800)
    expect(page.url()).toBe(address)
    await page.close()
  })

  it('moves the reader to the result: in view, focused, summary above the fold, form folded to a line', async () => {
    const page = await open()
    await translateLink(page)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('masthead'))).toBe(true)
    const { masthead, summary, height } = await page.evaluate(() => ({
      masthead: (document.querySelector('.masthead') as HTMLElement).getBoundingClientRect().top,
      summary: (document.querySelector('.summary') as HTMLElement).getBoundingClientRect().top,
      height: innerHeight,
    }))
    expect(masthead).toBeGreaterThanOrEqual(0)
    expect(masthead).toBeLessThan(height / 3)
    expect(summary).toBeLessThan(height)
    expect(await page.isVisible('#article')).toBe(false)
    expect(await page.isVisible('#edit-form')).toBe(true)
    await page.click('#edit-form')
    expect(await page.isVisible('#article')).toBe(true)
    await page.close()
  })

  it('announces progress to screen readers', async () => {
    const page = await open()
    expect(await page.getAttribute('#progress-text', 'aria-live')).toBe('polite')
    expect(await page.getAttribute('#error', 'role')).toBe('alert')
    await page.close()
  })

  it('keeps the /#tr_… address: a reload and a copied address open the same edition', async () => {
    const page = await open()
    await translateLink(page)
    const address = page.url()
    expect(address).toMatch(/\/#tr_[A-Za-z0-9_-]{26}$/)
    await page.reload()
    await page.waitForSelector('.masthead .headline:not([hidden])')
    expect(await page.$$eval('.pair .en', (ps) => ps.map((p) => p.textContent))).toEqual(
      recording.paragraphs.map((p) => p.en),
    )
    await page.close()

    const colleague = await browser.newPage()
    await colleague.goto(address)
    await colleague.waitForSelector('.masthead .headline:not([hidden])')
    expect(await colleague.textContent('h1 .headline-en')).toBe(recording.paragraphs[0]?.en)
    expect(await colleague.textContent('.summary [lang=en] > p')).toBe(recording.summaries.standard?.en)
    await colleague.close()
  })

  it('shows a failure as a failure, and a new submit clears it', async () => {
    const page = await open()
    await page.fill('#url', `${siteBase}/gone.html`)
    await page.click('button[type=submit]')
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 })
    expect(await page.textContent('#error')).toMatch(/answered 404/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error')
    expect(await page.isVisible('#progress')).toBe(false)
    expect(await page.$$eval('.pair .en.pending', (rows) => rows.length)).toBe(0)
    expect(await page.isVisible('#result')).toBe(false)

    await translateLink(page)
    expect(await page.isVisible('#error')).toBe(false)
    expect(await page.$$eval('.pair', (rows) => rows.length)).toBe(7)
    await page.close()
  })

  it('reads well on a phone: no sideways scroll, the headline at the top of the screen', async () => {
    const page = await open({ width: 390, height: 844 })
    await translateLink(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const top = await page.$eval('.masthead', (m) => m.getBoundingClientRect().top)
    expect(top).toBeGreaterThanOrEqual(0)
    expect(top).toBeLessThan(200)
    await shoot(page, 'edition-phone.png')
    await page.close()
  })

  it('has a dark theme when the system asks for one', async () => {
    const page = await open({ colorScheme: 'dark' })
    await translateLink(page)
    const [background, ink] = await page.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.documentElement).color,
    ])
    expect(background).toBe('rgb(23, 24, 26)')
    expect(ink).toBe('rgb(232, 230, 227)')
    await shoot(page, 'edition-dark.png')
    await page.close()
  })

  it('prints the edition alone: no form, toolbar or progress', async () => {
    const page = await open()
    await translateLink(page)
    await page.emulateMedia({ media: 'print' })
    for (const selector of ['#translate-form', '.toolbar', 'body > header', 'footer'])
      expect(await page.isVisible(selector), selector).toBe(false)
    expect(await page.isVisible('.masthead .headline')).toBe(true)
    expect(await page.isVisible('.pair.standfirst .en')).toBe(true)
    await page.close()
  })

  it('keeps lines to a readable measure, English only included, and styles the file picker', async () => {
    const page = await open({ width: 1600, height: 900 })
    await translateLink(page)
    await page.check('#english-only')
    const widths = await page.$$eval('.pair .en, .summary p, .masthead .headline', (els) =>
      els.filter((e) => (e as HTMLElement).offsetParent).map((e) => e.getBoundingClientRect().width),
    )
    // 38rem of a 17px font: about 75 characters a line.
    for (const width of widths) expect(width).toBeLessThanOrEqual(38 * 17 + 1)
    await page.click('#edit-form')
    const button = await page.$eval('#file', (input) => getComputedStyle(input, '::file-selector-button').borderRadius)
    expect(button).toBe('8px')
    await page.close()
  })

  it('shows where keyboard focus is, everywhere', async () => {
    const page = await open()
    await page.keyboard.press('Tab')
    for (let i = 0; i < 6; i++) {
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        const style = getComputedStyle(el)
        return { tag: el.tagName, width: Number.parseFloat(style.outlineWidth), style: style.outlineStyle }
      })
      expect(outline.style, outline.tag).not.toBe('none')
      expect(outline.width, outline.tag).toBeGreaterThanOrEqual(3)
      await page.keyboard.press('Tab')
    }
    await page.close()
  })
})
