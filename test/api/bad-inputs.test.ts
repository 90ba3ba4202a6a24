import { describe, expect, it } from 'vitest'
import corpus from '../../fixtures/bad-inputs/cases.json'
import binary from '../../fixtures/bad-inputs/binary.bin'
import controlCharacters from '../../fixtures/bad-inputs/control-characters.txt?raw'
import empty from '../../fixtures/bad-inputs/empty.txt?raw'
import english from '../../fixtures/bad-inputs/english.txt?raw'
import htmlScript from '../../fixtures/bad-inputs/html-script.txt?raw'
import invalidJson from '../../fixtures/bad-inputs/invalid.json?raw'
import oneWordLines from '../../fixtures/bad-inputs/one-word-lines-3000.txt?raw'
import singleParagraph from '../../fixtures/bad-inputs/single-paragraph-30000.txt?raw'
import unknownFields from '../../fixtures/bad-inputs/unknown-fields.json?raw'
import whitespaceOnly from '../../fixtures/bad-inputs/whitespace-only.txt?raw'
import wrongTypes from '../../fixtures/bad-inputs/wrong-types.json?raw'
import { TranslationResult } from '../../src/schemas/response'
import { AUTH, BASE } from '../support/api'
import { useFakeModel } from '../support/fake-model'
import { exports } from 'cloudflare:workers'

const FILES: Record<string, BodyInit> = {
  'empty.txt': empty,
  'whitespace-only.txt': whitespaceOnly,
  'binary.bin': binary,
  'invalid.json': invalidJson,
  'wrong-types.json': wrongTypes,
  'unknown-fields.json': unknownFields,
  'english.txt': english,
  'single-paragraph-30000.txt': singleParagraph,
  'one-word-lines-3000.txt': oneWordLines,
  'control-characters.txt': controlCharacters,
  'html-script.txt': htmlScript,
}

type Case = (typeof corpus.cases)[number] & {
  file?: string
  generate_bytes?: number
  error_paths?: string[]
  paragraphs?: number
  type?: string
}

function bodyOf(c: Case): BodyInit {
  if (c.generate_bytes)
    return 'Le président russe Vladimir Poutine effectuera une visite. '
      .repeat(Math.ceil(c.generate_bytes / 60))
      .slice(0, c.generate_bytes)
  const body = FILES[c.file as string]
  if (body === undefined) throw new Error(`no fixture ${c.file}`)
  return body
}

describe('the bad-input corpus (fixtures/bad-inputs)', () => {
  it('covers every file in the corpus', () => {
    expect(Object.keys(FILES).sort()).toEqual((corpus.cases as Case[]).flatMap((c) => (c.file ? [c.file] : [])).sort())
  })

  for (const c of corpus.cases as Case[]) {
    it(`answers ${c.name} with ${c.status}`, async () => {
      const model = useFakeModel()
      const res = await exports.default.fetch(`${BASE}/v1/translations`, {
        method: 'POST',
        headers: { 'Content-Type': c.content_type, ...AUTH },
        body: bodyOf(c),
      })
      expect(res.status).toBe(c.status)
      if (c.status !== 200) {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        const problem = (await res.json()) as { type: string; errors?: Array<{ path: string }> }
        expect(problem.type).toBe(`/problems/${c.type}`)
        if (c.error_paths) expect(problem.errors?.map((e) => e.path).sort()).toEqual(c.error_paths)
        // A refused request costs nothing.
        expect(model.calls).toHaveLength(0)
        return
      }
      const result = TranslationResult.parse(await res.json())
      expect(result.paragraphs).toHaveLength(c.paragraphs as number)
      for (const p of result.paragraphs) expect(p.en.length).toBeGreaterThan(0)
    })
  }

  it('keeps a 30,000-character paragraph whole, translated in pieces', async () => {
    const model = useFakeModel()
    const res = await exports.default.fetch(`${BASE}/v1/translations?summary=none`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...AUTH },
      body: singleParagraph,
    })
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs[0]?.fr).toBe(singleParagraph.trim())
    expect(
      model
        .translationCalls()
        .flatMap((c) => c.texts)
        .join(' '),
    ).toBe(singleParagraph.trim())
  })

  it('strips control characters and keeps the text around them', async () => {
    useFakeModel()
    const res = await exports.default.fetch(`${BASE}/v1/translations?summary=none`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...AUTH },
      body: controlCharacters,
    })
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs[0]?.fr).toBe(
      'Le président russe Vladimir Poutine effectuera cette semaine une visite d’État[0m en Chine.',
    )
    // eslint-disable-next-line no-control-regex
    for (const p of result.paragraphs) expect(p.fr).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/)
  })

  it('treats HTML and <script> in the article as text: kept in JSON, escaped in Markdown', async () => {
    useFakeModel()
    const res = await exports.default.fetch(`${BASE}/v1/translations?summary=none`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...AUTH },
      body: htmlScript,
    })
    const result = TranslationResult.parse(await res.json())
    expect(result.paragraphs[0]?.fr).toContain("<script>alert('piraté')</script>")
    const md = await (await exports.default.fetch(`${BASE}/v1/translations/${result.id}?format=md`)).text()
    // Every < is escaped, so no renderer sees a tag.
    expect(md).not.toMatch(/(?<!\\)<(script|img)/)
    // Escaped with a backslash, not an HTML entity: copied Markdown reads as the text.
    expect(md).toContain('\\<script>')
    expect(md).not.toMatch(/&(lt|amp|gt);/)
  })
})
