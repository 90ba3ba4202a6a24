/**
 * The README and docs/*.md against the code: every status they give a route is in the
 * OpenAPI document, every problem type is one the code sends (with its status), every
 * setting exists in config.ts, every path in the repository exists; and no source comment
 * cites a document that is not in the repository.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { importBundle } from '../../scripts/import-bundle.ts'
import { ROOT } from '../../scripts/local.ts'

interface Code {
  openApiDocument(): { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
  SettingsSchema: { shape: Record<string, unknown> }
  DEPRECATED_NAMES: Record<string, string>
  PROBLEM_TYPES: Record<string, { status: number | undefined; when: string }>
}

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).flatMap((f) => (f.endsWith('.md') ? [`docs/${f}`] : []))]
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const withoutCode = (text: string) => text.replace(/```[\s\S]*?```/g, '')

/** Table rows, and sentences of prose: what one statement of the docs is. */
function statements(text: string): string[] {
  return withoutCode(text)
    .split(/\n\s*\n/)
    .flatMap((block) =>
      block.trimStart().startsWith('|')
        ? block.split('\n')
        : block.replace(/\n/g, ' ').split(/(?<=[.:;])\s+(?=[A-Z`(])/),
    )
}

/** Where each doc says `what`, as `file: match`, for failure messages that point at the line. */
function findAll(pattern: RegExp, texts = DOCS): Array<{ file: string; match: RegExpExecArray }> {
  return texts.flatMap((file) => [...read(file).matchAll(pattern)].map((match) => ({ file, match })))
}

// A three-digit status, not a figure with a unit (500 ms, 600 tokens) nor part of a name or number.
const STATUS = new RegExp(
  [
    '(?<![\\w.,/:#=$-])([1-5]\\d\\d)',
    '(?![\\w.,%/:-]| ?(?:ms|s\\b|KiB|MiB|KB|MB|bytes|characters|paragraphs|tokens|words|requests|days|seconds))',
  ].join(''),
  'g',
)

let code: Code

beforeAll(async () => {
  const contents = [
    "export { openApiDocument } from './src/openapi'",
    "export { DEPRECATED_NAMES, SettingsSchema } from './src/config'",
    "export { PROBLEM_TYPES } from './src/schemas/problem'",
  ].join('\n')
  code = (await importBundle({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    platform: 'node',
    loader: { '.md': 'text', '.css': 'text', '.client.js': 'text' },
  })) as Code
}, 60_000)

describe('the docs', () => {
  it('give a route only the statuses the OpenAPI document lists for it', () => {
    const paths = code.openApiDocument().paths
    const routes = Object.keys(paths)
      .filter((path) => path !== '/')
      .map((path) => ({
        path,
        pattern: new RegExp(`${path.replace(/[.]/g, '\\.').replace('{id}', '(?:\\{id\\}|:id|tr_[\\w-]+)')}(?![\\w/{])`),
      }))
    const wrong: string[] = []
    for (const file of DOCS) {
      for (const statement of statements(read(file))) {
        const named = routes.filter((r) => r.pattern.test(statement))
        if (named.length === 0) continue
        for (const [, status = ''] of statement.matchAll(STATUS)) {
          const listed = named.some((r) => Object.values(paths[r.path] ?? {}).some((op) => status in op.responses))
          if (!listed) wrong.push(`${file}: ${status} for ${named.map((r) => r.path).join(' or ')}: "${statement}"`)
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('name only problem types the code sends, with their status', () => {
    const types = code.PROBLEM_TYPES
    const unknown = findAll(/\/problems\/([a-z]+(?:-[a-z]+)*)/g)
      .filter(({ match }) => !((match[1] as string) in types))
      .map(({ file, match }) => `${file}: ${match[0]}`)
    expect(unknown).toEqual([])

    // "502 /problems/page-fetch-failed", "a 503 problem (`/problems/not-ready`)", and the README's table.
    const paired = [
      ...findAll(/\b([1-5]\d\d)\b[^.|;\n]{0,30}?`?\/problems\/([a-z-]+)/g).map(({ file, match }) => ({
        file,
        status: match[1],
        type: match[2] as string,
      })),
      ...findAll(/^\|\s*(\d{3}|any)\s*\|\s*`\/problems\/([a-z-]+)`/gm).map(({ file, match }) => ({
        file,
        status: match[1],
        type: match[2] as string,
      })),
    ]
    expect(paired.length).toBeGreaterThan(20)
    const mismatched = paired
      .filter(({ status, type }) => String(types[type]?.status ?? 'any') !== status)
      .map(({ file, status, type }) => `${file}: ${status} /problems/${type} (the code sends ${types[type]?.status})`)
    expect(mismatched).toEqual([])
  })

  it('are checked against src/schemas/problem.ts, which declares exactly the problem types the code sends', () => {
    // Every problem is built as { type: 'slug', title, status, … } by a ServiceError or a
    // problemResponse call: the slugs found that way are the types the code can send.
    const sent = new Set(
      sourceFiles('src')
        .filter((file) => /ServiceError|problemResponse|ProblemFields/.test(read(file)))
        .flatMap((file) => [...read(file).matchAll(/\btype: '([a-z]+(?:-[a-z]+)*)',?\s+title:/g)].map((m) => m[1])),
    )
    expect([...sent].sort()).toEqual(Object.keys(code.PROBLEM_TYPES).sort())
  })

  it("list every problem type in the README's table of errors", () => {
    const table = new Set(findAll(/^\|[^|]*\|\s*`\/problems\/([a-z-]+)`/gm, ['README.md']).map(({ match }) => match[1]))
    expect([...table].sort()).toEqual(Object.keys(code.PROBLEM_TYPES).sort())
  })

  it('name only settings that config.ts reads', () => {
    const settings = new Set(Object.keys(code.SettingsSchema.shape))
    // An old name config.ts still reads (with a warning) may be named, as such.
    const deprecated = Object.keys(code.DEPRECATED_NAMES)
    // Not settings, and named as such: wrangler.toml's bindings, the variables scripts and
    // tests read from their environment (process.env.X), constants of the code, wrangler's
    // own variables. Placeholders in a URL (/ACCOUNT_ID/) are not names.
    const bindings = [...read('wrangler.toml').matchAll(/^[#\s]*(?:binding|name)\s*=\s*"([A-Z][A-Z0-9_]*)"/gm)].map(
      (m) => m[1],
    )
    const environment = ['scripts', 'bench', 'test'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) => [...read(file).matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1])),
    )
    const constants = sourceFiles('src').flatMap((file) =>
      [...read(file).matchAll(/\bconst ([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]),
    )
    const cloudflare = ['CLOUDFLARE_ACCOUNT_ID', 'CLOUDFLARE_API_TOKEN']
    const known = new Set([...settings, ...deprecated, ...bindings, ...environment, ...constants, ...cloudflare])
    const unknown = findAll(/(?<![\w/-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w/-])/g)
      .filter(({ match }) => !known.has(match[0]))
      .map(({ file, match }) => `${file}: ${match[0]}`)
    expect(unknown).toEqual([])
    expect(settings.size).toBeGreaterThan(10)
  })

  it('point only at files and folders that exist', () => {
    // Build outputs the repository ignores (bench/.build/) exist only once made.
    const ignored = read('.gitignore')
      .split('\n')
      .filter((line) => line.endsWith('/') && !line.startsWith('!'))
    const missing = findAll(/(?<![\w./-])((?:src|bench|scripts|test)\/[\w./*-]*[\w*])/g)
      .map(({ file, match }) => ({ file, path: (match[1] as string).replace(/\/\*[^/]*$/, '') }))
      .filter(({ path }) => !existsSync(join(ROOT, path)) && !ignored.some((dir) => `${path}/`.startsWith(dir)))
      .map(({ file, path }) => `${file}: ${path}`)
    expect(missing).toEqual([])
  })

  it('show only figures and link only to files that exist', () => {
    // Markdown links and images with a relative target: [text](docs/x.md), ![alt](docs/x.png).
    const broken = findAll(/!?\[[^\]]*\]\((?!https?:|#|mailto:)([^)\s#]+)(?:#[^)]*)?\)/g)
      .map(({ file, match }) => ({ file, target: join(dirname(file), match[1] as string) }))
      .filter(({ target }) => !existsSync(join(ROOT, target)))
      .map(({ file, target }) => `${file}: ${target}`)
    expect(broken).toEqual([])
    expect(findAll(/!\[[^\]]*\]\(([^)]+)\)/g).length).toBeGreaterThan(0)
  })
})

function sourceFiles(dir: string): string[] {
  const full = join(ROOT, dir)
  if (!existsSync(full)) return []
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((name) => relative(ROOT, join(full, name)))
    .filter(
      (file) => /\.(ts|tsx|js)$/.test(file) && !file.includes('node_modules') && statSync(join(ROOT, file)).isFile(),
    )
}

describe('source comments', () => {
  it('cite no document outside the repository (no "SPEC", no "§")', () => {
    const citing = ['src', 'test', 'bench', 'scripts', 'replay'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        read(file)
          .split('\n')
          .flatMap((line, i) => {
            const trimmed = line.trimStart()
            const comment = /^(\/\/|\/\*|\*)/.test(trimmed) ? trimmed : (/\s\/\/\s.*$/.exec(line)?.[0] ?? '')
            return /\bSPEC\b|§/.test(comment) ? [`${file}:${i + 1}: ${trimmed}`] : []
          }),
      ),
    )
    expect(citing).toEqual([])
  })
})
