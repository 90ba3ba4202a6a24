/**
 * The worker's CPU for the seed article alone, for quick iterations on hot paths:
 *   npx node --cpu-prof bench/profile.ts   (then open the .cpuprofile in a profiler)
 */

import { article } from './articles.ts'
import { loadWorker, measureCpu } from './cpu.ts'

const worker = await loadWorker()
console.log(await measureCpu(worker, article(12, 'profile'), { runs: 60, cached: false, profile: true }))
