import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, PLATFORM_TENANT_ID, ROLE } from '../support/tokens.js';

// api.md, Authentication: staff roles (reviewer, review lead, enforcement) count only on tokens of
// AUTH_PLATFORM_TENANT_ID. A partner directory can assign this application's roles to its own users,
// so on any other tenant those roles are ignored: the caller is what its other roles make it.

const REQUESTS = '/v1/exception-requests';
const DAY = 86_400_000;
const REVIEWER_UPN = 'ada.reviewer@platform.example';

type Call = (t: TestApp, ids: { requestId: string; grantId: string; tenantId: string }, token: string) => Promise<HttpResponse>;

/** Every endpoint a staff role opens, each sent against a request and a grant of another tenant. */
const STAFF_ENDPOINTS: Record<string, Call> = {
  claim: (t, _ids, token) => t.http.post('/v1/review-queue/claim', undefined, { token }),
  stats: (t, _ids, token) => t.http.get('/v1/review-queue/stats', { token }),
  requestInfo: (t, ids, token) => t.http.post(`${REQUESTS}/${ids.requestId}/request-info`, { message: 'more please' }, { token }),
  decide: (t, ids, token) =>
    t.http.post(`${REQUESTS}/${ids.requestId}/decision`, { outcome: 'rejected', reason: 'self-approved' }, { token }),
  release: (t, ids, token) => t.http.post(`${REQUESTS}/${ids.requestId}/release`, undefined, { token }),
  reassign: (t, ids, token) => t.http.post(`${REQUESTS}/${ids.requestId}/reassign`, { reviewerId: randomUUID() }, { token }),
  report: (t, _ids, token) => t.http.get('/v1/reports/classification', { token }),
  revokeGrant: (t, ids, token) => t.http.post(`/v1/exception-grants/${ids.grantId}/revoke`, { reason: 'mine now' }, { token }),
  enforcementStatus: (t, ids, token) =>
    t.http.get(`/v1/enforcement/status?tenantId=${ids.tenantId}&userId=${randomUUID()}&surface=delegated_admin`, { token }),
  enforcementEvaluate: (t, ids, token) =>
    t.http.post(
      '/v1/enforcement/evaluate',
      { surface: 'delegated_admin', claims: { tid: ids.tenantId, oid: randomUUID(), amr: ['pwd'] } },
      { token },
    ),
  enforcementChanges: (t, _ids, token) => t.http.get('/v1/enforcement/grants/changes', { token }),
};

/** Endpoints a partner admin may call, where a staff role would widen what the caller sees. */
const PARTNER_VISIBLE: Record<string, Call> = {
  readRequest: (t, ids, token) => t.http.get(`${REQUESTS}/${ids.requestId}`, { token }),
  requestEvents: (t, ids, token) => t.http.get(`${REQUESTS}/${ids.requestId}/events`, { token }),
  readGrant: (t, ids, token) => t.http.get(`/v1/exception-grants/${ids.grantId}`, { token }),
};

