import { describe, expect, it } from 'vitest'
import { createLimit, type HeadersArrived } from '../../src/pipeline/limit'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

type Phase = 'waiting' | 'streaming' | 'ended'

/** Calls that wait for their headers, then stream, each step when the test says. */
function calls() {
  const all: Array<{ headers: HeadersArrived; done: () => void; phase: Phase }> = []
  const inPhase = (phase: Phase) => all.filter((c) => c.phase === phase)
  return {
    run: (headers: HeadersArrived) =>
      new Promise<void>((resolve) => {
        all.push({ headers, done: resolve, phase: 'waiting' })
      }),
    started: () => all.length,
    waiting: () => inPhase('waiting').length,
    streaming: () => inPhase('streaming').length,
    /** The headers of the first `n` calls still waiting for them arrive. */
    headersArrive: async (n: number) => {
      for (const c of inPhase('waiting').slice(0, n)) {
        c.phase = 'streaming'
        c.headers()
      }
      await settle()
    },
    /** The first `n` calls in `phase` end. */
    end: async (n: number, phase: Phase) => {
      for (const c of inPhase(phase).slice(0, n)) {
        c.phase = 'ended'
        c.done()
      }
      await settle()
    },
    /** The first call that started. */
    first: () => all[0],
    /** Every call, those still to start included, gets its headers and ends. */
    finish: async (total: number) => {
      while (inPhase('ended').length < total) {
        for (const c of inPhase('waiting')) c.headers()
        for (const c of [...inPhase('waiting'), ...inPhase('streaming')]) {
          c.phase = 'ended'
          c.done()
        }
        await settle()
      }
    },
  }
}

describe('the calls a request keeps waiting for headers', () => {
  it('lets at most six calls wait for their headers at once, whatever its maximum', async () => {
    const limit = createLimit(12)
    const c = calls()
    const all = Promise.all(Array.from({ length: 12 }, () => limit(c.run)))
    await settle()
    expect(c.started()).toBe(6)
    expect(c.waiting()).toBe(6)

    await c.headersArrive(6)
    expect(c.started()).toBe(12)
    expect(c.waiting()).toBe(6)
    expect(c.streaming()).toBe(6)

    await c.headersArrive(6)
    expect(c.streaming()).toBe(12)
    await c.finish(12)
    await all
  })

  it('starts the next call as soon as one of those waiting gets its headers', async () => {
    const limit = createLimit(12)
    const c = calls()
    const all = Promise.all(Array.from({ length: 8 }, () => limit(c.run)))
    await settle()
    expect(c.started()).toBe(6)

    await c.headersArrive(1)
    expect(c.started()).toBe(7)
    expect(c.waiting()).toBe(6)
    expect(c.streaming()).toBe(1)

    await c.finish(8)
    await all
  })

  it('gives the place back when a call ends before its headers came', async () => {
    const limit = createLimit(12)
    const c = calls()
    const all = Promise.all(Array.from({ length: 7 }, () => limit(c.run)))
    await settle()
    expect(c.started()).toBe(6)

    // An error answer, a timeout, an abort: the call ends without streaming.
    await c.end(1, 'waiting')
    expect(c.started()).toBe(7)
    expect(c.waiting()).toBe(6)

    await c.finish(7)
    await all
  })

  it('counts the headers of one call once, however often it says they came', async () => {
    const limit = createLimit(12)
    const c = calls()
    const all = Promise.all(Array.from({ length: 8 }, () => limit(c.run)))
    await settle()
    const first = c.first()
    first?.headers()
    first?.headers()
    first?.headers()
    await settle()
    expect(c.started()).toBe(7)

    await c.finish(8)
    await all
  })

  it('runs no more than six at once when no answer streams (the headers come with the answer)', async () => {
    const limit = createLimit(12)
    let open = 0
    let most = 0
    const whole = async () => {
      most = Math.max(most, ++open)
      await settle()
      open--
    }
    await Promise.all(Array.from({ length: 12 }, () => limit(whole)))
    expect(most).toBe(6)
  })

  it('keeps to its maximum after the headers came', async () => {
    const limit = createLimit(3)
    const c = calls()
    const all = Promise.all(Array.from({ length: 5 }, () => limit(c.run)))
    await settle()
    expect(c.started()).toBe(3)

    await c.headersArrive(3)
    expect(c.started()).toBe(3)
    await c.end(1, 'streaming')
    expect(c.started()).toBe(4)

    await c.finish(5)
    await all
  })

  it('keeps to a limit narrowed by a 429 while some calls stream', async () => {
    const limit = createLimit(10)
    const c = calls()
    const streams = Array.from({ length: 8 }, () => limit(c.run))
    await settle()
    await c.headersArrive(6)
    expect(c.started()).toBe(8)
    // A ninth is refused for the provider's rate: the eight open are what it takes.
    await expect(
      limit(async () => {
        limit.narrow()
        throw new Error('429')
      }),
    ).rejects.toThrow('429')
    expect(limit.current()).toBe(8)
    const later = limit(c.run)
    await c.headersArrive(2)
    expect(c.started()).toBe(8)
    await c.end(1, 'streaming')
    expect(c.started()).toBe(9)

    await c.finish(9)
    await Promise.all([...streams, later])
  })
})
