/**
 * The worker's CPU for the seed article alone, for quick iterations on hot paths:
 *   npx node bench/profile.ts               the median CPU and the bundle's share, measured as `npm run bench` does
 *   npx node bench/profile.ts --functions   the same on an unminified build of the worker (so that functions keep
 *                                           their names), then the bundle's time by module and by function
 *   npx node --cpu-prof bench/profile.ts    (then open the .cpuprofile in a profiler)
 *   npx node bench/profile.ts --paragraphs 60   any of these on a longer article (the seed's 12 by default)
 * Self time: the samples in a function's own code (the regular expressions it runs included,
 * the functions it calls not).
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { article } from './articles.ts'
import { buildDeployed, loadWorker, measureCpu, type Profile } from './cpu.ts'

// Requests per profiled batch (measureCpu profiles several batches).
const RUNS = 20
const functions = process.argv.includes('--functions')
const paragraphsAt = process.argv.indexOf('--paragraphs')
const paragraphs = paragraphsAt > 0 ? Number(process.argv[paragraphsAt + 1]) : 12
const bundle = buildDeployed({ minify: !functions })
const worker = await loadWorker(bundle)
const profiles: Profile[] = []
console.log(
  await measureCpu(worker, article(paragraphs, 'profile'), {
    runs: RUNS,
    cached: false,
    profile: true,
    onProfile: (p) => {
      profiles.push(p)
    },
  }),
)
if (functions) printBreakdown(profiles)

/**
 * The bundle's self time per request by module (src/…, node_modules/…) and by function, largest first, over
 * every profiled batch.
 */
function printBreakdown(profiles: Profile[]): void {
  const file = join(bundle.dir, 'index.js')
  const url = pathToFileURL(file).href
  // Wrangler's unminified bundle opens each module's code with a comment naming its file.
  const moduleAt: string[] = []
  let current = '(bundle)'
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const named = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(line)?.[1]
      if (named) current = named.startsWith('node_modules/') ? named.split('/').slice(0, 3).join('/') : named
      moduleAt[i] = current
    })
  const byModule = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, micros: number) => map.set(key, (map.get(key) ?? 0) + micros)
  for (const { nodes, samples, timeDeltas } of profiles) {
    const byId = new Map(nodes.map((n) => [n.id, n.callFrame]))
    samples.forEach((id, i) => {
      const frame = byId.get(id)
      if (frame?.url !== url) return
      const module = moduleAt[frame.lineNumber] ?? '(bundle)'
      add(byModule, module, timeDeltas[i] ?? 0)
      add(
        byFunction,
        `${frame.functionName || '(anonymous)'} (${module}, bundle line ${frame.lineNumber + 1})`,
        timeDeltas[i] ?? 0,
      )
    })
  }
  const requests = RUNS * profiles.length
  const print = (title: string, map: Map<string, number>, top: number) => {
    console.log(`\n${title}, ms per request`)
    for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${(micros / 1000 / requests).toFixed(3).padStart(7)}  ${key}`)
  }
  print('By module', byModule, 25)
  print('By function', byFunction, 40)
}
