import { article } from './articles.ts'
import { loadWorker, measureCpu } from './cpu.ts'
const worker = await loadWorker()
const r = await measureCpu(worker, article(12, 'prof'), { runs: 60, cached: false, profile: true })
console.log(r)
