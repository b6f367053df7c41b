import { expect } from 'vitest';
import type { HttpResponse } from './http.js';

/** What leaks internals: a stack frame, a source path, SQL or a driver error. */
const INTERNALS =
  /\bat .+:\d+:\d+|\.(ts|js):\d+|node_modules|"stack"|\bSELECT\b|\bINSERT\b|\bUPDATE\b|QueryFailedError|duplicate key|violates|relation "/;

/**
 * An RFC 9457 answer with this status, naming (at least) these fields in `errors`, and nothing of
 * the server's insides.
 */
export function expectProblem(res: HttpResponse, status: number, fields: readonly string[] = []): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
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
