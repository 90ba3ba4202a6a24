/**
 * `npm run openapi [-- out.json]`: writes the worker's own `GET /openapi.json` answer to a
 * file (default dist/openapi.json), for `npm run lint:openapi`. The worker is bundled with
 * esbuild, text modules as wrangler.toml's rules say, and asked in-process: no server.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { build } from 'esbuild'
import { ROOT } from './local.ts'

const out = resolve(process.argv[2] ?? join(ROOT, 'dist', 'openapi.json'))
const bundle = await build({
  entryPoints: [join(ROOT, 'src', 'index.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'browser'],
  loader: { '.md': 'text', '.css': 'text', '.client.js': 'text' },
  logLevel: 'error',
})
const code = bundle.outputFiles[0]?.text ?? ''
const worker = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
  default: { fetch(request: Request, env: object): Promise<Response> }
}
const res = await worker.default.fetch(new Request('http://localhost/openapi.json'), {})
if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`)
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`)
console.log(`wrote ${out}`)
