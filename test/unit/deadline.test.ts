import { describe, expect, it } from 'vitest'
import { DeadlineReached, startDeadline } from '../../src/pipeline/deadline'

describe('the request deadline', () => {
  it('aborts its signal when the time passes, and says the deadline was the reason', async () => {
    const deadline = startDeadline(20)
    expect(deadline.signal.aborted).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineReached)
    expect(deadline.reached()).toBe(true)
  })

  it('aborts with the caller, without calling that the deadline', () => {
    const caller = new AbortController()
    const deadline = startDeadline(10_000, caller.signal)
    caller.abort(new Error('the client disconnected'))
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.reached()).toBe(false)
    deadline.clear()
  })

  it('never fires once cleared', async () => {
    const deadline = startDeadline(20)
    deadline.clear()
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(deadline.signal.aborted).toBe(false)
  })
})
