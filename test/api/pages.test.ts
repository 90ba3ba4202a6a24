import { describe, expect, it } from 'vitest'
import seed from '../../fixtures/recordings/seed.json'
import { TranslationResult } from '../../src/schemas/response'
import { get, postTranslation, SEED_TEXT } from '../support/api'
import { translationAnswer, useFakeModel } from '../support/fake-model'

const HTML = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

describe('the reading page', () => {
  it('serves the form, its script and its stylesheet, under a strict CSP', async () => {
    const page = await get('/', HTML)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    const html = await page.text()
    expect(html).toMatch(/^<!doctype html>/)
    for (const id of ['translate-form', 'article', 'file', 'summary', 'token', 'progress-bar', 'result'])
      expect(html).toContain(`id="${id}"`)
    expect(html).not.toMatch(/<script>(?!<\/script>)/)
    expect(html).toContain('name="viewport"')

    const script = await get('/assets/reader.js')
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(await script.text()).toContain('text/event-stream')
    const css = await get('/assets/reader.css')
    expect(css.headers.get('content-type')).toMatch(/^text\/css/)
    expect(await css.text()).toContain('@media (max-width: 700px)')
  })

  it('shows a stored result at its shareable link: summary, then French | English pairs', async () => {
    useFakeModel()
    const { id } = TranslationResult.parse(await (await postTranslation({ text: SEED_TEXT })).json())
    const page = await get(`/v1/translations/${id}`, HTML)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain(seed.summaries.standard.en.replace(/’/g, '’'))
    expect(html.match(/<li class="pair"/g)).toHaveLength(12)
    expect(html).toContain('Beijing has backed Moscow politically')
    expect(html).toContain(`href="/v1/translations/${id}"`)
  })

  it('escapes article text: a <script> in the article is shown, never run', async () => {
    useFakeModel()
    const text =
      'Le ministre a écrit <script>alert("piraté")</script> dans un message publié mardi.\n' +
      'Puis <img src=x onerror=alert(1)> il a démenti.'
    const { id } = TranslationResult.parse(await (await postTranslation({ text, summary: 'none' })).json())
    const html = await (await get(`/v1/translations/${id}`, HTML)).text()
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(&quot;piraté&quot;)&lt;/script&gt;')
  })

  it('renders Markdown as a document: title, both summaries, then the pairs', async () => {
    useFakeModel({
      override: (call) =>
        call.kind === 'translation' && call.texts.includes('Poutine en Chine')
          ? translationAnswer(call, (_id, fr) =>
              fr === 'Poutine en Chine' ? 'Putin in China' : (seed.paragraphs.find((p) => p.fr === fr)?.en ?? ''),
            )
          : undefined,
    })
    const res = await postTranslation({ text: `Poutine en Chine\n${SEED_TEXT}` }, { query: '?format=md' })
    const md = await res.text()
    const lines = md.split('\n')
    expect(lines[0]).toBe('# Putin in China')
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## Résumé'))
    expect(md.indexOf('## Résumé')).toBeLessThan(md.indexOf('## Article'))
    expect(md).toContain(`> ${seed.paragraphs[5]?.fr}\n\n${seed.paragraphs[5]?.en}`)
  })
})
