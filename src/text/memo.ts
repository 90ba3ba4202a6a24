/**
 * Remembers the last results of a pure function of one text: checking one answer reads
 * the same French and English (and, for a summary, the same article) many times. Arrays
 * are frozen: callers share them. The results of the last `size` / 2 texts asked for are
 * kept at least, of the last `size` at most: once `size` / 2 new texts have been asked
 * for, those before them are forgotten together (no per-entry bookkeeping).
 */
export function remembered<T>(fn: (text: string) => T, size = 128): (text: string) => T {
  const half = Math.max(1, size >> 1)
  let recent = new Map<string, T>()
  let older = new Map<string, T>()
  return (text) => {
    let value = recent.get(text)
    if (value !== undefined) return value
    value = older.get(text)
    if (value === undefined) {
      value = fn(text)
      if (Array.isArray(value)) Object.freeze(value)
    }
    if (recent.size >= half) {
      older = recent
      recent = new Map()
    }
    recent.set(text, value)
    return value
  }
}
