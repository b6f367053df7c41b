import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GrantCopy, type GrantRecord } from '../../../../src/enforcement/domain/grant-copy.js';

const grant = (overrides: Partial<GrantRecord> = {}): GrantRecord => ({
  grantId: randomUUID(),
  tenantId: randomUUID(),
  userIds: [randomUUID()],
  surfaces: ['delegated_admin'],
  validFrom: '2026-11-01T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

describe('the grant copy', () => {
  it('finds a grant by tenant and user, for each of its users', () => {
    const copy = new GrantCopy();
    const g = grant({ userIds: [randomUUID(), randomUUID()] });
    copy.add(g);
    for (const userId of g.userIds) {
      expect(copy.grantsOf(g.tenantId, userId)).toEqual([
        {
          grantId: g.grantId,
          surfaces: g.surfaces,
          validFrom: Date.parse(g.validFrom),
          expiresAt: Date.parse(g.expiresAt),
          expiresAtText: g.expiresAt,
        },
      ]);
    }
    expect(copy.grantsOf(randomUUID(), g.userIds[0])).toEqual([]);
    expect(copy.size).toBe(1);
  });

  it('keys ids in lowercase, as the decision looks them up', () => {
    const copy = new GrantCopy();
    const g = grant();
    copy.add({ ...g, grantId: g.grantId.toUpperCase(), tenantId: g.tenantId.toUpperCase(), userIds: [g.userIds[0].toUpperCase()] });
    expect(copy.grantsOf(g.tenantId, g.userIds[0])).toHaveLength(1);
    expect(copy.remove(g.grantId)).toBe(true);
    expect(copy.grantsOf(g.tenantId, g.userIds[0])).toEqual([]);
  });

  it('adds a grant once (a snapshot page and the feed may both carry it)', () => {
    const copy = new GrantCopy();
    const g = grant();
    expect(copy.add(g)).toBe(true);
    expect(copy.add(g)).toBe(false);
    expect(copy.grantsOf(g.tenantId, g.userIds[0])).toHaveLength(1);
  });

  it('removes a grant from each of its users and leaves the user’s other grants', () => {
    const copy = new GrantCopy();
    const first = grant();
    const second = grant({ tenantId: first.tenantId, userIds: first.userIds });
    copy.add(first);
    copy.add(second);
    expect(copy.grantsOf(first.tenantId, first.userIds[0])).toHaveLength(2);
    expect(copy.remove(first.grantId)).toBe(true);
    expect(copy.grantsOf(first.tenantId, first.userIds[0]).map((g) => g.grantId)).toEqual([second.grantId]);
    expect(copy.remove(first.grantId)).toBe(false);
    expect(copy.size).toBe(1);
  });
});
