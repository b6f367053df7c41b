import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, startTestApp } from '../../../../test/support/test-app.js';
import { newSigningKey, ROLE, TokenFactory } from '../../../../test/support/tokens.js';
import { approve, recordingClient, revoke, RoundRobinProxy, until } from './service-support.js';

// The client when the real service goes away and comes back, and behind a load balancer over two
// instances on one database; a database of this file's own.
describe('the enforcement client through outages and across instances', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let enforcement: string;
  let reviewer: string;

  beforeAll(async () => {
    db = await isolatedDatabase('client_outages');
    tokens = new TokenFactory(await newSigningKey());
    enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    reviewer = await tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('fails closed after staleAfterMs once the service stops, and is synced again when it is back on its port', async () => {
    let service = await startTestApp(db.env, tokens);
    // Another instance on the same database, to change grants while the client's instance is down.
    const other = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
    const port = Number(new URL(service.baseUrl).port);
    const { client, events, errors, exempt } = recordingClient(service.baseUrl, enforcement, { staleAfterMs: 2_000 });
    try {
      const kept = await approve(service, tokens, reviewer);
      const dropped = await approve(service, tokens, reviewer);
      await client.start();
      expect(exempt(kept) && exempt(dropped)).toBe(true);
      expect(events).toEqual(['synced']);

      await service.close();
      const closedAt = Date.now();
      await revoke(other, reviewer, dropped.grantId);
      // Still answering from its copy until staleAfterMs has passed since the last confirmation.
      await until(() => events.includes('stale'), 4_000);
      expect(Date.now() - closedAt).toBeLessThan(2_000 + 700);
      expect(client.decide({ tenantId: kept.tenantId, userId: kept.userId, surface: 'delegated_admin' })).toMatchObject({
        decision: 'mfa_required',
        reason: 'client_stale',
        challenge: { status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' },
      });
      expect(exempt(kept)).toBe(false);
      expect(client.status().synced).toBe(false);
      expect(errors.length).toBeGreaterThan(0);

      service = await startTestApp(db.env, tokens, { port });
      await until(() => events.includes('synced', 1), 8_000);
      expect(events).toEqual(['synced', 'stale', 'synced']);
      expect(exempt(kept)).toBe(true);
      // The change made while it was away has reached it.
      expect(exempt(dropped)).toBe(false);
    } finally {
      await client.stop();
      await Promise.all([service.close(), other.close()]);
    }
  });

  it('follows two instances behind a round-robin proxy, seeing changes made through either', async () => {
    const [a, b] = await Promise.all([startTestApp(db.env, tokens), startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens)]);
    const proxy = await RoundRobinProxy.start([a.baseUrl, b.baseUrl]);
    const { client, errors, events, exempt } = recordingClient(proxy.baseUrl, enforcement, { staleAfterMs: 2_000 });
    try {
      await client.start();
      const viaA = await approve(a, tokens, reviewer);
      await until(() => exempt(viaA), 1_000);
      const viaB = await approve(b, tokens, reviewer);
      await until(() => exempt(viaB), 1_000);
      await revoke(b, reviewer, viaA.grantId);
      await until(() => !exempt(viaA), 1_000);
      await revoke(a, reviewer, viaB.grantId);
      await until(() => !exempt(viaB), 1_000);
      // Quiet but healthy: the held polls (wait 1 s) keep confirming the copy, so it never goes stale.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(events).toEqual(['synced']);
      expect(exempt(viaA)).toBe(false);
      // Each instance answered polls of this client.
      expect(Math.min(...proxy.served)).toBeGreaterThanOrEqual(3);
      expect(errors).toEqual([]);
    } finally {
      await client.stop();
      await proxy.close();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
