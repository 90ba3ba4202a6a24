/** Token estimates for budgeting, without shipping a tokenizer to the edge. */

/**
 * Estimates the tokens a text costs a GPT-style tokenizer. French prose averages about
 * 3.6 characters a token; rounding up keeps batches on the safe side of the budget.
 *
 * @example estimateTokens('Bonjour à tous') // 4
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.6)
}
