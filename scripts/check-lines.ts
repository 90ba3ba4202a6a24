/**
 * Fails when a line of the project's code is longer than 120 characters (Biome wraps code
 * at 120, but not long strings, regular expressions or comments). `npm run lint` runs it.
 */

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const MAX = 120
const CODE = /\.(?:ts|tsx|js|mjs)$/

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CODE.test(file) && !file.startsWith('fixtures/') && file !== 'worker-configuration.d.ts')

const long: string[] = []
for (const file of files) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    continue // listed by git but deleted in the working tree
  }
  text.split('\n').forEach((line, i) => {
    const length = [...line].length
    if (length > MAX) long.push(`${file}:${i + 1}: ${length} characters`)
  })
}

if (long.length > 0) {
  console.error(`Lines longer than ${MAX} characters (split the string, comment or expression):`)
  for (const line of long) console.error(`  ${line}`)
  process.exit(1)
}
