/** problem+json (RFC 9457) responses: the one shape every error leaves the worker in. */

import { HTTPException } from 'hono/http-exception'
import { type ProblemFields, ServiceError } from '../errors'
import type { Problem } from '../schemas/problem'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** Builds the problem object; extensions never override the standard members. */
export function toProblemBody(problem: ProblemFields, requestId: string): Problem {
  return {
    ...problem.extensions,
    type: `/problems/${problem.type}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: requestId,
  }
}

export function problemResponse(
  problem: ProblemFields,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(toProblemBody(problem, requestId)), {
    status: problem.status,
    headers: { ...headers, ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
  })
}

/**
 * The problem for any error: a ServiceError carries its own, Hono's HTTPException its
 * status; anything else is a bug, logged for the operator and reported to the client only
 * as having happened.
 */
export function problemOf(error: unknown, requestId: string): ProblemFields {
  if (error instanceof ServiceError) {
    if (error.problem.status >= 500) console.error(`${requestId}: ${error.problem.type}: ${error.problem.detail}`)
    return error.problem
  }
  if (error instanceof HTTPException) {
    return { type: 'http-error', title: error.message || 'HTTP error', status: error.status, detail: error.message }
  }
  console.error(`${requestId}: unexpected error`, error)
  return {
    type: 'internal-error',
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
  }
}
