/**
 * `npm run deploy [-- wrangler deploy options]`: checks wrangler.toml for what a first
 * deployment gets wrong, then runs `wrangler deploy`. Refuses the placeholder KV namespace
 * and D1 database ids (all zeros), which `wrangler deploy --dry-run` accepts and a real
 * deploy rejects late.
 * See docs/deploy.md.
 */

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ROOT } from './local.ts'

/** A KV namespace binding as written in wrangler.toml. */
export interface KvBinding {
  binding: string | undefined
  id: string | undefined
}

/** The `[[kv_namespaces]]` tables of a wrangler.toml (top level only; enough for this file). */
export function readKvBindings(toml: string): KvBinding[] {
  const bindings: KvBinding[] = []
  let current: KvBinding | undefined
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (line.startsWith('[')) {
      current = line === '[[kv_namespaces]]' ? { binding: undefined, id: undefined } : undefined
      if (current) bindings.push(current)
      continue
    }
    const match = /^(binding|id)\s*=\s*"([^"]*)"$/.exec(line)
    if (current && match) current[match[1] as 'binding' | 'id'] = match[2]
  }
  return bindings
}

/** What stops a deploy, each said with its fix; empty when wrangler.toml is ready. */
export function deployProblems(toml: string): string[] {
  const problems: string[] = []
  const bindings = readKvBindings(toml)
  if (!bindings.some((b) => b.binding === 'CACHE')) {
    problems.push(
      'wrangler.toml has no [[kv_namespaces]] table with binding = "CACHE". ' +
        'Add one with the id of your namespace (docs/deploy.md).',
    )
  }
  for (const { binding, id } of bindings) {
    const name = binding ?? '(no binding name)'
    if (id === undefined || id.trim() === '') {
      problems.push(
        `The KV namespace ${name} has no id in wrangler.toml. Create it with ` +
          `\`npx wrangler kv namespace create ${name}\` and put the id it prints in its [[kv_namespaces]] table.`,
      )
    } else if (/^0+$/.test(id)) {
      problems.push(
        `The KV namespace ${name} still has the placeholder id "${id}" in wrangler.toml. ` +
          `Create the namespace in your Cloudflare account with \`npx wrangler kv namespace create ${name}\` ` +
          'and replace the zeros with the id it prints (docs/deploy.md, "KV namespace").',
      )
    } else if (!/^[0-9a-f]{32}$/.test(id)) {
      problems.push(
        `The KV namespace ${name} has the id "${id}" in wrangler.toml, which is not a KV namespace id ` +
          '(32 hexadecimal digits, as `npx wrangler kv namespace list` shows them).',
      )
    }
  }
  for (const id of readD1Ids(toml)) {
    if (/^[0-]+$/.test(id)) {
      problems.push(
        `The D1 database DB still has the placeholder id "${id}" in wrangler.toml. ` +
          'Create it with `npx wrangler d1 create passage-cache`, replace the zeros with the id it prints, ' +
          'then apply the schema with `npx wrangler d1 migrations apply DB --remote` (docs/deploy.md).',
      )
    }
  }
  return problems
}

/** The `database_id`s of the `[[d1_databases]]` tables of a wrangler.toml. */
export function readD1Ids(toml: string): string[] {
  const ids: string[] = []
  let inD1 = false
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (line.startsWith('[')) inD1 = line === '[[d1_databases]]'
    const match = inD1 ? /^database_id\s*=\s*"([^"]*)"$/.exec(line) : null
    if (match) ids.push(match[1] as string)
  }
  return ids
}

/** `--config path` / `-c path` among wrangler's arguments, else this project's wrangler.toml. */
export function configPath(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if ((arg === '--config' || arg === '-c') && args[i + 1]) return resolve(args[i + 1] as string)
    if (arg.startsWith('--config=')) return resolve(arg.slice('--config='.length))
  }
  return join(ROOT, 'wrangler.toml')
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const path = configPath(args)
  const problems = deployProblems(readFileSync(path, 'utf8'))
  if (problems.length > 0) {
    console.error(`npm run deploy: not deploying. ${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(1)
  }
  const result = spawnSync('npx', ['wrangler', 'deploy', ...args], { cwd: ROOT, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
