import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, tenantRowCounts } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, PLATFORM_TENANT_ID, ROLE } from '../support/tokens.js';

// Contract (api.md, Authentication and Conventions): roles decide what a caller may do (403 otherwise),
// and another tenant's request is answered 404, never 403, so that its existence does not leak.

type Partner = Awaited<ReturnType<typeof partnerTenant>>;

/** The request endpoints of the roles table, each sent against one request id. */
const ENDPOINTS: Record<string, (t: TestApp, id: string, token: string) => Promise<HttpResponse>> = {
  file: (t, _id, token) =>
    t.http.post('/v1/exception-requests', buildRequestBody(), { token, headers: { 'idempotency-key': randomUUID() } }),
  list: (t, _id, token) => t.http.get('/v1/exception-requests', { token }),
  read: (t, id, token) => t.http.get(`/v1/exception-requests/${id}`, { token }),
  withdraw: (t, id, token) => t.http.post(`/v1/exception-requests/${id}/withdraw`, { reason: 'no longer needed' }, { token }),
  postMessage: (t, id, token) =>
    t.http.post(`/v1/exception-requests/${id}/messages`, { body: 'hello' }, { token, headers: { 'idempotency-key': randomUUID() } }),
  listMessages: (t, id, token) => t.http.get(`/v1/exception-requests/${id}/messages`, { token }),
  listEvents: (t, id, token) => t.http.get(`/v1/exception-requests/${id}/events`, { token }),
};

/** Calls every endpoint in turn (in order: file first, withdraw before the message endpoints). */
async function callAll(t: TestApp, id: string, token: string): Promise<Record<string, HttpResponse>> {
  const answers: Record<string, HttpResponse> = {};
  for (const [name, call] of Object.entries(ENDPOINTS)) answers[name] = await call(t, id, token);
  return answers;
}

const statusesOf = (answers: Record<string, HttpResponse>) =>
  Object.fromEntries(Object.entries(answers).map(([name, res]) => [name, res.status]));
const everyEndpoint = (status: number) => Object.fromEntries(Object.keys(ENDPOINTS).map((name) => [name, status]));

function expectProblems(answers: Record<string, HttpResponse>, status: number): void {
  for (const [name, res] of Object.entries(answers)) {
    expect(res.headers.get('content-type'), name).toContain('application/problem+json');
    expect(res.body, name).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  }
}

/** Everything stored about one request: its row, its messages and its audit trail. */
async function snapshotRequest(t: TestApp, id: string) {
  const [row] = await t.db.query('SELECT status, updated_at FROM exception_requests WHERE id = $1', [id]);
  return {
    row,
    messages: await countRows(t.db, 'request_messages', 'request_id = $1', [id]),
    events: await countRows(t.db, 'audit_events', 'request_id = $1', [id]),
  };
}

