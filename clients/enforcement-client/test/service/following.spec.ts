import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeldPolls } from '../../../../src/enforcement/held-polls.js';
import { TcpProxy } from '../../../../test/support/tcp-proxy.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { newSigningKey, ROLE, TokenFactory } from '../../../../test/support/tokens.js';
import type { EnforcementClient } from '../../src/index.js';
import { approve, recordingClient, revoke, until } from './service-support.js';

// The client following the real service (booted as the e2e tests boot it, on a real port and a
// database of this file's own): approvals, revocations, expiry, a cut connection, usage.
describe('the enforcement client following the real service', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let app: TestApp;
  let enforcement: string;
  let reviewer: string;
  const clients: EnforcementClient[] = [];

  const follow = async (baseUrl = app.baseUrl, options = {}) => {
    const recorded = recordingClient(baseUrl, enforcement, options);
    clients.push(recorded.client);
    await recorded.client.start();
    return recorded;
  };

  beforeAll(async () => {
    db = await isolatedDatabase('client_following');
    tokens = new TokenFactory(await newSigningKey());
    app = await startTestApp(db.env, tokens);
    enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    reviewer = await tokens.mint({ role: ROLE.reviewer });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.stop()));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('sees an approval and a revocation within a second, with the grant the API answers', async () => {
    const { client, exempt, errors } = await follow();
    const grant = await approve(app, tokens, reviewer);
    const approvedAt = Date.now();
    await until(() => exempt(grant), 1_000);
    expect(Date.now() - approvedAt).toBeLessThan(1_000);
    const resource = (await app.http.get(`/v1/exception-grants/${grant.grantId}`, { token: reviewer })).body;
    expect(client.decide({ tenantId: grant.tenantId, userId: grant.userId, surface: 'delegated_admin' })).toEqual({
      decision: 'exempt',
      reason: 'active_exception_grant',
      grantId: resource.id,
      expiresAt: resource.expiresAt,
    });
    // The same answer as the service's evaluate, for the same claims.
    const claims = { tid: grant.tenantId, oid: grant.userId, amr: ['pwd'] };
    for (const surface of ['delegated_admin', 'partner_center_api']) {
      const served = await app.http.post('/v1/enforcement/evaluate', { surface, claims }, { token: enforcement });
      expect(client.decide({ surface, claims })).toEqual(served.body);
    }

    await revoke(app, reviewer, grant.grantId);
    const revokedAt = Date.now();
    await until(() => !exempt(grant), 1_000);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(client.decide({ tenantId: grant.tenantId, userId: grant.userId, surface: 'delegated_admin' }).decision).toBe('mfa_required');
    expect(errors).toEqual([]);
  });

  it('stops exempting exactly at expiresAt, before any change says so', async () => {
    const grant = await approve(app, tokens, reviewer, { expiresAt: new Date(Date.now() + 2_500).toISOString() });
    const { client, changes } = await follow();
    const expiresAt = Date.parse(grant.expiresAt);
    const ask = (now?: number) => client.isExempt(grant.tenantId, grant.userId, 'delegated_admin', now);
    expect(ask(expiresAt - 1)).toBe(true);
    expect(ask(expiresAt)).toBe(false);
    expect(ask()).toBe(true);
    await until(() => Date.now() >= expiresAt, 5_000);
    // On the real clock too, and no change about this grant had reached the client.
    expect(ask()).toBe(false);
    expect(changes.filter((change) => change.grantId === grant.grantId)).toEqual([]);
  });

  it('resumes from its cursor after a cut connection: no change lost, none applied twice', async () => {
    const proxy = await TcpProxy.start('127.0.0.1', Number(new URL(app.baseUrl).port));
    try {
      const { client, changes, exempt } = await follow(`http://127.0.0.1:${proxy.port}`);
      // Where it stands now (a change of the previous test may have been applied during start()).
      const from = client.status().cursor!;
      const seenBefore = changes.length;
      const first = await approve(app, tokens, reviewer);
      await until(() => exempt(first), 1_000);

      // Cut while the poll is held; changes commit while the client cannot hear of them.
      await until(() => app.app.get(HeldPolls).heldCount > 0, 5_000);
      await proxy.cut();
      const second = await approve(app, tokens, reviewer);
      await revoke(app, reviewer, first.grantId);
      await proxy.restore();
      await until(() => exempt(second) && !exempt(first), 5_000);

      // Cut again just as a change commits: the answer may be lost on its way.
      await until(() => app.app.get(HeldPolls).heldCount > 0, 5_000);
      const third = approve(app, tokens, reviewer);
      await proxy.cut();
      await proxy.restore();
      const thirdGrant = await third;
      await until(() => exempt(thirdGrant), 5_000);

      // What the client applied is exactly the feed after where it started, in order, once each.
      const feed: string[] = [];
      for (let cursor = from, more = true; more;) {
        const page = (await app.http.get(`/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}`, { token: enforcement }))
          .body;
        feed.push(...page.items.map((item: { cursor: string }) => item.cursor));
        cursor = page.resumeCursor;
        more = page.nextCursor !== null;
      }
      const applied = changes.slice(seenBefore);
      expect(applied.map((change) => change.cursor)).toEqual(feed);
      const mine = new Set([first.grantId, second.grantId, thirdGrant.grantId]);
      expect(applied.filter((change) => mine.has(change.grantId)).map((change) => [change.type, change.grantId])).toEqual([
        ['created', first.grantId],
        ['created', second.grantId],
        ['revoked', first.grantId],
        ['created', thirdGrant.grantId],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('reports its exempt answers: the grant’s use count rises by exactly that many', async () => {
    const grant = await approve(app, tokens, reviewer);
    const { client, exempt } = await follow(app.baseUrl, { usageFlushMs: 60_000 });
    await until(() => exempt(grant), 1_000); // one exempt answer
    for (let i = 0; i < 6; i++) exempt(grant);
    client.isExempt(grant.tenantId, grant.userId, 'partner_center_api'); // not exempt: not counted
    const lastUsedAt = Date.now() + 1_000;
    client.decide({ tenantId: grant.tenantId, userId: grant.userId, surface: 'delegated_admin', now: lastUsedAt });
    await client.flush();
    const counted = (await app.http.get(`/v1/exception-grants/${grant.grantId}`, { token: reviewer })).body;
    expect(counted.useCount).toBe(8);
    expect(counted.lastUsedAt).toBe(new Date(lastUsedAt).toISOString());
    // The rest goes at stop().
    exempt(grant);
    await client.stop();
    expect((await app.http.get(`/v1/exception-grants/${grant.grantId}`, { token: reviewer })).body.useCount).toBe(9);
  });
});
