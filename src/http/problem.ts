/** problem+json (RFC 9457) responses: the one shape every error leaves the worker in. */

import type { ProblemFields } from '../errors'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  request_id: string
  [member: string]: unknown
}

/** Builds the problem object; extensions never override the standard members. */
export function toProblemBody(problem: ProblemFields, requestId: string): ProblemBody {
  return {
    ...problem.extensions,
    type: `/problems/${problem.type}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    request_id: requestId,
  }
}

export function problemResponse(problem: ProblemFields, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(toProblemBody(problem, requestId)), {
    status: problem.status,
    headers: { ...headers, ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE },
  })
}
