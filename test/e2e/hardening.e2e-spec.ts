import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, tenantRowCounts } from '../support/factories.js';
import { LogLines, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';
import { expectProblem } from '../support/problems.js';

// Bounded input, authentication before the body is read, rate limits, timeouts on slow or idle
// clients, and X-Forwarded-* believed only from configured proxies.

const REQUESTS = '/v1/exception-requests';
const NOTHING_STORED = { exception_requests: 0, request_messages: 0, audit_events: 0, idempotency_keys: 0, outbox_jobs: 0 };

describe('bounded input', () => {
  let t: TestApp;
  const logs = new LogLines();

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info', PROCESS_ROLE: 'api' }, undefined, { logs });
  });
  afterAll(() => t?.close());

  const deep = (levels: number) => `{"title":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it.each([
    ['nested 1,500 levels deep (3 KB)', deep(1500), 'nests deeper than 16 levels'],
    ['nested 17 levels deep', deep(17), 'nests deeper than 16 levels'],
    [
      'with an array of 1,001 items',
      JSON.stringify(buildRequestBody({ affectedUserIds: Array.from({ length: 1001 }, () => randomUUID()) })),
      'more than 1000 items',
    ],
    [
      'with an object of 101 members',
      JSON.stringify({ ...buildRequestBody(), contact: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) }),
      'more than 100 members',
    ],
  ])('refuses a body %s: 400 naming the limit, quickly, nothing stored, nothing logged as an error', async (_name, raw, limit) => {
    const tenant = await partnerTenant(t.tokens);
    const started = performance.now();
    const res = await t.http.post(REQUESTS, undefined, { token: tenant.adminAgent, raw });
    expect(performance.now() - started).toBeLessThan(1000);
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: '(body)', message: expect.stringContaining(limit) }]);
    expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual(NOTHING_STORED);
    expect(logs.errors()).toEqual([]);
  });

  it('accepts bodies just inside the limits: 16 levels, and strings with brackets and commas', async () => {
    const tenant = await partnerTenant(t.tokens);
    const tricky = `{[${','.repeat(2000)}]}} "\\"[[[[`;
    const res = await t.http.post(REQUESTS, buildRequestBody({ title: 'Brackets [[[ and commas ,,,', description: tricky }), {
      token: tenant.adminAgent,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.description).toBe(tricky);
    const sixteen = await t.http.post(REQUESTS, undefined, { token: tenant.adminAgent, raw: deep(15) });
    // 16 levels in all (the body and 15 arrays): through the limit, and refused by validation instead.
    expectProblem(sixteen, 400);
    expect(sixteen.body.errors.map((e: { field: string }) => e.field)).not.toContain('(body)');
  });

  it('keeps the enforcement hot path fast while 16 deep bodies arrive at once', async () => {
    const tenant = await partnerTenant(t.tokens);
    const enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true });
    const status = `/v1/enforcement/status?tenantId=${tenant.tenantId}&userId=${randomUUID()}&surface=delegated_admin`;
    expect((await t.http.get(status, { token: enforcement })).status).toBe(200);
    const attacks = Array.from({ length: 16 }, () => t.http.post(REQUESTS, undefined, { token: tenant.adminAgent, raw: deep(1500) }));
    const started = performance.now();
    const answer = await t.http.get(status, { token: enforcement });
    const elapsed = performance.now() - started;
    for (const res of await Promise.all(attacks)) expect(res.status).toBe(400);
    expect(answer.status).toBe(200);
    expect(elapsed).toBeLessThan(500);
  });

  it('reads no body before the token checks out: a malformed or oversized body without a token is 401', async () => {
    const tenantId = randomUUID();
    const noToken = await t.http.post(REQUESTS, undefined, { raw: '{"title": ' });
    expectProblem(noToken, 401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const forged = await t.http.post(REQUESTS, undefined, { token: 'eyJhbGciOiJub25lIn0.e30.', raw: deep(1500) });
    expectProblem(forged, 401);
    const big = await t.http.post(REQUESTS, undefined, {
      raw: JSON.stringify({ description: 'x'.repeat(200_000) }),
      headers: { 'x-tenant': tenantId },
    });
    expectProblem(big, 401);
  });
});

describe('rate limits (RATE_LIMIT_WRITES_PER_MINUTE, RATE_LIMIT_READS_PER_MINUTE)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '3', RATE_LIMIT_READS_PER_MINUTE: '4', PROCESS_ROLE: 'api' });
  });
  afterAll(() => t?.close());

  it('answers a tenant past its writes 429 with Retry-After and stores nothing; another tenant files on', async () => {
    const a = await partnerTenant(t.tokens);
    const b = await partnerTenant(t.tokens);
    for (let i = 0; i < 3; i++)
      expect((await t.http.post(REQUESTS, buildRequestBody(), { token: i % 2 ? a.globalAdmin : a.adminAgent })).status).toBe(201);
    const limited = await t.http.post(REQUESTS, buildRequestBody(), { token: a.globalAdmin });
    expectProblem(limited, 429);
    expect(limited.body.code).toBe('rate_limit.exceeded');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [a.tenantId])).toBe(3);
    expect((await t.http.post(REQUESTS, buildRequestBody(), { token: b.adminAgent })).status).toBe(201);
  });

  it('counts reads apart from writes, per person for staff, and never limits enforcement', async () => {
    const a = await partnerTenant(t.tokens);
    for (let i = 0; i < 4; i++) expect((await t.http.get(REQUESTS, { token: a.adminAgent })).status).toBe(200);
    expectProblem(await t.http.get(REQUESTS, { token: a.globalAdmin }), 429);
    // Reads used up, writes are not.
    expect((await t.http.post(REQUESTS, buildRequestBody(), { token: a.adminAgent })).status).toBe(201);

    const reviewer1 = await t.tokens.mint({ role: ROLE.reviewer });
    const reviewer2 = await t.tokens.mint({ role: ROLE.reviewer });
    for (let i = 0; i < 4; i++) expect((await t.http.get('/v1/review-queue/stats', { token: reviewer1 })).status).toBe(200);
    expectProblem(await t.http.get('/v1/review-queue/stats', { token: reviewer1 }), 429);
    expect((await t.http.get('/v1/review-queue/stats', { token: reviewer2 })).status).toBe(200);

    const enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true });
    for (let i = 0; i < 10; i++) {
      expect(
        (
          await t.http.get(`/v1/enforcement/status?tenantId=${a.tenantId}&userId=${randomUUID()}&surface=delegated_admin`, {
            token: enforcement,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await t.http.post(
            '/v1/enforcement/evaluate',
            { surface: 'delegated_admin', claims: { tid: a.tenantId, oid: randomUUID(), amr: ['pwd'] } },
            { token: enforcement },
          )
        ).status,
      ).toBe(200);
    }
  });
});

/** A raw TCP connection to the app, resolving with how long it stayed open. */
function openConnection(t: TestApp, send?: string): { socket: Socket; closed: Promise<number> } {
  const port = Number(new URL(t.baseUrl).port);
  const started = performance.now();
  const socket = connect(port, '127.0.0.1', () => {
    if (send) socket.write(send);
  });
  socket.on('data', () => undefined);
  const closed = new Promise<number>((resolve) => {
    socket.on('close', () => resolve(performance.now() - started));
    socket.on('error', () => undefined);
  });
  return { socket, closed };
}

describe('HTTP timeouts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      HTTP_IDLE_TIMEOUT_MS: '800',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
      HTTP_HEADERS_TIMEOUT_MS: '800',
      HTTP_REQUEST_TIMEOUT_MS: '1500',
      PROCESS_ROLE: 'api',
    });
  });
  afterAll(() => t?.close());

  it('closes connections that never send a request, that stop half-way through the headers, and idle keep-alive ones', async () => {
    const idle = Array.from({ length: 20 }, () => openConnection(t));
    const half = openConnection(t, 'GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const keptAlive = openConnection(t, 'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    const timings = await Promise.race([
      Promise.all([...idle.map((c) => c.closed), half.closed, keptAlive.closed]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('connections still open after 5 s')), 5000)),
    ]);
    // Each within its timeout and Node's own margins (the keep-alive one gets Node's 1 s buffer).
    for (const ms of timings) expect(ms).toBeLessThan(2500);
  });
});

describe('X-Forwarded-For (TRUST_PROXY)', () => {
  it('is ignored by default, and believed when TRUST_PROXY names the proxy', async () => {
    for (const [trust, expected] of [
      ['false', '127.0.0.1'],
      ['127.0.0.1', '203.0.113.7'],
    ] as const) {
      const logs = new LogLines();
      const t = await startTestApp({ TRUST_PROXY: trust, LOG_LEVEL: 'info', PROCESS_ROLE: 'api' }, undefined, { logs });
      try {
        const tenant = await partnerTenant(t.tokens);
        expect(
          (
            await t.http.get(REQUESTS, {
              token: tenant.adminAgent,
              headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': `xff-${trust}` },
            })
          ).status,
        ).toBe(200);
        const line = logs.lines.find((l) => (l.req as { id?: string } | undefined)?.id === `xff-${trust}`);
        expect((line?.req as { remoteAddress: string }).remoteAddress).toBe(expected);
      } finally {
        await t.close();
      }
    }
  });
});
