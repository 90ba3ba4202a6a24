import { describe, expect, it } from 'vitest'
import { remembered } from '../../src/text/memo'

describe('remembering the results of a text function', () => {
  it('computes a text once while it is among the last ones asked for, and shares a frozen array', () => {
    const calls: string[] = []
    const words = remembered((text: string) => {
      calls.push(text)
      return text.split(' ')
    }, 4)
    const first = words('le chat')
    expect(words('le chat')).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    words('un chien')
    expect(words('le chat')).toBe(first)
    expect(calls).toEqual(['le chat', 'un chien'])
  })

  it('keeps at least the last half of its size, and forgets texts asked for long before', () => {
    const calls: string[] = []
    const length = remembered((text: string) => {
      calls.push(text)
      return text.length
    }, 4)
    for (const text of ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff']) length(text)
    calls.length = 0
    // The last two (half of 4) are kept…
    expect(length('eeeee')).toBe(5)
    expect(length('ffffff')).toBe(6)
    expect(calls).toEqual([])
    // …the first ones are computed again, with the same result.
    expect(length('a')).toBe(1)
    expect(calls).toEqual(['a'])
  })
})
