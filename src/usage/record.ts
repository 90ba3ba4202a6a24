/** Recording a request's usage after the response: never fails the request, says so in the log. */

import type { TranslationResult } from '../schemas/response'
import { usageOf } from './tally'
import type { UsageStore } from './usage-store'

/** Adds what `result` cost to the caller's day; a failed write is logged, not thrown. */
export async function recordUsage(
  store: UsageStore,
  caller: { id: string; name: string },
  result: TranslationResult,
  servedWhole: boolean,
): Promise<void> {
  try {
    await store.add(caller.id, usageOf(result, servedWhole))
  } catch (error) {
    console.warn(`usage: not recorded for ${caller.name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}
