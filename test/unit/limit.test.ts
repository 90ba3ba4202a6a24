import { describe, expect, it } from 'vitest'
import { createLimit } from '../../src/pipeline/limit'

/** A task that runs until released, recording how many ran at once. */
function gate() {
  const open: Array<() => void> = []
  let running = 0
  let peak = 0
  const task = (onStart: () => void = () => {}) =>
    new Promise<void>((resolve) => {
      running++
      peak = Math.max(peak, running)
      onStart()
      open.push(() => {
        running--
        resolve()
      })
    })
  return {
    task,
    /** Ends the task that started first among those still running. */
    releaseOne: async () => {
      open.shift()?.()
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
    running: () => running,
    peak: () => peak,
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the calls a request keeps open at once', () => {
  it('never runs more than its maximum at once, and runs the others in turn', async () => {
    const limit = createLimit(3)
    const g = gate()
    const all = Promise.all(Array.from({ length: 7 }, () => limit(() => g.task())))
    await settle()
    expect(g.running()).toBe(3)
    for (let i = 0; i < 7; i++) await g.releaseOne()
    await all
    expect(g.peak()).toBe(3)
  })

  it('narrows to the calls the provider accepted when one is refused, and runs no more than that', async () => {
    const limit = createLimit(6)
    const g = gate()
    // Five start; the provider takes 4 at once and refuses the fifth.
    const accepted = Array.from({ length: 4 }, () => limit(() => g.task()))
    const refused = limit(async () => {
      limit.narrow()
      throw new Error('429')
    })
    await expect(refused).rejects.toThrow('429')
    expect(limit.current()).toBe(4)
    // Retries and later calls wait for a slot: never more than 4 open.
    const later = Array.from({ length: 3 }, () => limit(() => g.task()))
    await settle()
    expect(g.running()).toBe(4)
    for (let i = 0; i < 7; i++) await g.releaseOne()
    await Promise.all([...accepted, ...later])
    expect(g.peak()).toBe(4)
  })

  it('widens by one after as many successes as the limit in use, up to its maximum', async () => {
    const limit = createLimit(4)
    await limit(async () => {
      await limit(async () => {
        // Two open, one refused: one at once.
        limit.narrow()
      })
    })
    expect(limit.current()).toBe(1)
    limit.widen()
    expect(limit.current()).toBe(2)
    limit.widen()
    expect(limit.current()).toBe(2)
    limit.widen()
    expect(limit.current()).toBe(3)
    for (let i = 0; i < 3; i++) limit.widen()
    expect(limit.current()).toBe(4)
    for (let i = 0; i < 10; i++) limit.widen()
    expect(limit.current()).toBe(4)
  })

  it('starts waiting calls as soon as it widens', async () => {
    const limit = createLimit(3)
    const g = gate()
    await limit(async () => limit.narrow())
    expect(limit.current()).toBe(1)
    const all = Promise.all(Array.from({ length: 3 }, () => limit(() => g.task())))
    await settle()
    expect(g.running()).toBe(1)
    limit.widen()
    await settle()
    expect(g.running()).toBe(2)
    for (let i = 0; i < 3; i++) await g.releaseOne()
    await all
  })

  it('gives a later call a connection left idle at once', async () => {
    const limit = createLimit(2)
    const g = gate()
    const busy = limit(() => g.task())
    const retry = limit.later(() => g.task())
    await settle()
    expect(g.running()).toBe(2)
    await g.releaseOne()
    await g.releaseOne()
    await Promise.all([busy, retry])
  })

  it('gives a freed connection to a call asked for in the same turn before a later call waiting longer', async () => {
    const limit = createLimit(1)
    const order: string[] = []
    const g = gate()
    // The opening's call holds the only connection; a retry waits for one left idle.
    let queued: Promise<void> = Promise.resolve()
    const opening = limit(() => g.task()).then(() => {
      // The batch queued behind the opening asks when the opening's call ends.
      queued = limit(() => g.task(() => order.push('queued batch')))
    })
    const retry = limit.later(() => g.task(() => order.push('retry')))
    await settle()
    await g.releaseOne()
    await settle()
    expect(order).toEqual(['queued batch'])
    await g.releaseOne()
    await settle()
    expect(order).toEqual(['queued batch', 'retry'])
    await g.releaseOne()
    await Promise.all([opening, queued, retry])
  })

  it('runs waiting calls before later ones, whatever their order of arrival', async () => {
    const limit = createLimit(1)
    const order: string[] = []
    const g = gate()
    const first = limit(() => g.task())
    const later = limit.later(() => g.task(() => order.push('later')))
    const batch = limit(() => g.task(() => order.push('batch')))
    await settle()
    for (let i = 0; i < 3; i++) {
      await g.releaseOne()
      // A later call starts a turn after the connection it takes is freed.
      await settle()
    }
    await Promise.all([first, later, batch])
    expect(order).toEqual(['batch', 'later'])
  })
})
