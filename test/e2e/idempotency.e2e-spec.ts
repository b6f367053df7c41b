import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, tenantRowCounts } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant } from '../support/tokens.js';
import { expectProblem } from '../support/problems.js';

const FILE = '/v1/exception-requests';
const PARALLEL = 8;

type Tenant = Awaited<ReturnType<typeof partnerTenant>>;

// One filing queues its notice and its two SLA timers (at risk, breached).
const JOBS_PER_FILING = 3;
describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** A fresh tenant, so that its row counts belong to one test alone. */
  const freshTenant = () => partnerTenant(t.tokens);
  const key = () => `key-${randomUUID()}`;
  const file = (tenant: Tenant, body: unknown, idempotencyKey?: string, token = tenant.adminAgent) =>
    t.http.post(FILE, body, { token, headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey } });
  const postMessage = (tenant: Tenant, requestId: string, body: unknown, idempotencyKey?: string) =>
    t.http.post(`${FILE}/${requestId}/messages`, body, {
      token: tenant.adminAgent,
      headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    });

  describe('filing a request', () => {
    it('replays the first answer for the same key and body: 201, same body, idempotent-replayed, one row', async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody();
      const first = await file(tenant, body, k);
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();

      const again = await file(tenant, body, k);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('content-type')).toMatch(/^application\/json/);
      expect(again.headers.get('location')).toBe(`${FILE}/${first.body.id}`);
      expect(again.body).toEqual(first.body);

      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual({
        exception_requests: 1,
        request_messages: 0,
        audit_events: 1,
        idempotency_keys: 1,
        outbox_jobs: JOBS_PER_FILING,
      });
    });

    it('does not care about key order or white space in the JSON body', async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody({
        thirdPartyMfa: { provider: 'Duo Security', integrationMethod: 'custom_controls', providerConfirmedClaimCannotFlow: true },
      });
      const first = await file(tenant, body, k);
      expect(first.status).toBe(201);

      const reversed = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).reverse());
      const reordered = reversed({
        ...body,
        contact: reversed(body.contact as Record<string, unknown>),
        thirdPartyMfa: reversed(body.thirdPartyMfa as Record<string, unknown>),
      });
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
      const again = await t.http.post(FILE, undefined, {
        token: tenant.adminAgent,
        headers: { 'idempotency-key': k },
        raw: JSON.stringify(reordered, null, 2),
      });
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [tenant.tenantId])).toBe(1);
    });

    it('refuses the same key with a different body: 422 problem+json, no new row, the first answer still replays', async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody();
      const first = await file(tenant, body, k);
      expect(first.status).toBe(201);
      const before = await tenantRowCounts(t.db, tenant.tenantId);

      for (const different of [
        { ...body, title: 'Another title' },
        { ...body, surfaces: ['partner_center_api'] },
        { ...body, affectedUserIds: [randomUUID()] },
      ]) {
        const res = await file(tenant, different, k);
        expectProblem(res, 422);
        expect(res.headers.get('idempotent-replayed')).toBeNull();
        expect(res.text).not.toContain(first.body.id);
      }
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual(before);

      const replay = await file(tenant, body, k);
      expect(replay.status).toBe(201);
      expect(replay.body.id).toBe(first.body.id);
    });

    it("scopes keys per tenant: the same key in another tenant files that tenant's own request", async () => {
      const [a, b] = [await freshTenant(), await freshTenant()];
      const k = key();
      const body = buildRequestBody();
      const ofA = await file(a, body, k);
      const ofB = await file(b, body, k);
      expect(ofA.status).toBe(201);
      expect(ofB.status).toBe(201);
      expect(ofB.headers.get('idempotent-replayed')).toBeNull();
      expect(ofB.body.id).not.toBe(ofA.body.id);
      expect(ofB.body.tenantId).toBe(b.tenantId);
      for (const tenant of [a, b]) {
        const counts = await tenantRowCounts(t.db, tenant.tenantId);
        expect(counts).toMatchObject({ exception_requests: 1, idempotency_keys: 1 });
      }
      // and a replay in b answers b's request, never a's
      const replayB = await file(b, body, k);
      expect(replayB.body.id).toBe(ofB.body.id);
    });

    it('scopes keys per caller: a colleague sending the same key files a request of their own', async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody();
      const byAgent = await file(tenant, body, k, tenant.adminAgent);
      const byGlobalAdmin = await file(tenant, body, k, tenant.globalAdmin);
      expect(byGlobalAdmin.status).toBe(201);
      expect(byGlobalAdmin.headers.get('idempotent-replayed')).toBeNull();
      expect(byGlobalAdmin.body.id).not.toBe(byAgent.body.id);
      // and each caller's retry still replays their own answer
      expect((await file(tenant, body, k, tenant.adminAgent)).body.id).toBe(byAgent.body.id);
      expect((await file(tenant, body, k, tenant.globalAdmin)).body.id).toBe(byGlobalAdmin.body.id);
      expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [tenant.tenantId])).toBe(2);
    });

    it('replays the first answer even after the request has moved on', async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody();
      const first = await file(tenant, body, k);
      const withdrawn = await t.http.post(`${FILE}/${first.body.id}/withdraw`, {}, { token: tenant.adminAgent });
      expect(withdrawn.status).toBe(200);
      const replay = await file(tenant, body, k);
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(first.body);
      expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [tenant.tenantId])).toBe(1);
    });

    it(`creates exactly one request for ${PARALLEL} parallel POSTs with one key: all 201 with the same id`, async () => {
      const tenant = await freshTenant();
      const k = key();
      const body = buildRequestBody();
      const answers = await Promise.all(Array.from({ length: PARALLEL }, () => file(tenant, body, k)));
      expect(answers.map((r) => r.status)).toEqual(Array(PARALLEL).fill(201));
      const ids = new Set(answers.map((r) => r.body.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(PARALLEL - 1);
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual({
        exception_requests: 1,
        request_messages: 0,
        audit_events: 1,
        idempotency_keys: 1,
        outbox_jobs: JOBS_PER_FILING,
      });
      const [row] = await t.db.query('SELECT id FROM exception_requests WHERE tenant_id = $1', [tenant.tenantId]);
      expect(row.id).toBe([...ids][0]);
    });

    it("lets one of two parallel bodies under one key win: the winner's answers are 201, the others 422", async () => {
      const tenant = await freshTenant();
      const k = key();
      const bodyA = buildRequestBody({ title: 'body A' });
      const bodyB = buildRequestBody({ title: 'body B' });
      const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => file(tenant, i % 2 ? bodyB : bodyA, k)));
      expect(await countRows(t.db, 'exception_requests', 'tenant_id = $1', [tenant.tenantId])).toBe(1);
      const created = answers.filter((r) => r.status === 201);
      const refused = answers.filter((r) => r.status === 422);
      expect(created.length + refused.length).toBe(PARALLEL);
      expect(created).toHaveLength(PARALLEL / 2);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect(new Set(created.map((r) => r.body.title)).size).toBe(1);
      for (const res of refused) expectProblem(res, 422);
    });

    it('does not spend a key on a refused body: the key still files the corrected body', async () => {
      const tenant = await freshTenant();
      const k = key();
      const bad = await file(tenant, buildRequestBody({ title: '' }), k);
      expectProblem(bad, 422);
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toMatchObject({ exception_requests: 0, idempotency_keys: 0 });
      const good = await file(tenant, buildRequestBody(), k);
      expect(good.status).toBe(201);
      expect(good.headers.get('idempotent-replayed')).toBeNull();
    });

    it('creates two requests for two identical POSTs without a key', async () => {
      const tenant = await freshTenant();
      const body = buildRequestBody();
      const first = await file(tenant, body);
      const second = await file(tenant, body);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.headers.get('idempotent-replayed')).toBeNull();
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toMatchObject({ exception_requests: 2, idempotency_keys: 0, audit_events: 2 });
    });

    it('accepts a key of exactly 255 visible characters', async () => {
      const tenant = await freshTenant();
      const k = `${'k'.repeat(200)}!#$%&'*+-.^_\`|~:/=?@[]{}()<>,;"\\`.padEnd(255, 'z');
      expect(k).toHaveLength(255);
      const first = await file(tenant, buildRequestBody(), k);
      expect(first.status).toBe(201);
      const [row] = await t.db.query('SELECT key FROM idempotency_keys WHERE tenant_id = $1', [tenant.tenantId]);
      expect(row.key).toBe(k);
    });
  });

  describe('posting a message', () => {
    async function filedRequest(tenant: Tenant): Promise<string> {
      const res = await file(tenant, buildRequestBody());
      expect(res.status).toBe(201);
      return res.body.id;
    }
    const messagesOf = (requestId: string) => countRows(t.db, 'request_messages', 'request_id = $1', [requestId]);

    it('replays the first message for the same key and body: 201, same id, one row', async () => {
      const tenant = await freshTenant();
      const id = await filedRequest(tenant);
      const k = key();
      const first = await postMessage(tenant, id, { body: 'Provider confirmation attached.' }, k);
      expect(first.status).toBe(201);
      const again = await postMessage(tenant, id, { body: 'Provider confirmation attached.' }, k);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await messagesOf(id)).toBe(1);
      expect(await countRows(t.db, 'audit_events', "request_id = $1 AND type = 'message.posted'", [id])).toBe(1);
    });

    it('refuses the same key with a different message, or on another request: 422, no new row', async () => {
      const tenant = await freshTenant();
      const [id, otherId] = [await filedRequest(tenant), await filedRequest(tenant)];
      const k = key();
      expect((await postMessage(tenant, id, { body: 'first' }, k)).status).toBe(201);
      const before = await tenantRowCounts(t.db, tenant.tenantId);
      expectProblem(await postMessage(tenant, id, { body: 'second' }, k), 422);
      expectProblem(await postMessage(tenant, otherId, { body: 'first' }, k), 422);
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual(before);
      expect(await messagesOf(otherId)).toBe(0);
    });

    it('scopes keys per operation: a key used to file a request also posts a message, which is no replay of the filing', async () => {
      const tenant = await freshTenant();
      const k = key();
      const filed = await file(tenant, buildRequestBody(), k);
      expect(filed.status).toBe(201);
      const res = await postMessage(tenant, filed.body.id, { body: 'hello' }, k);
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
      expect(res.body).toMatchObject({ requestId: filed.body.id, body: 'hello' });
      expect(await messagesOf(filed.body.id)).toBe(1);
    });

    it(`creates exactly one message for ${PARALLEL} parallel posts with one key`, async () => {
      const tenant = await freshTenant();
      const id = await filedRequest(tenant);
      const k = key();
      const answers = await Promise.all(
        Array.from({ length: PARALLEL }, () => postMessage(tenant, id, { body: 'Retrying over a flaky link.' }, k)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(PARALLEL).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(await messagesOf(id)).toBe(1);
      expect(await countRows(t.db, 'audit_events', "request_id = $1 AND type = 'message.posted'", [id])).toBe(1);
      const list = await t.http.get(`${FILE}/${id}/messages`, { token: tenant.adminAgent });
      expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([answers[0].body.id]);
    });

    it('does not spend a key on a message to a request that does not exist (404)', async () => {
      const tenant = await freshTenant();
      const id = await filedRequest(tenant);
      const k = key();
      const missing = await postMessage(tenant, randomUUID(), { body: 'hello' }, k);
      expectProblem(missing, 404);
      expect(await countRows(t.db, 'idempotency_keys', 'tenant_id = $1', [tenant.tenantId])).toBe(0);
      expect((await postMessage(tenant, id, { body: 'hello' }, k)).status).toBe(201);
    });

    it('posts two messages for two identical posts without a key', async () => {
      const tenant = await freshTenant();
      const id = await filedRequest(tenant);
      const [a, b] = [await postMessage(tenant, id, { body: 'ping' }), await postMessage(tenant, id, { body: 'ping' })];
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
      expect(await messagesOf(id)).toBe(2);
    });
  });

  describe('an invalid Idempotency-Key header -> 400 naming Idempotency-Key, nothing stored', () => {
    const invalidKeys: [string, string][] = [
      ['256 characters', 'k'.repeat(256)],
      ['a space inside', 'my key'],
      ['a tab inside', 'my\tkey'],
      ['a non-ASCII character', 'cl\u00e9'],
      ['an empty value', ''],
    ];

    function expectKeyRefused(res: HttpResponse): void {
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('Idempotency-Key');
    }

    it.each(invalidKeys)('filing, with %s', async (_, k) => {
      const tenant = await freshTenant();
      const res = await file(tenant, buildRequestBody(), k);
      expectKeyRefused(res);
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual({
        exception_requests: 0,
        request_messages: 0,
        audit_events: 0,
        idempotency_keys: 0,
        outbox_jobs: 0,
      });
    });

    it.each(invalidKeys)('posting a message, with %s', async (_, k) => {
      const tenant = await freshTenant();
      const filed = await file(tenant, buildRequestBody());
      const before = await tenantRowCounts(t.db, tenant.tenantId);
      const res = await postMessage(tenant, filed.body.id, { body: 'hello' }, k);
      expectKeyRefused(res);
      expect(await tenantRowCounts(t.db, tenant.tenantId)).toEqual(before);
    });
  });
});
