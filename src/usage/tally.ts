/** Usage, counted: what one answered request adds, and the 30-day report. Pure. */

import type { TranslationResult } from '../schemas/response'
import type { UsageCounts, UsageDay, UsageReport } from '../schemas/usage'

export const USAGE_WINDOW_DAYS = 30
const DAY_MS = 86_400_000

export const NO_USAGE: UsageCounts = {
  articles: 0,
  paragraphs: 0,
  model_calls: 0,
  input_tokens: 0,
  output_tokens: 0,
  cached_paragraphs: 0,
  cached_results: 0,
}
const FIELDS = Object.keys(NO_USAGE) as (keyof UsageCounts)[]

/** The UTC day of `ms`, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** The first day of the window that ends today. */
export function windowStart(nowMs: number): string {
  return utcDay(nowMs - (USAGE_WINDOW_DAYS - 1) * DAY_MS)
}

/**
 * What one answered request adds: a result served whole from the cache is one article,
 * its paragraphs all cached, and no model call.
 */
export function usageOf(result: TranslationResult, servedWhole: boolean): UsageCounts {
  const paragraphs = result.paragraphs.length
  if (servedWhole) return { ...NO_USAGE, articles: 1, paragraphs, cached_paragraphs: paragraphs, cached_results: 1 }
  const { model_calls, input_tokens, output_tokens, cached_paragraphs } = result.usage
  return { articles: 1, paragraphs, model_calls, input_tokens, output_tokens, cached_paragraphs, cached_results: 0 }
}

/** The report for the 30 days ending on `nowMs`'s day, from the stored rows (others ignored). */
export function usageReport(caller: string, rows: readonly UsageDay[], nowMs: number): UsageReport {
  const byDay = new Map(rows.map((row) => [row.day, row]))
  const days: UsageDay[] = []
  const totals: UsageCounts = { ...NO_USAGE }
  for (let back = USAGE_WINDOW_DAYS - 1; back >= 0; back--) {
    const day = utcDay(nowMs - back * DAY_MS)
    const row = byDay.get(day)
    const counts = Object.fromEntries(FIELDS.map((field) => [field, row?.[field] ?? 0])) as UsageCounts
    for (const field of FIELDS) totals[field] += counts[field]
    days.push({ day, ...counts })
  }
  return { caller, from: days[0]?.day ?? utcDay(nowMs), to: utcDay(nowMs), days, totals }
}
