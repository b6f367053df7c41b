import { describe, expect, it } from 'vitest';
import { claimantRefusal, conflictOfInterest, sameIdentity } from '../../src/requests/domain/claim.js';
import { grantProblems } from '../../src/review/domain/review-rules.js';

const PLATFORM = 'a1a1a1a1-0000-4000-8000-00000000beef';
const PARTNER = '6f1f3c1e-8a4b-4c5d-9e0f-123456789abc';
const ALICE = '0b5e7c52-2f1d-4b8e-9a37-0d7f3c0b9a11';
const BOB = '1c6f8d63-3a2e-4c9f-8b48-1e8a4d1cab22';
const NOW = new Date('2026-11-24T09:00:00.000Z');
const LATER = new Date('2026-11-24T09:30:00.000Z');
const DAY = 86_400_000;

const claimedBy = (tenantId: string | undefined, userId: string, claimExpiresAt: Date | null = LATER) => ({
  tenantId: PARTNER,
  assignee: { tenantId, userId },
  claimExpiresAt,
});

describe('who may act on a claimed request', () => {
  it('lets the claimant act while the lease is live', () => {
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE), { tenantId: PLATFORM, userId: ALICE }, NOW)).toBeNull();
  });

  it('refuses another reviewer', () => {
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE), { tenantId: PLATFORM, userId: BOB }, NOW)).toBe('not_claimant');
  });

  it('refuses the same user id from another directory: identity is (tenant, user)', () => {
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE), { tenantId: PARTNER, userId: ALICE }, NOW)).toBe('not_claimant');
  });

  it('refuses a claim recorded without a directory (written before identities had one)', () => {
    expect(claimantRefusal(claimedBy(undefined, ALICE), { tenantId: PLATFORM, userId: ALICE }, NOW)).toBe('not_claimant');
  });

  it('refuses an app-only caller, who is nobody', () => {
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE), { tenantId: PLATFORM, userId: null }, NOW)).toBe('not_claimant');
  });

  it('tells the claimant their lease lapsed, at the very instant it ends', () => {
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE, NOW), { tenantId: PLATFORM, userId: ALICE }, NOW)).toBe('claim_expired');
    expect(claimantRefusal(claimedBy(PLATFORM, ALICE, null), { tenantId: PLATFORM, userId: ALICE }, NOW)).toBe('claim_expired');
  });

  it('compares ids without regard to case', () => {
    expect(sameIdentity({ tenantId: PLATFORM.toUpperCase(), userId: ALICE.toUpperCase() }, { tenantId: PLATFORM, userId: ALICE })).toBe(
      true,
    );
  });
});

describe('separation of duties', () => {
  const filed = (tenantId: string, userId: string | null) => ({ tenantId, submittedBy: { userId } });

  it('allows a reviewer of another directory', () => {
    expect(conflictOfInterest(filed(PARTNER, BOB), { tenantId: PLATFORM, userId: ALICE })).toBeNull();
  });

  it('refuses the person who filed the request', () => {
    expect(conflictOfInterest(filed(PLATFORM, ALICE), { tenantId: PLATFORM, userId: ALICE })).toBe('filed_it');
  });

  it('refuses a colleague of the same directory', () => {
    expect(conflictOfInterest(filed(PLATFORM, BOB), { tenantId: PLATFORM, userId: ALICE })).toBe('own_tenant');
  });

  it('does not mistake the same user id in another directory for the filer', () => {
    expect(conflictOfInterest(filed(PARTNER, ALICE), { tenantId: PLATFORM, userId: ALICE })).toBeNull();
  });
});

describe('what a decision must carry', () => {
  const request = { affectedUserIds: [ALICE, BOB], surfaces: ['delegated_admin', 'partner_center_api'] };
  const grant = (overrides: Partial<{ userIds: string[]; surfaces: string[]; expiresAt: string }> = {}) => ({
    userIds: [ALICE],
    surfaces: ['delegated_admin'],
    expiresAt: new Date(NOW.getTime() + 30 * DAY).toISOString(),
    ...overrides,
  });
  const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

  it('accepts an approval with a grant inside the request', () => {
    expect(grantProblems('approved', grant(), request, NOW, 180)).toEqual([]);
  });

  it('needs a grant to approve and none to reject', () => {
    expect(fields(grantProblems('approved', undefined, request, NOW, 180))).toEqual(['grant']);
    expect(fields(grantProblems('rejected', grant(), request, NOW, 180))).toEqual(['grant']);
    expect(grantProblems('rejected', undefined, request, NOW, 180)).toEqual([]);
  });

  it('refuses an expiry in the past, now, or beyond the longest grant', () => {
    expect(fields(grantProblems('approved', grant({ expiresAt: NOW.toISOString() }), request, NOW, 180))).toEqual(['grant.expiresAt']);
    expect(
      fields(grantProblems('approved', grant({ expiresAt: new Date(NOW.getTime() + 181 * DAY).toISOString() }), request, NOW, 180)),
    ).toEqual(['grant.expiresAt']);
    expect(grantProblems('approved', grant({ expiresAt: new Date(NOW.getTime() + 180 * DAY).toISOString() }), request, NOW, 180)).toEqual(
      [],
    );
    expect(fields(grantProblems('approved', grant({ expiresAt: 'soon' }), request, NOW, 180))).toEqual(['grant.expiresAt']);
  });

  it('refuses accounts and surfaces the request did not name, each in its own field', () => {
    const problems = grantProblems(
      'approved',
      grant({ userIds: [ALICE, PLATFORM], surfaces: ['partner_center_dashboard'] }),
      request,
      NOW,
      180,
    );
    expect(fields(problems)).toEqual(['grant.userIds', 'grant.surfaces']);
    expect(problems[0].message).toContain(PLATFORM);
  });

  it('matches account ids without regard to case', () => {
    expect(grantProblems('approved', grant({ userIds: [ALICE.toUpperCase()] }), request, NOW, 180)).toEqual([]);
  });
});
