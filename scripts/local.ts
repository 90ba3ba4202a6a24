/**
 * Shared by `npm run dev` and `npm run demo`: decide between the real model and the
 * replay model, start the replay server and `wrangler dev`, wait for the worker.
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { startReplayServer } from '../replay/server.ts'

export const ROOT = join(import.meta.dirname, '..')

/** Reads KEY=value lines of .dev.vars (if any), as wrangler does. */
export function readDevVars(): Record<string, string> {
  const path = join(ROOT, '.dev.vars')
  if (!existsSync(path)) return {}
  const vars: Record<string, string> = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (match) vars[match[1] as string] = (match[2] as string).replace(/^(["'])(.*)\1$/, '$2')
  }
  return vars
}

/** The `KEY = "value"` lines of wrangler.toml's [vars] table. */
export function wranglerVars(): Record<string, string> {
  const vars: Record<string, string> = {}
  let inVars = false
  for (const line of readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').split('\n')) {
    if (/^\s*\[/.test(line)) inVars = /^\s*\[vars\]\s*$/.test(line)
    const match = inVars ? /^\s*([A-Z0-9_]+)\s*=\s*"(.*)"\s*$/.exec(line) : null
    if (match) vars[match[1] as string] = match[2] as string
  }
  return vars
}

/**
 * True for a value left as the example shows it (`sk-...`, `<your key>`, `change-me`):
 * a copied `.dev.vars.example` must not switch dev to a real model with a fake key.
 */
export function isPlaceholder(value: string | undefined): boolean {
  if (value === undefined) return true
  const v = value.trim()
  return v === '' || /\.\.\.|…|^<.*>$|change-?me|your[-_ ]?(api[-_ ]?)?(key|token)/i.test(v)
}

/**
 * The port for the worker: `--port N` or `--port=N` among the arguments, else PORT,
 * else 8787. Returns the other arguments, to pass on to wrangler dev.
 */
export function choosePort(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
): { port: number; rest: string[] } {
  const rest: string[] = []
  let given = env.PORT
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--port') given = args[++i]
    else if (arg.startsWith('--port=')) given = arg.slice('--port='.length)
    else rest.push(arg)
  }
  if (given === undefined || given === '') return { port: 8787, rest }
  const port = Number(given)
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`the port must be a whole number from 1 to 65535, not "${given}" (--port N or PORT=N)`)
  return { port, rest }
}

export interface ModelChoice {
  replay: boolean
  /** `--var` arguments for wrangler dev. */
  vars: Record<string, string>
  describe: string
}

/**
 * Local runs are open (AUTH_DISABLED, honoured on localhost only) unless API_TOKENS is
 * set in the shell or .dev.vars, in which case clients must send one of them.
 */
export function chooseAuth(): { vars: Record<string, string>; describe: string } {
  const fromShell = isPlaceholder(process.env.API_TOKENS) ? undefined : process.env.API_TOKENS
  const fromFile = isPlaceholder(readDevVars().API_TOKENS) ? undefined : readDevVars().API_TOKENS
  const tokens = fromShell ?? fromFile
  if (tokens)
    return {
      vars: fromShell ? { API_TOKENS: fromShell } : {},
      describe: 'auth: clients must send a token from API_TOKENS',
    }
  return {
    vars: { AUTH_DISABLED: 'true' },
    describe: 'auth: open on localhost (AUTH_DISABLED=true; set API_TOKENS to require tokens)',
  }
}

/**
 * With OPENAI_API_KEY in the shell or .dev.vars, the real model (shell values for
 * OPENAI_API_KEY, OPENAI_BASE_URL and MODEL are passed on); without one, or with the
 * example's placeholder (`sk-...`), the replay model.
 */
export async function chooseModel(): Promise<ModelChoice & { stop(): void }> {
  const devVars = readDevVars()
  const fromShell = Object.fromEntries(
    ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'MODEL'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name] as string]] : [],
    ),
  )
  const key = [fromShell.OPENAI_API_KEY, devVars.OPENAI_API_KEY].find((k) => !isPlaceholder(k))
  const ignored = [fromShell.OPENAI_API_KEY, devVars.OPENAI_API_KEY].some((k) => k !== undefined && isPlaceholder(k))
  if (key) {
    const baseURL = fromShell.OPENAI_BASE_URL ?? devVars.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'
    const model = fromShell.MODEL ?? devVars.MODEL ?? wranglerVars().MODEL ?? 'the default model'
    // .dev.vars reaches the worker through wrangler itself; only shell values are passed on.
    const vars = isPlaceholder(fromShell.OPENAI_API_KEY)
      ? Object.fromEntries(Object.entries(fromShell).filter(([name]) => name !== 'OPENAI_API_KEY'))
      : fromShell
    return { replay: false, vars, describe: `the real model ${model} at ${baseURL}`, stop() {} }
  }
  const port = await freePort()
  const server = await startReplayServer(port)
  const why = ignored ? 'OPENAI_API_KEY is still a placeholder (like sk-...)' : 'no OPENAI_API_KEY is set'
  return {
    replay: true,
    vars: {
      OPENAI_API_KEY: 'replay',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      MODEL: 'replay',
      MODEL_PROFILE: 'openai-chat',
    },
    describe:
      `the REPLAY model: ${why}, ` +
      'so answers come from the recordings in fixtures/recordings (the bundled seed article) ' +
      `on http://127.0.0.1:${port}/v1; results say "model": "replay", and any other text is refused ` +
      '(502 /problems/model-refused-request, provider_code no_recording). ' +
      'Set OPENAI_API_KEY (shell or .dev.vars) to translate any article.',
    stop: () => server.close(),
  }
}

/** Starts `wrangler dev` for this worker with extra vars and arguments. */
export function startWrangler(
  port: number,
  vars: Record<string, string>,
  extra: string[],
  stdio: 'inherit' | 'pipe',
): ChildProcess {
  // The local D1 database needs its table (migrations/) before the worker caches paragraphs.
  const at = extra.indexOf('--persist-to')
  const persist = at >= 0 && extra[at + 1] !== undefined ? ['--persist-to', extra[at + 1] as string] : []
  spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...persist], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, CI: '1' },
  })
  const args = [
    'wrangler',
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--show-interactive-dev-session=false',
    ...extra,
  ]
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`)
  return spawn('npx', args, {
    cwd: ROOT,
    // The worker reads nothing of `request.cf`: wrangler's placeholder will do, without a
    // fetch from workers.cloudflare.com that prints a stack trace on a machine offline.
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? 'false' },
    stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  })
}

/** Waits until GET /healthz answers, or fails after `timeoutMs`. */
export async function waitForWorker(base: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`)
    try {
      const res = await fetch(`${base}/healthz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the worker did not answer ${base}/healthz within ${timeoutMs / 1000} s`)
}

/** Ends a child and everything it started (wrangler runs workerd as its own child). */
export function stopProcess(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
