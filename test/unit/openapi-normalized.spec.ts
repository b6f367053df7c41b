import { describe, expect, it } from 'vitest';
import { normalizedDocument } from '../../src/openapi-document.js';

// The committed openapi/openapi.json is compared with the live document after normalizedDocument():
// an example time that moves with the clock (the decision's grant expires three months after start)
// must not make the committed copy stale the next day. CI caught one nested in an example object.

describe('normalizedDocument', () => {
  it('fixes example timestamps, also inside an example object, and leaves everything else alone', () => {
    const live = {
      a: { example: '2027-02-28T00:00:00.000Z', format: 'date-time' },
      b: { example: { userIds: ['u1'], expiresAt: '2027-02-28T00:00:00.000Z', nested: [{ at: '2030-01-01T10:00:00Z' }] } },
      c: { example: 'not a time', default: '2027-02-28T00:00:00.000Z' },
    };
    expect(normalizedDocument(live)).toEqual({
      a: { example: '2026-01-01T00:00:00.000Z', format: 'date-time' },
      b: { example: { userIds: ['u1'], expiresAt: '2026-01-01T00:00:00.000Z', nested: [{ at: '2026-01-01T00:00:00.000Z' }] } },
      c: { example: 'not a time', default: '2027-02-28T00:00:00.000Z' },
    });
  });
});
