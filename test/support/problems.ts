import { expect } from 'vitest';
import { PROBLEM_CODE_LIST, type ProblemCode } from '../../src/shared/problem-codes.js';
import type { HttpResponse } from './http.js';

/** What leaks internals: a stack frame, a source path, SQL or a driver error. */
const INTERNALS =
  /\bat .+:\d+:\d+|\.(ts|js):\d+|node_modules|"stack"|\bSELECT\b|\bINSERT\b|\bUPDATE\b|QueryFailedError|duplicate key|violates|relation "/;

/**
 * An RFC 9457 answer with this status, naming (at least) these fields in `errors`, and nothing of
 * the server's insides.
 */
export function expectProblem(res: HttpResponse, status: number, fields: readonly string[] = [], code?: ProblemCode): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  // Every problem carries a stable code from the one list, and its type names it.
  expect(PROBLEM_CODE_LIST).toContain(res.body.code);
  expect(res.body.type).toMatch(new RegExp(`/${res.body.code.replace('.', '\\.')}$`));
  if (code) expect(res.body.code).toBe(code);
  expect(res.body.type.length).toBeGreaterThan(0);
  expect(res.body.title.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(INTERNALS);
  if (fields.length > 0) {
    expect(Array.isArray(res.body.errors), 'errors is an array').toBe(true);
    const named = res.body.errors.map((e: { field: string; message: string }) => {
      expect(typeof e.message).toBe('string');
      return e.field;
    });
    for (const field of fields) expect(named, `errors name ${field}`).toContain(field);
  }
}
