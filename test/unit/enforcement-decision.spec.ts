import { describe, expect, it } from 'vitest';
import {
  challengeFor,
  evaluateEnforcement,
  DEFAULT_STEP_UP_ACR,
  UnknownSurfaceError,
  type IndexedGrant,
} from '../../src/enforcement/domain/enforcement-decision.js';
import { grantStatus } from '../../src/grants/domain/grant-status.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';
const NOW = Date.parse('2026-11-25T12:00:00Z');
const grant = (overrides: Partial<IndexedGrant> = {}): IndexedGrant => ({
  grantId: 'g-1',
  surfaces: ['delegated_admin'],
  validFrom: NOW - 3600_000,
  expiresAt: NOW + 3600_000,
  ...overrides,
});
const index = (grants: Record<string, IndexedGrant[]>) => (tenantId: string, userId: string) => grants[`${tenantId}:${userId}`] ?? [];
const userClaims = { tid: TENANT, oid: USER, amr: ['pwd'] };

describe('enforcement decision', () => {
  it('allows app-only tokens: MFA does not apply to them', () => {
    expect(
      evaluateEnforcement({ surface: 'partner_center_api', claims: { idtyp: 'app', tid: TENANT }, now: NOW, grantsOf: index({}) }),
    ).toEqual({
      decision: 'allow',
      reason: 'app_only_token',
    });
  });

  it('allows a user token whose amr says MFA was done', () => {
    expect(
      evaluateEnforcement({ surface: 'partner_center_api', claims: { ...userClaims, amr: ['pwd', 'mfa'] }, now: NOW, grantsOf: index({}) }),
    ).toEqual({ decision: 'allow', reason: 'mfa_completed' });
  });

  it('exempts a user with an active grant for this tenant and surface', () => {
    const result = evaluateEnforcement({
      surface: 'delegated_admin',
      claims: userClaims,
      now: NOW,
      grantsOf: index({ [`${TENANT}:${USER}`]: [grant()] }),
    });
    expect(result).toEqual({
      decision: 'exempt',
      reason: 'active_exception_grant',
      grantId: 'g-1',
      expiresAt: new Date(NOW + 3600_000).toISOString(),
    });
  });

  it("answers an exempt call with the caller's answer for the grant, when the caller keeps one per grant", () => {
    const kept = grant({ grantId: 'g-kept' });
    const answer = { decision: 'exempt', reason: 'active_exception_grant', grantId: 'g-kept', expiresAt: 'kept' } as const;
    const asked: IndexedGrant[] = [];
    const result = evaluateEnforcement({
      surface: 'delegated_admin',
      claims: userClaims,
      now: NOW,
      grantsOf: index({ [`${TENANT}:${USER}`]: [kept] }),
      exempt: (g) => (asked.push(g), answer),
    });
    expect(result).toBe(answer);
    expect(asked).toEqual([kept]);
  });

  it('matches ids whatever their case', () => {
    const result = evaluateEnforcement({
      surface: 'delegated_admin',
      claims: { ...userClaims, tid: TENANT.toUpperCase(), oid: USER.toUpperCase() },
      now: NOW,
      grantsOf: index({ [`${TENANT}:${USER}`]: [grant()] }),
    });
    expect(result.decision).toBe('exempt');
  });

  it.each([
    ['another surface', 'partner_center_dashboard', { [`${TENANT}:${USER}`]: [grant()] }],
    ['another user', 'delegated_admin', { [`${TENANT}:33333333-3333-4333-8333-333333333333`]: [grant()] }],
    ['another tenant', 'delegated_admin', { [`44444444-4444-4444-8444-444444444444:${USER}`]: [grant()] }],
    ['a grant that expired', 'delegated_admin', { [`${TENANT}:${USER}`]: [grant({ expiresAt: NOW - 1 })] }],
    ['a grant that expires exactly now', 'delegated_admin', { [`${TENANT}:${USER}`]: [grant({ expiresAt: NOW })] }],
    ['a grant not yet valid', 'delegated_admin', { [`${TENANT}:${USER}`]: [grant({ validFrom: NOW + 1 })] }],
    ['no grant at all (a revoked grant leaves the index)', 'delegated_admin', {}],
  ])("requires MFA with %s, with the seed's challenge", (_, surface, grants) => {
    const result = evaluateEnforcement({ surface, claims: userClaims, now: NOW, grantsOf: index(grants) });
    expect(result).toMatchObject({
      decision: 'mfa_required',
      challenge: { status: 401, wwwAuthenticate: 'Bearer error="invalid_token"', statusText: 'Unauthorized - MFA required' },
    });
  });

  it('answers the RFC 9470 step-up challenge when asked', () => {
    const result = evaluateEnforcement({
      surface: 'partner_center_api',
      claims: userClaims,
      now: NOW,
      grantsOf: index({}),
      challengeStyle: 'rfc9470',
    });
    expect(result.decision).toBe('mfa_required');
    const { wwwAuthenticate } = (result as { challenge: { wwwAuthenticate: string } }).challenge;
    expect(wwwAuthenticate).toMatch(/^Bearer error="insufficient_user_authentication"/);
    expect(wwwAuthenticate).toContain(`acr_values="${DEFAULT_STEP_UP_ACR}"`);
    expect(challengeFor('rfc9470', 'c1').wwwAuthenticate).toContain('acr_values="c1"');
  });

  it('requires MFA for a user token without tenant or user ids', () => {
    expect(evaluateEnforcement({ surface: 'delegated_admin', claims: { amr: ['pwd'] }, now: NOW, grantsOf: index({}) }).decision).toBe(
      'mfa_required',
    );
  });

  it('refuses an unknown surface', () => {
    expect(() => evaluateEnforcement({ surface: 'mail', claims: userClaims, now: NOW, grantsOf: index({}) })).toThrow(UnknownSurfaceError);
    expect(() => evaluateEnforcement({ surface: 42, claims: { idtyp: 'app' }, now: NOW, grantsOf: index({}) })).toThrow(
      UnknownSurfaceError,
    );
  });

  it('prefers the grant that lasts longest when several apply', () => {
    const result = evaluateEnforcement({
      surface: 'delegated_admin',
      claims: userClaims,
      now: NOW,
      grantsOf: index({ [`${TENANT}:${USER}`]: [grant(), grant({ grantId: 'g-2', expiresAt: NOW + 7200_000 })] }),
    });
    expect(result).toMatchObject({ decision: 'exempt', grantId: 'g-2' });
  });
});

describe('grant status', () => {
  const times = { validFrom: new Date(NOW - 1000), expiresAt: new Date(NOW + 1000), revokedAt: null };
  it('is active until expiresAt, expired exactly from expiresAt, revoked once revoked', () => {
    expect(grantStatus(times, new Date(NOW))).toBe('active');
    expect(grantStatus(times, new Date(NOW + 999))).toBe('active');
    expect(grantStatus(times, new Date(NOW + 1000))).toBe('expired');
    expect(grantStatus({ ...times, revokedAt: new Date(NOW) }, new Date(NOW))).toBe('revoked');
  });
});
