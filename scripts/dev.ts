/** `npm run dev`: the worker on http://localhost:8787 under wrangler dev, real or replayed model. */

import { chooseAuth, chooseModel, startWrangler, stopProcess } from './local.ts'

const model = await chooseModel()
const auth = chooseAuth()
console.log(`\npassage dev: using ${model.describe}\n${auth.describe}\n`)
const wrangler = startWrangler(8787, { ...model.vars, ...auth.vars }, process.argv.slice(2), 'inherit')
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
