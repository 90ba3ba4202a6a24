/**
 * Remembers the last results of a pure function of one text: checking one answer reads
 * the same French and English (and, for a summary, the same article) many times. Arrays
 * are frozen: callers share them.
 */
export function remembered<T>(fn: (text: string) => T, size = 64): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    let value = cache.get(text)
    if (value === undefined) {
      value = fn(text)
      if (Array.isArray(value)) Object.freeze(value)
      if (cache.size >= size) cache.delete(cache.keys().next().value as string)
      cache.set(text, value)
    }
    return value
  }
}