describe('staff roles count only on the platform tenant', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let victim: Awaited<ReturnType<typeof partnerTenant>>;
  let ids: { requestId: string; grantId: string; tenantId: string };
  let reviewer: string;
  let reviewerId: string;

  beforeAll(async () => {
    db = await isolatedDatabase('staff');
    t = await startTestApp(db.env);
    victim = await partnerTenant(t.tokens);
    reviewerId = randomUUID();
    reviewer = await t.tokens.mint({ role: ROLE.reviewer, userId: reviewerId, claims: { upn: REVIEWER_UPN, name: 'Ada (Reviewer)' } });
    // The victim's approved request and grant, decided by a real platform reviewer.
    const filed = await t.http.post(REQUESTS, buildRequestBody(), { token: victim.adminAgent });
    expect(filed.status, filed.text).toBe(201);
    const claimed = await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer });
    expect(claimed.body.id).toBe(filed.body.id);
    expect((await t.http.post(`${REQUESTS}/${filed.body.id}/messages`, { body: 'Looking at it.' }, { token: reviewer })).status).toBe(201);
    const approved = await t.http.post(
      `${REQUESTS}/${filed.body.id}/decision`,
      {
        outcome: 'approved',
        reason: 'EXO PowerShell',
        grant: {
          userIds: filed.body.affectedUserIds,
          surfaces: ['delegated_admin'],
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      },
      { token: reviewer },
    );
    expect(approved.status, approved.text).toBe(200);
    // A second request still waiting, so that a claim would have something to take.
    expect((await t.http.post(REQUESTS, buildRequestBody(), { token: victim.adminAgent })).status).toBe(201);
    ids = { requestId: filed.body.id, grantId: approved.body.grantId, tenantId: victim.tenantId };
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const attackerRoles: [string, { role: string[]; app?: boolean }][] = [
    ['Exceptions.Reviewer', { role: [ROLE.reviewer] }],
    ['Exceptions.ReviewLead', { role: [ROLE.reviewLead] }],
    ['Exceptions.Enforcement (app-only)', { role: [ROLE.enforcement], app: true }],
    ['Exceptions.ReviewLead beside Partner.GlobalAdmin', { role: [ROLE.globalAdmin, ROLE.reviewLead] }],
  ];

  it.each(attackerRoles)(
    'a partner tenant token with %s is refused on every staff endpoint and changes nothing',
    async (_name, options) => {
      const attacker = await t.tokens.mint({ ...options, tenantId: randomUUID() });
      const before = await t.db.query('SELECT status, assignee, decision, updated_at FROM exception_requests ORDER BY id');
      const grantsBefore = await t.db.query('SELECT revoked_at FROM exception_grants ORDER BY id');
      const eventsBefore = await countRows(t.db, 'audit_events');

      const statuses: Record<string, number> = {};
      for (const [name, call] of Object.entries(STAFF_ENDPOINTS)) {
        const res = await call(t, ids, attacker);
        statuses[name] = res.status;
        expect(res.headers.get('content-type'), name).toContain('application/problem+json');
      }
      expect(statuses).toEqual(Object.fromEntries(Object.keys(STAFF_ENDPOINTS).map((name) => [name, 403])));
      expect(await t.db.query('SELECT status, assignee, decision, updated_at FROM exception_requests ORDER BY id')).toEqual(before);
      expect(await t.db.query('SELECT revoked_at FROM exception_grants ORDER BY id')).toEqual(grantsBefore);
      expect(await countRows(t.db, 'audit_events')).toBe(eventsBefore);
    },
  );

  it("a partner admin holding a staff role still sees only its own tenant: the victim's request and grant are 404", async () => {
    const attacker = await t.tokens.mint({ role: [ROLE.globalAdmin, ROLE.reviewLead], tenantId: randomUUID() });
    for (const [name, call] of Object.entries(PARTNER_VISIBLE)) {
      expect((await call(t, ids, attacker)).status, name).toBe(404);
    }
    const list = await t.http.get(`${REQUESTS}?tenantId=${victim.tenantId}`, { token: attacker });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const grants = await t.http.get(`/v1/exception-grants?tenantId=${victim.tenantId}`, { token: attacker });
    expect(grants.status).toBe(200);
    expect(grants.body.items).toEqual([]);
  });

  it('shows partners the reviewers who claimed, wrote, decided and granted by display name only, never their ids or sign-in names', async () => {
    const answers = [
      await t.http.get(`${REQUESTS}/${ids.requestId}`, { token: victim.adminAgent }),
      await t.http.get(`${REQUESTS}?limit=200`, { token: victim.adminAgent }),
      await t.http.get(`${REQUESTS}/${ids.requestId}/messages`, { token: victim.adminAgent }),
      await t.http.get(`${REQUESTS}/${ids.requestId}/events`, { token: victim.adminAgent }),
      await t.http.get(`/v1/exception-grants/${ids.grantId}`, { token: victim.adminAgent }),
      await t.http.get('/v1/exception-grants', { token: victim.adminAgent }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(reviewerId);
      expect(res.text).not.toContain(REVIEWER_UPN);
    }
    const [request, , messages, events, grant] = answers.map((res) => res.body);
    expect(request.assignee).toEqual({ name: 'Ada (Reviewer)', claimExpiresAt: null });
    expect(request.decision.decidedBy).toEqual({ name: 'Ada (Reviewer)' });
    expect(messages.items[0].author).toEqual({ kind: 'reviewer', name: 'Ada (Reviewer)' });
    expect(
      events.items.filter((e: { actor: { kind: string } }) => e.actor.kind === 'reviewer').map((e: { actor: unknown }) => e.actor),
    ).toEqual(Array(4).fill({ kind: 'reviewer' }));
    expect(grant.createdBy).toEqual({ name: 'Ada (Reviewer)' });
    // Reviewers still see who did what.
    const staffView = await t.http.get(`${REQUESTS}/${ids.requestId}`, { token: reviewer });
    expect(staffView.body.assignee).toMatchObject({ userId: reviewerId, upn: REVIEWER_UPN });
  });

  it('keeps the roles on the platform tenant: a reviewer and an enforcement service of the platform still work', async () => {
    const stats = await t.http.get('/v1/review-queue/stats', { token: reviewer });
    expect(stats.status).toBe(200);
    expect((await t.http.get(`${REQUESTS}/${ids.requestId}`, { token: reviewer })).status).toBe(200);
    const enforcement = await t.tokens.mint({ role: ROLE.enforcement, app: true, tenantId: PLATFORM_TENANT_ID });
    const status = await t.http.get(`/v1/enforcement/status?tenantId=${victim.tenantId}&userId=${randomUUID()}&surface=delegated_admin`, {
      token: enforcement,
    });
    expect(status.status).toBe(200);
  });

  it('a platform reviewer never decides a request of the platform tenant, even one a colleague filed', async () => {
    const platformAdmin = await t.tokens.mint({ role: ROLE.globalAdmin, tenantId: PLATFORM_TENANT_ID });
    const filed = await t.http.post(REQUESTS, buildRequestBody(), { token: platformAdmin });
    expect(filed.status).toBe(201);
    // Drain the queue down to the platform's own request (claimed last).
    let claimed: HttpResponse;
    do {
      claimed = await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer });
      expect(claimed.status).toBe(200);
    } while (claimed.body.id !== filed.body.id);
    const decision = await t.http.post(`${REQUESTS}/${filed.body.id}/decision`, { outcome: 'rejected', reason: 'no' }, { token: reviewer });
    expect(decision.status).toBe(403);
    expect((await t.http.get(`${REQUESTS}/${filed.body.id}`, { token: reviewer })).body.status).toBe('in_review');
  });

  it('a reviewer never decides a request they filed themselves (same tenant and user)', async () => {
    const dual = await t.tokens.mint({ role: [ROLE.globalAdmin, ROLE.reviewer], tenantId: PLATFORM_TENANT_ID });
    const filed = await t.http.post(REQUESTS, buildRequestBody(), { token: dual });
    expect(filed.status).toBe(201);
    let claimed: HttpResponse;
    do {
      claimed = await t.http.post('/v1/review-queue/claim', undefined, { token: dual });
      expect(claimed.status).toBe(200);
    } while (claimed.body.id !== filed.body.id);
    const decision = await t.http.post(`${REQUESTS}/${filed.body.id}/decision`, { outcome: 'rejected', reason: 'no' }, { token: dual });
    expect(decision.status).toBe(403);
  });
});
