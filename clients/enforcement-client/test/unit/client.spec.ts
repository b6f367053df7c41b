import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionInputError, EnforcementClient, type EnforcementClientOptions } from '../../src/index.js';
import { FakeService } from './fake-service.js';

const until = async (probe: () => boolean, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the enforcement client against a fake service', () => {
  let service: FakeService;
  let client: EnforcementClient;
  const errors: Error[] = [];
  let tokens = 0;

  const start = async (options: Partial<EnforcementClientOptions> = {}) => {
    client = new EnforcementClient({
      baseUrl: service.baseUrl,
      getToken: async () => `token-${++tokens}`,
      staleAfterMs: 2_000,
      ...options,
    });
    client.on('error', (error) => errors.push(error));
    await client.start();
    return client;
  };

  beforeEach(async () => {
    service = await FakeService.start();
    errors.length = 0;
  });
  afterEach(async () => {
    await client?.stop();
    await service.close();
  });

  it('loads the snapshot, answers with the service’s rules, and asks for a fresh token on every call', async () => {
    const g = service.grant({ surfaces: ['delegated_admin', 'partner_center_api'] });
    await start();
    const [tenantId, userId] = [g.tenantId, g.userIds[0]];
    expect(client.decide({ tenantId, userId, surface: 'delegated_admin' })).toEqual({
      decision: 'exempt',
      reason: 'active_exception_grant',
      grantId: g.grantId,
      expiresAt: g.expiresAt,
    });
    expect(client.isExempt(tenantId.toUpperCase(), userId.toUpperCase(), 'partner_center_api')).toBe(true);
    expect(client.decide({ tenantId, userId, surface: 'partner_center_dashboard' })).toMatchObject({
      decision: 'mfa_required',
      reason: 'no_mfa_no_exception',
      challenge: { status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' },
    });
    expect(client.decide({ surface: 'delegated_admin', claims: { tid: tenantId, oid: randomUUID(), amr: ['pwd', 'mfa'] } })).toEqual({
      decision: 'allow',
      reason: 'mfa_completed',
    });
    expect(client.decide({ surface: 'delegated_admin', claims: { tid: tenantId, idtyp: 'app' } }).decision).toBe('allow');
    expect(client.decide({ surface: 'delegated_admin', claims: { tid: tenantId, oid: userId, amr: ['pwd'] } }).decision).toBe('exempt');
    expect(client.decide({ tenantId, userId, surface: 'partner_center_dashboard', challengeStyle: 'rfc9470' })).toMatchObject({
      challenge: { wwwAuthenticate: expect.stringMatching(/^Bearer error="insufficient_user_authentication"/) },
    });
    // What the service answers 400 is a caller's bug here too.
    expect(() => client.decide({ tenantId, userId, surface: 'mail' })).toThrow(DecisionInputError);
    expect(() => client.decide({ tenantId: 'x', userId, surface: 'delegated_admin' })).toThrow(/claims.tid/);
    // Whatever the answer would have been: exempt (a malformed amr), allow (ids that are not UUIDs).
    expect(() => client.decide({ surface: 'delegated_admin', claims: { tid: tenantId, oid: userId, amr: 'pwd' } })).toThrow(/claims.amr/);
    expect(() => client.decide({ surface: 'delegated_admin', claims: { tid: 'x', oid: 'y', amr: ['mfa'] } })).toThrow(/claims.oid/);
    expect(() => client.decide({ surface: 'mail', claims: { tid: tenantId, idtyp: 'app' } })).toThrow(DecisionInputError);
    expect(client.status()).toMatchObject({ synced: true, grants: 1, cursor: 'c1', lastError: null });
    const auth = service.requests.map((r) => r.authorization);
    expect(new Set(auth).size).toBe(auth.length);
    expect(auth.every((a) => /^Bearer token-\d+$/.test(a ?? ''))).toBe(true);
  });

  it('compares expiry with the clock on every answer, without a change', async () => {
    const expiresAt = Date.now() + 60_000;
    const g = service.grant({ expiresAt: new Date(expiresAt).toISOString() });
    await start();
    const ask = (now: number) => client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin', now);
    expect(ask(expiresAt - 1)).toBe(true);
    expect(ask(expiresAt)).toBe(false);
  });

  it('holds the poll while nothing changes and hears of a change within milliseconds', async () => {
    await start({ staleAfterMs: 5_000 });
    await until(() => service.polls().some((p) => p.query.get('wait') === '4'));
    const g = service.grant();
    const since = Date.now();
    await until(() => client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin'));
    expect(Date.now() - since).toBeLessThan(500);
    service.revoke(g);
    await until(() => !client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin'));
    // The first poll after the snapshot does not wait: the copy is confirmed at once.
    expect(service.polls()[0].query.get('wait')).toBe('0');
  });

  it('fails closed after staleAfterMs without an answer: stale once, then synced when answers return', async () => {
    const g = service.grant();
    await start();
    const events: string[] = [];
    client.on('stale', () => events.push('stale')).on('synced', () => events.push('synced'));
    service.failWith = 503;
    await service.down();
    await service.up();
    const since = Date.now();
    await until(() => events.includes('stale'), 4_000);
    expect(Date.now() - since).toBeLessThan(2_700);
    expect(client.decide({ tenantId: g.tenantId, userId: g.userIds[0], surface: 'delegated_admin' })).toMatchObject({
      decision: 'mfa_required',
      reason: 'client_stale',
      challenge: { status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' },
    });
    // Even a token that did MFA: the service answers 503 to everything when its copy is stale.
    expect(client.decide({ surface: 'delegated_admin', claims: { tid: g.tenantId, oid: g.userIds[0], amr: ['mfa'] } }).decision).toBe(
      'mfa_required',
    );
    expect(client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin')).toBe(false);
    expect(client.status()).toMatchObject({ synced: false, lastError: expect.stringContaining('503') });
    expect(errors.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    service.failWith = null;
    await until(() => events.includes('synced'), 6_000);
    expect(events).toEqual(['stale', 'synced']);
    expect(client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin')).toBe(true);
  });

  it('backs off exponentially while the service fails, within the cap', async () => {
    await start({ backoff: { baseMs: 50, capMs: 400 } });
    service.failWith = 503;
    await service.down();
    await service.up();
    const from = service.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const calls = service.requests.slice(from);
    // Ceilings 50, 100, 200, 400, 400…: at least 2000/400 tries, and far fewer than without backoff.
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.length).toBeLessThan(40);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i].at);
    expect(Math.max(...gaps)).toBeLessThan(400 + 100);
  });

  it('starts again from a snapshot when the service no longer knows its cursor (410)', async () => {
    const before = service.grant();
    await start();
    service.failCursorWith = 410;
    service.revoke(before);
    const after = service.grant();
    await until(() => client.isExempt(after.tenantId, after.userIds[0], 'delegated_admin'));
    expect(client.isExempt(before.tenantId, before.userIds[0], 'delegated_admin')).toBe(false);
    const snapshots = service.requests.filter((r) => r.path === '/v1/enforcement/grants/changes' && !r.query.has('cursor'));
    expect(snapshots.length).toBe(2);
    expect(errors.some((e) => e.message.includes('410'))).toBe(true);
  });

  it('backs off when every cursor is refused, rather than loading snapshots in a tight loop', async () => {
    await start({ backoff: { baseMs: 50, capMs: 400 } });
    service.failCursorWith = 400;
    service.failCursorTimes = Infinity;
    service.grant();
    const from = service.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const snapshots = service.requests.slice(from).filter((r) => !r.query.has('cursor'));
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(snapshots.length).toBeLessThan(15);
  });

  it('reports exempt answers per grant in batches, keeping the counts of a failed batch', async () => {
    const g = service.grant();
    await start({ usageFlushMs: 60_000 });
    for (let i = 0; i < 3; i++) client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin');
    client.isExempt(g.tenantId, g.userIds[0], 'partner_center_api');
    service.failWith = 503;
    await client.flush();
    expect(service.usage).toEqual([]);
    service.failWith = null;
    const last = Date.now() + 1_000;
    client.decide({ tenantId: g.tenantId, userId: g.userIds[0], surface: 'delegated_admin', now: last });
    await client.flush();
    expect(service.usage).toEqual([[{ grantId: g.grantId, count: 4, lastUsedAt: new Date(last).toISOString() }]]);
    client.isExempt(g.tenantId, g.userIds[0], 'delegated_admin');
    await client.stop();
    expect(service.usage.at(-1)).toEqual([expect.objectContaining({ grantId: g.grantId, count: 1 })]);
  });

  it('stops at once while a poll is held, and rejects a start() that never synced', async () => {
    await start({ staleAfterMs: 60_000 });
    await until(() => service.polls().some((p) => p.query.get('wait') === '30'));
    const since = Date.now();
    await client.stop();
    expect(Date.now() - since).toBeLessThan(500);
    expect(client.status().synced).toBe(true);

    service.failWith = 503;
    const never = new EnforcementClient({ baseUrl: service.baseUrl, getToken: () => 't' });
    const started = never.start();
    await never.stop();
    await expect(started).rejects.toThrow(/stopped/);
  });
});
