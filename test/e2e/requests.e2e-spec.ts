import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, ROLE } from '../support/tokens.js';

describe('filing and following requests', () => {
  let t: TestApp;
  let partner: Awaited<ReturnType<typeof partnerTenant>>;
  let reviewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    partner = await partnerTenant(t.tokens);
    reviewer = await t.tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(() => t.close());

  it('files a request for an admin agent: 201, defaults, submitter, classification, stored', async () => {
    const body = buildRequestBody();
    const res = await t.http.post('/v1/exception-requests', body, { token: partner.adminAgent });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/exception-requests/${res.body.id}`);
    expect(res.body).toMatchObject({
      tenantId: partner.tenantId,
      topic: 'MFA and secure application model',
      issueType: 'Submit request for technical exception',
      title: body.title,
      description: body.description,
      affectedUserIds: body.affectedUserIds,
      surfaces: ['delegated_admin'],
      contact: body.contact,
      status: 'submitted',
      classification: { knownIssue: 6, eligibility: 'may_be_valid', missingDetails: [] },
      sla: { state: 'on_track' },
      submittedBy: { userId: partner.adminAgentId, upn: 'agent@partner.example', name: 'Test Agent' },
    });
    expect(Date.parse(res.body.sla.dueAt)).toBeGreaterThan(Date.parse(res.body.createdAt));
    const [row] = await t.db.query('SELECT status, tenant_id FROM exception_requests WHERE id = $1', [res.body.id]);
    expect(row).toEqual({ status: 'submitted', tenant_id: partner.tenantId });
  });

  it('lets a global admin file too, with the explicit topic and issue type', async () => {
    const res = await t.http.post(
      '/v1/exception-requests',
      buildRequestBody({ topic: 'MFA and secure application model', issueType: 'Submit request for technical exception' }),
      { token: partner.globalAdmin },
    );
    expect(res.status).toBe(201);
  });

  it('reads a request back for its tenant and for reviewers', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const mine = await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: partner.globalAdmin });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(filed.body);
    const byReviewer = await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: reviewer });
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.body.id).toBe(filed.body.id);
  });

  it('answers 404 problem+json for a request that does not exist', async () => {
    const res = await t.http.get(`/v1/exception-requests/${randomUUID()}`, { token: partner.adminAgent });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('lists a tenant newest first, in cursor pages that neither skip nor repeat', async () => {
    const tenant = await partnerTenant(t.tokens);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (await t.http.post('/v1/exception-requests', buildRequestBody({ title: `request ${i}` }), { token: tenant.adminAgent })).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http.get(
        `/v1/exception-requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: tenant.adminAgent },
      );
      seen.push(...res.body.items.map((item) => item.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status, and refuses a filter value it does not know with 400', async () => {
    const tenant = await partnerTenant(t.tokens);
    const a = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: tenant.adminAgent });
    await t.http.post('/v1/exception-requests', buildRequestBody(), { token: tenant.adminAgent });
    await t.http.post(`/v1/exception-requests/${a.body.id}/withdraw`, {}, { token: tenant.adminAgent });
    const withdrawn = await t.http.get('/v1/exception-requests?status=withdrawn', { token: tenant.adminAgent });
    expect(withdrawn.body.items.map((r: { id: string }) => r.id)).toEqual([a.body.id]);
    const both = await t.http.get('/v1/exception-requests?status=withdrawn,submitted', { token: tenant.adminAgent });
    expect(both.body.items).toHaveLength(2);
    const bad = await t.http.get('/v1/exception-requests?status=lost', { token: tenant.adminAgent });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('status');
  });

  it('lists every tenant for reviewers, earliest SLA due first, with a tenant filter', async () => {
    const other = await partnerTenant(t.tokens);
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: other.adminAgent });
    const all = await t.http.get('/v1/exception-requests?limit=200', { token: reviewer });
    expect(all.status).toBe(200);
    const dues = all.body.items.map((r: { sla: { dueAt: string } }) => Date.parse(r.sla.dueAt));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const tenants = new Set(all.body.items.map((r: { tenantId: string }) => r.tenantId));
    expect(tenants.size).toBeGreaterThan(1);
    const one = await t.http.get(`/v1/exception-requests?tenantId=${other.tenantId}`, { token: reviewer });
    expect(one.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
  });

  it('withdraws an undecided request once; a second withdraw is 409 naming the state', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const first = await t.http.post(
      `/v1/exception-requests/${filed.body.id}/withdraw`,
      { reason: 'resolved by enabling MFA' },
      { token: partner.adminAgent },
    );
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('withdrawn');
    const second = await t.http.post(`/v1/exception-requests/${filed.body.id}/withdraw`, {}, { token: partner.adminAgent });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ status: 409, currentStatus: 'withdrawn' });
    expect(await countRows(t.db, 'audit_events', "request_id = $1 AND type = 'request.withdrawn'", [filed.body.id])).toBe(1);
  });

  it('accepts a withdraw with no body at all', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const res = await t.http.send('POST', `/v1/exception-requests/${filed.body.id}/withdraw`, undefined, { token: partner.adminAgent });
    expect(res.status).toBe(200);
    const withJsonHeader = await t.http.post(`/v1/exception-requests/${filed.body.id}/withdraw`, undefined, {
      token: partner.adminAgent,
      headers: { 'content-type': 'application/json' },
    });
    expect(withJsonHeader.status).toBe(409);
  });

  it('keeps the conversation: partner and reviewer messages, oldest first, each an audit event', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const path = `/v1/exception-requests/${filed.body.id}/messages`;
    const fromPartner = await t.http.post(path, { body: 'Provider confirmation attached.' }, { token: partner.adminAgent });
    expect(fromPartner.status).toBe(201);
    expect(fromPartner.body).toMatchObject({
      requestId: filed.body.id,
      body: 'Provider confirmation attached.',
      author: { kind: 'partner', userId: partner.adminAgentId },
    });
    const fromReviewer = await t.http.post(path, { body: 'Thanks, looking at it.' }, { token: reviewer });
    expect(fromReviewer.status).toBe(201);
    expect(fromReviewer.body.author.kind).toBe('reviewer');
    const list = await t.http.get(path, { token: partner.adminAgent });
    expect(list.body.items.map((m: { body: string }) => m.body)).toEqual(['Provider confirmation attached.', 'Thanks, looking at it.']);
    expect(list.body.nextCursor).toBeNull();
    const events = await t.http.get(`/v1/exception-requests/${filed.body.id}/events`, { token: reviewer });
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['request.filed', 'message.posted', 'message.posted']);
  });

  it('records the audit trail oldest first with actor, time, from and to', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    await t.http.post(`/v1/exception-requests/${filed.body.id}/withdraw`, {}, { token: partner.globalAdmin });
    const events = await t.http.get(`/v1/exception-requests/${filed.body.id}/events`, { token: partner.adminAgent });
    expect(events.status).toBe(200);
    expect(events.body.items).toHaveLength(2);
    expect(events.body.items[0]).toMatchObject({
      type: 'request.filed',
      requestId: filed.body.id,
      actor: { kind: 'partner', userId: partner.adminAgentId },
      to: 'submitted',
    });
    expect(events.body.items[1]).toMatchObject({
      type: 'request.withdrawn',
      from: 'submitted',
      to: 'withdrawn',
      actor: { kind: 'partner' },
    });
    expect(Number.isNaN(Date.parse(events.body.items[1].at))).toBe(false);
  });

  it('refuses to update or delete an audit event, at the database', async () => {
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    await expect(t.db.query(`UPDATE audit_events SET type = 'x' WHERE request_id = $1`, [filed.body.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_events WHERE request_id = $1`, [filed.body.id])).rejects.toThrow(/append-only/);
    expect(await countRows(t.db, 'audit_events', "request_id = $1 AND type = 'request.filed'", [filed.body.id])).toBe(1);
  });
});
