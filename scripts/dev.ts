/**
 * `npm run dev`: the worker under wrangler dev, real or replayed model, on
 * http://localhost:8787, or the port given with `npm run dev -- --port N` or `PORT=N`.
 */

import { chooseAuth, chooseModel, choosePort, startWrangler, stopProcess } from './local.ts'

let port: number
let rest: string[]
try {
  ;({ port, rest } = choosePort(process.argv.slice(2)))
} catch (error) {
  console.error(`npm run dev: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
const model = await chooseModel()
const auth = chooseAuth()
console.log(`\npassage dev: using ${model.describe}\n${auth.describe}\nworker: http://localhost:${port}\n`)
const wrangler = startWrangler(port, { ...model.vars, ...auth.vars }, rest, 'inherit')
const stop = () => {
  stopProcess(wrangler)
  model.stop()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
wrangler.on('exit', (code) => {
  model.stop()
  process.exit(code ?? 0)
})
