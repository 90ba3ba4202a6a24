/** Bundles TypeScript with esbuild, as wrangler would, and imports the result into this process. */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BuildOptions, build } from 'esbuild'

/**
 * The module esbuild makes of `options` (bundled, ESM, kept in memory), imported.
 *
 * @example const probe = (await importBundle({ entryPoints: ['src/check-model.ts'], platform: 'node' })) as Probe
 */
export async function importBundle(options: BuildOptions): Promise<unknown> {
  const result = await build({ bundle: true, format: 'esm', logLevel: 'silent', ...options, write: false })
  const dir = mkdtempSync(join(tmpdir(), 'passage-bundle-'))
  const file = join(dir, 'bundle.mjs')
  writeFileSync(file, result.outputFiles?.[0]?.text ?? '')
  try {
    return await import(pathToFileURL(file).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
