/**
 * `npm run check-model`: one tiny translation request with your settings, through the
 * worker's own model code (profiles, corrections, the OpenAI adapter), to see before
 * deploying that the model answers as passage needs. Prints the profile chosen, the
 * fields sent, whether structured output worked, latency and tokens; when something
 * fails, which setting to change. Settings are read as the worker reads them: wrangler.toml
 * [vars], then .dev.vars, then the shell. With no OPENAI_API_KEY it checks the local
 * replay model, as `npm run dev` would use it.
 *
 *   npm run check-model                  (exit 0 when the model works, 1 when it does not)
 *   npm run check-model -- --no-dev-vars (the shell and wrangler.toml only)
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importBundle } from './import-bundle.ts'
import { freePort, isPlaceholder, ROOT, readDevVars, wranglerVars } from './local.ts'
import { startReplayServer } from '../replay/server.ts'

interface Probe {
  checkModel(env: Record<string, string>, system: string, paragraph: string): Promise<{ ok: boolean; lines: string[] }>
}

const SETTINGS = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'MODEL', 'MODEL_PROFILE', 'AI_GATEWAY_TOKEN']

/** The worker's model code, bundled as wrangler would bundle it, loaded into this process. */
async function loadProbe(): Promise<Probe> {
  return (await importBundle({
    entryPoints: [join(ROOT, 'src', 'check-model.ts')],
    platform: 'node',
    target: 'node22',
  })) as Probe
}

const shell = Object.fromEntries(
  SETTINGS.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])),
)
const devVars = process.argv.includes('--no-dev-vars') ? {} : readDevVars()
const env: Record<string, string> = { ...wranglerVars(), ...devVars, ...shell }
// A key still as .dev.vars.example has it (`sk-...`) is no key.
if (isPlaceholder(env.OPENAI_API_KEY)) delete env.OPENAI_API_KEY
let stopReplay = () => {}
if (!env.OPENAI_API_KEY && !env.MODEL?.startsWith('@cf/')) {
  const port = await freePort()
  const server = await startReplayServer(port)
  stopReplay = () => server.close()
  Object.assign(env, {
    OPENAI_API_KEY: 'replay',
    OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    MODEL: shell.MODEL ?? 'replay',
  })
  if (!shell.MODEL_PROFILE && env.MODEL === 'replay') env.MODEL_PROFILE = 'openai-chat'
  console.log(
    `No OPENAI_API_KEY is set: checking the local REPLAY model (recorded answers) at ${env.OPENAI_BASE_URL}.\n` +
      'Set OPENAI_API_KEY (shell or .dev.vars) to check your real model.\n',
  )
}

const probe = await loadProbe()
const report = await probe.checkModel(
  env,
  readFileSync(join(ROOT, 'prompts', 'translate.md'), 'utf8'),
  readFileSync(join(ROOT, 'fixtures', 'articles', 'seed.fr.txt'), 'utf8').split('\n')[0] ?? '',
)
stopReplay()
console.log(report.lines.join('\n'))
process.exit(report.ok ? 0 : 1)
