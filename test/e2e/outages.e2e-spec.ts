import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { isolatedDatabase, LogLines, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant } from '../support/tokens.js';
import { inject } from 'vitest';

// PostgreSQL or Redis made unreachable for this app only (a TCP proxy the test cuts and restores):
// answers are 503 problem+json with Retry-After and code service.unavailable within 10 s, never 500,
// and the app recovers without a restart.

const REQUESTS = '/v1/exception-requests';

function expectUnavailable(res: HttpResponse): void {
  expect(res.status, res.text).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, code: 'service.unavailable', type: expect.any(String), detail: expect.any(String) });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

describe('PostgreSQL unreachable', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let proxy: TcpProxy;
  let t: TestApp;
  const logs = new LogLines();

  beforeAll(async () => {
    db = await isolatedDatabase('pg_outage');
    proxy = await TcpProxy.start('127.0.0.1', Number(new URL(db.url).port || 5432));
    t = await startTestApp({ ...db.env, DATABASE_URL: TcpProxy.rewrite(db.url, proxy), LOG_LEVEL: 'warn' }, undefined, { logs });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 with Retry-After within 10 s while it is away, readiness too, and recovers without a restart', async () => {
    const tenant = await partnerTenant(t.tokens);
    expect((await t.http.post(REQUESTS, buildRequestBody(), { token: tenant.adminAgent })).status).toBe(201);

    await proxy.cut();
    const filing = await timed(() => t.http.post(REQUESTS, buildRequestBody(), { token: tenant.adminAgent }));
    expectUnavailable(filing.value);
    expect(filing.ms).toBeLessThan(10_000);
    const listing = await timed(() => t.http.get(REQUESTS, { token: tenant.adminAgent }));
    expectUnavailable(listing.value);
    expect(listing.ms).toBeLessThan(10_000);
    const ready = await timed(() => t.http.get('/health/ready'));
    expectUnavailable(ready.value);
    expect(ready.ms).toBeLessThan(10_000);
    // An outage is a warning, not an unhandled error with a stack.
    expect(logs.errors()).toEqual([]);

    await proxy.restore();
    const filed = await waitFor(
      async () => {
        const res = await t.http.post(REQUESTS, buildRequestBody(), { token: tenant.adminAgent });
        return res.status === 201 ? res : undefined;
      },
      15_000,
      200,
    );
    expect(filed.body.tenantId).toBe(tenant.tenantId);
    expect((await t.http.get('/health/ready')).status).toBe(200);
    expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [tenant.tenantId])).toBe(2);
  }, 60_000);
});

describe('Redis unreachable', () => {
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    const redis = new URL(inject('redisUrl'));
    proxy = await TcpProxy.start(redis.hostname, Number(redis.port || 6379));
    t = await startTestApp({
      REDIS_URL: TcpProxy.rewrite(inject('redisUrl'), proxy),
      RATE_LIMIT_WRITES_PER_MINUTE: '100',
      RATE_LIMIT_READS_PER_MINUTE: '100',
      PROCESS_ROLE: 'api',
    });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  it('reports not ready (503, Retry-After) within 10 s, keeps filing (the outbox holds the jobs, rate limits are skipped), and recovers', async () => {
    const tenant = await partnerTenant(t.tokens);
    expect((await t.http.get('/health/ready')).status).toBe(200);

    await proxy.cut();
    const ready = await timed(() => t.http.get('/health/ready'));
    expectUnavailable(ready.value);
    expect(ready.ms).toBeLessThan(10_000);
    const filing = await timed(() => t.http.post(REQUESTS, buildRequestBody(), { token: tenant.adminAgent }));
    expect(filing.value.status, filing.value.text).toBe(201);
    expect(filing.ms).toBeLessThan(10_000);
    expect((await t.http.get(REQUESTS, { token: tenant.adminAgent })).status).toBe(200);

    await proxy.restore();
    await waitFor(async () => (await t.http.get('/health/ready')).status === 200, 15_000, 200);
  }, 60_000);
});
