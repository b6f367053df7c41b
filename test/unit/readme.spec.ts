import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/shared/problem-codes.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists every problem code, with its status and what a UI should show, and no other', () => {
    const rows = [...readme.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map(([, code, status, show]) => [
      code,
      Number(status),
      show,
    ]);
    expect(rows).toEqual(Object.entries(PROBLEM_CODES).map(([code, spec]) => [code, spec.status, spec.show]));
  });

  it('prints the typed-client example exactly as examples/typed-client.ts (which the contract test runs)', () => {
    const printed = /A typed client in ten lines[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(printed).toBe(readFileSync(new URL('../../examples/typed-client.ts', import.meta.url), 'utf8'));
  });
});