describe('authorization', () => {
  let t: TestApp;
  let tenantA: Partner;

  beforeAll(async () => {
    t = await startTestApp();
    tenantA = await partnerTenant(t.tokens);
  });
  afterAll(() => t?.close());

  async function fileForA(): Promise<{ id: string; tenantId: string }> {
    const res = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: tenantA.adminAgent });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('callers with no business here get 403 on every request endpoint and change nothing', () => {
    // All of tenant A, the tenant that owns the request: so the 403 is about the role, not the tenant.
    const callers: [string, () => Promise<string>][] = [
      ['Partner.SalesAgent', () => t.tokens.mint({ role: ROLE.salesAgent, tenantId: tenantA.tenantId })],
      ['Partner.HelpdeskAgent', () => t.tokens.mint({ role: ROLE.helpdeskAgent, tenantId: tenantA.tenantId })],
      ['a token with no roles', () => t.tokens.mint({ role: [], tenantId: tenantA.tenantId })],
      ['Exceptions.Enforcement (app-only)', () => t.tokens.mint({ role: ROLE.enforcement, app: true, tenantId: tenantA.tenantId })],
    ];

    it.each(callers)('%s', async (_name, mint) => {
      const request = await fileForA();
      const before = await tenantRowCounts(t.db, tenantA.tenantId);
      const snapshot = await snapshotRequest(t, request.id);

      const answers = await callAll(t, request.id, await mint());

      expect(statusesOf(answers)).toEqual(everyEndpoint(403));
      expectProblems(answers, 403);
      expect(await tenantRowCounts(t.db, tenantA.tenantId)).toEqual(before);
      expect(await snapshotRequest(t, request.id)).toEqual(snapshot);
    });
  });

  describe('reviewers', () => {
    let reviewer: string;
    let reviewerTenant: string;

    beforeAll(async () => {
      reviewerTenant = PLATFORM_TENANT_ID;
      reviewer = await t.tokens.mint({ role: ROLE.reviewer, tenantId: reviewerTenant });
    });

    it('may not file: 403, nothing stored', async () => {
      const title = `reviewer filing ${randomUUID()}`;
      const res = await t.http.post('/v1/exception-requests', buildRequestBody({ title }), {
        token: reviewer,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await countRows(t.db, 'exception_requests', 'title = $1', [title])).toBe(0);
      expect(await tenantRowCounts(t.db, reviewerTenant)).toMatchObject({ exception_requests: 0, idempotency_keys: 0 });
    });

    it("may not withdraw a partner's request: 403, the request stays submitted", async () => {
      const request = await fileForA();
      const snapshot = await snapshotRequest(t, request.id);
      const res = await t.http.post(`/v1/exception-requests/${request.id}/withdraw`, {}, { token: reviewer });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await snapshotRequest(t, request.id)).toEqual(snapshot);
      expect(snapshot.row.status).toBe('submitted');
    });

    it("reads and lists any tenant's requests, and keeps the conversation and audit trail", async () => {
      const request = await fileForA();

      const read = await t.http.get(`/v1/exception-requests/${request.id}`, { token: reviewer });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: request.id, tenantId: tenantA.tenantId, status: 'submitted' });

      const list = await t.http.get(`/v1/exception-requests?tenantId=${tenantA.tenantId}&limit=200`, { token: reviewer });
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(request.id);

      const posted = await t.http.post(`/v1/exception-requests/${request.id}/messages`, { body: 'Looking into it.' }, { token: reviewer });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ requestId: request.id, body: 'Looking into it.', author: { kind: 'reviewer' } });

      const messages = await t.http.get(`/v1/exception-requests/${request.id}/messages`, { token: reviewer });
      expect(messages.status).toBe(200);
      expect(messages.body.items.map((m: { id: string }) => m.id)).toEqual([posted.body.id]);

      const events = await t.http.get(`/v1/exception-requests/${request.id}/events`, { token: reviewer });
      expect(events.status).toBe(200);
      expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['request.filed', 'message.posted']);
      expect(events.body.items[1].actor.kind).toBe('reviewer');
    });

    it("a review lead may do what a reviewer may: read, list, message and follow another tenant's request", async () => {
      const lead = await t.tokens.mint({ role: ROLE.reviewLead });
      const request = await fileForA();

      const read = await t.http.get(`/v1/exception-requests/${request.id}`, { token: lead });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: request.id, tenantId: tenantA.tenantId });

      const list = await t.http.get(`/v1/exception-requests?tenantId=${tenantA.tenantId}&limit=200`, { token: lead });
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(request.id);

      const posted = await t.http.post(`/v1/exception-requests/${request.id}/messages`, { body: 'Lead here.' }, { token: lead });
      expect(posted.status).toBe(201);
      expect(posted.body.author.kind).toBe('reviewer');
      expect((await t.http.get(`/v1/exception-requests/${request.id}/messages`, { token: lead })).body.items).toHaveLength(1);

      const events = await t.http.get(`/v1/exception-requests/${request.id}/events`, { token: lead });
      expect(events.status).toBe(200);
      expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['request.filed', 'message.posted']);
    });
  });

  describe('GET /v1/known-issues', () => {
    const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

    function expectCatalogue(res: HttpResponse): void {
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((i: { number: number }) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      for (const item of res.body.items) {
        expect(item).toMatchObject({
          title: expect.any(String),
          eligibility: expect.stringMatching(/^(not_valid|may_be_valid)$/),
          guidance: expect.any(String),
          requiredDetails: expect.any(Array),
        });
        expect(item.title.length).toBeGreaterThan(0);
        expect(item.guidance.length).toBeGreaterThan(0);
      }
    }

    it('answers the seven known issues to partner admins and reviewers', async () => {
      const reviewer = await t.tokens.mint({ role: ROLE.reviewer });
      const lead = await t.tokens.mint({ role: ROLE.reviewLead });
      for (const token of [tenantA.adminAgent, tenantA.globalAdmin, reviewer, lead]) {
        expectCatalogue(await t.http.get('/v1/known-issues', { token }));
      }
    });

    it('is closed to enforcement services, to sales and helpdesk agents ("nothing here"), and open to a signed-in user with no role', async () => {
      const enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true });
      const sales = await t.tokens.mint({ role: ROLE.salesAgent, tenantId: tenantA.tenantId });
      const helpdesk = await t.tokens.mint({ role: ROLE.helpdeskAgent, tenantId: tenantA.tenantId });
      for (const token of [enforcement, sales, helpdesk]) expect((await t.http.get('/v1/known-issues', { token })).status).toBe(403);
      expectCatalogue(await t.http.get('/v1/known-issues', { token: await t.tokens.mint({ role: [] }) }));
    });

    it('refuses the enforcement role on a user (not app-only) token everywhere', async () => {
      const userWithRole = await t.tokens.mint({ role: ROLE.enforcement });
      expect(
        (
          await t.http.get(`/v1/enforcement/status?tenantId=${tenantA.tenantId}&userId=${randomUUID()}&surface=delegated_admin`, {
            token: userWithRole,
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.http.post('/v1/enforcement/evaluate', { surface: 'delegated_admin', claims: {} }, { token: userWithRole })).status,
      ).toBe(403);
      expect((await t.http.get('/v1/known-issues', { token: userWithRole })).status).toBe(403);
    });

    it('answers in Japanese for Accept-Language: ja, in English otherwise', async () => {
      const english = await t.http.get('/v1/known-issues', { token: tenantA.adminAgent });
      const japanese = await t.http.get('/v1/known-issues', { token: tenantA.adminAgent, headers: { 'accept-language': 'ja' } });
      expectCatalogue(japanese);
      for (const item of english.body.items) expect(item.title).not.toMatch(JAPANESE);
      for (const item of japanese.body.items) expect(item.title).toMatch(JAPANESE);
      // Same issues, same facts: only the language changes.
      expect(japanese.body.items.map((i: { eligibility: string }) => i.eligibility)).toEqual(
        english.body.items.map((i: { eligibility: string }) => i.eligibility),
      );
    });
  });

  describe('tenant isolation', () => {
    let tenantB: Partner;

    beforeAll(async () => {
      tenantB = await partnerTenant(t.tokens);
    });

    it("answers another tenant's request 404 (never 403) on every endpoint, and leaves it unchanged", async () => {
      const request = await fileForA();
      const snapshot = await snapshotRequest(t, request.id);
      const countsA = await tenantRowCounts(t.db, tenantA.tenantId);
      const countsB = await tenantRowCounts(t.db, tenantB.tenantId);

      for (const token of [tenantB.adminAgent, tenantB.globalAdmin]) {
        const answers: Record<string, HttpResponse> = {};
        for (const name of ['read', 'withdraw', 'postMessage', 'listMessages', 'listEvents']) {
          answers[name] = await ENDPOINTS[name](t, request.id, token);
        }
        expect(statusesOf(answers)).toEqual({ read: 404, withdraw: 404, postMessage: 404, listMessages: 404, listEvents: 404 });
        expectProblems(answers, 404);
      }

      const read = await t.http.get(`/v1/exception-requests/${request.id}`, { token: tenantA.adminAgent });
      expect(read.body.status).toBe('submitted');
      expect(await snapshotRequest(t, request.id)).toEqual(snapshot);
      expect(await tenantRowCounts(t.db, tenantA.tenantId)).toEqual(countsA);
      // B's failed attempts stored nothing under B either (not even the idempotency keys it sent).
      expect(await tenantRowCounts(t.db, tenantB.tenantId)).toEqual(countsB);
    });

    it("answers another tenant's request exactly like one that does not exist", async () => {
      const request = await fileForA();
      const theirs = await t.http.get(`/v1/exception-requests/${request.id}`, { token: tenantB.adminAgent });
      const missing = await t.http.get(`/v1/exception-requests/${randomUUID()}`, { token: tenantB.adminAgent });
      const shape = (res: HttpResponse) => ({ status: res.status, type: res.body.type, title: res.body.title });
      expect(shape(theirs)).toEqual(shape(missing));
      expect(theirs.body.detail.replace(request.id, '<id>')).toBe(missing.body.detail.replace(/[0-9a-f-]{36}/, '<id>'));
    });

    it("never lists another tenant's requests, even when asked for them with ?tenantId=", async () => {
      const a = await fileForA();
      const b = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: tenantB.adminAgent });
      expect(b.status).toBe(201);

      const listB = await t.http.get('/v1/exception-requests?limit=200', { token: tenantB.adminAgent });
      expect(listB.status).toBe(200);
      expect(listB.body.items.map((r: { id: string }) => r.id)).toContain(b.body.id);
      expect(listB.body.items.map((r: { id: string }) => r.id)).not.toContain(a.id);
      expect(new Set(listB.body.items.map((r: { tenantId: string }) => r.tenantId))).toEqual(new Set([tenantB.tenantId]));

      const askedForA = await t.http.get(`/v1/exception-requests?tenantId=${tenantA.tenantId}`, { token: tenantB.adminAgent });
      expect(askedForA.status).toBe(200);
      expect(askedForA.body).toEqual({ items: [], nextCursor: null });

      const listA = await t.http.get('/v1/exception-requests?limit=200', { token: tenantA.adminAgent });
      expect(listA.body.items.map((r: { id: string }) => r.id)).toContain(a.id);
      expect(listA.body.items.map((r: { id: string }) => r.id)).not.toContain(b.body.id);
    });

    it("does not replay another tenant's answer for the same Idempotency-Key", async () => {
      const key = randomUUID();
      const body = buildRequestBody();
      const fromA = await t.http.post('/v1/exception-requests', body, { token: tenantA.adminAgent, headers: { 'idempotency-key': key } });
      expect(fromA.status).toBe(201);
      const fromB = await t.http.post('/v1/exception-requests', body, { token: tenantB.adminAgent, headers: { 'idempotency-key': key } });
      expect(fromB.status).toBe(201);
      expect(fromB.body.id).not.toBe(fromA.body.id);
      expect(fromB.body.tenantId).toBe(tenantB.tenantId);
      expect(fromB.headers.get('idempotent-replayed')).toBeNull();
    });
  });
});
