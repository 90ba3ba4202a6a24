/**
 * Shared by `npm run dev` and `npm run demo`: decide between the real model and the
 * replay model, start the replay server and `wrangler dev`, wait for the worker.
 */

import { type ChildProcess, spawn } from 'node:child_process'
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
  const tokens = process.env.API_TOKENS ?? readDevVars().API_TOKENS
  if (tokens) return { vars: process.env.API_TOKENS ? { API_TOKENS: tokens } : {}, describe: 'auth: clients must send a token from API_TOKENS' }
  return { vars: { AUTH_DISABLED: 'true' }, describe: 'auth: open on localhost (AUTH_DISABLED=true; set API_TOKENS to require tokens)' }
}

/**
 * With OPENAI_API_KEY in the shell or .dev.vars, the real model (shell values for
 * OPENAI_API_KEY, OPENAI_BASE_URL and MODEL are passed on); without one, the replay model.
 */
export async function chooseModel(): Promise<ModelChoice & { stop(): void }> {
  const devVars = readDevVars()
  const fromShell = Object.fromEntries(
    ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'MODEL'].flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])),
  )
  const key = fromShell.OPENAI_API_KEY ?? devVars.OPENAI_API_KEY
  if (key) {
    const baseURL = fromShell.OPENAI_BASE_URL ?? devVars.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'
    const model = fromShell.MODEL ?? devVars.MODEL ?? 'the MODEL of wrangler.toml'
    return { replay: false, vars: fromShell, describe: `the real model ${model} at ${baseURL}`, stop() {} }
  }
  const port = await freePort()
  const server = await startReplayServer(port)
  return {
    replay: true,
    vars: { OPENAI_API_KEY: 'replay', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, MODEL: 'replay', MODEL_PROFILE: 'openai-chat', REPLAY: 'true' },
    describe: `the REPLAY model: no OPENAI_API_KEY is set, so answers come from the recordings in fixtures/recordings (the bundled seed article) on http://127.0.0.1:${port}/v1. Set OPENAI_API_KEY (shell or .dev.vars) to translate any article.`,
    stop: () => server.close(),
  }
}

/** Starts `wrangler dev` for this worker with extra vars and arguments. */
export function startWrangler(port: number, vars: Record<string, string>, extra: string[], stdio: 'inherit' | 'pipe'): ChildProcess {
  const args = ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false', ...extra]
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`)
  return spawn('npx', args, { cwd: ROOT, stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' })
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
