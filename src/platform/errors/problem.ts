import type { FieldError } from '../../shared/domain-error.js';
import { PROBLEM_CODES, type ProblemCode } from '../../shared/problem-codes.js';

/** RFC 9457 problem details, as every error of this service is answered, with a stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://mfa-exceptions.example.com/problems/';

/** A problem for this code, with its usual status unless the caller says otherwise (400 vs 422). */
export function problem(
  code: ProblemCode,
  detail: string,
  extra: Partial<Problem> = {},
  status: number = PROBLEM_CODES[code].status,
): Problem {
  return { type: `${PROBLEM_TYPE_BASE}${code}`, title: titleOf(status, code), status, detail, code, ...extra };
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 422: 'Unprocessable Content' };

function titleOf(status: number, code: ProblemCode): string {
  return PROBLEM_CODES[code].status === status ? PROBLEM_CODES[code].title : (TITLES[status] ?? PROBLEM_CODES[code].title);
}
