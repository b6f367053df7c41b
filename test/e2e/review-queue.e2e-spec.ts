import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_REGISTRY } from '../../src/queue/queue.module.js';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import { fastSlaEnv, isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, PLATFORM_TENANT_ID, ROLE, TokenFactory } from '../support/tokens.js';

// The queue is global: this file works on a database of its own.
describe('review queue and SLA', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  const apps: TestApp[] = [];
  /**
   * Starts the app a test runs against, after closing the ones earlier tests started: an earlier
   * app's worker would otherwise relay and run this test's timers, and hide a missing feature.
   */
  const start = async (env: Record<string, string> = {}) => {
    for (const app of apps.splice(0)) await app.close();
    const app = await startTestApp({ ...db.env, ...env }, tokens);
    apps.push(app);
    return app;
  };
  const reviewer = (userId = randomUUID()) => tokens.mint({ role: ROLE.reviewer, userId });
  const events = async (t: TestApp, token: string, id: string) =>
    (await t.http.get(`/v1/exception-requests/${id}/events?limit=200`, { token })).body.items as {
      type: string;
      from: string | null;
      to: string | null;
      actor: { kind: string };
      data: Record<string, unknown> | null;
    }[];

  beforeAll(async () => {
    db = await isolatedDatabase('review');
    tokens = new TokenFactory(await newSigningKey());
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db.drop();
  });

  /** Closes every open request of earlier tests (this file's own database), so each test starts from an empty queue. */
  async function drain(t: TestApp) {
    await t.db.query(
      `UPDATE exception_requests SET status = 'withdrawn', claim_expires_at = NULL WHERE status IN ('submitted', 'in_review', 'info_requested')`,
    );
  }

  it('hands 10 waiting requests to 20 parallel claims: 10 distinct requests and 10 × 204', async () => {
    const t = await start();
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = new Set<string>();
    for (let i = 0; i < 10; i++)
      filed.add((await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body.id);
    const reviewers = await Promise.all(Array.from({ length: 20 }, () => reviewer()));
    const answers = await Promise.all(reviewers.map((token) => t.http.post('/v1/review-queue/claim', undefined, { token })));
    const claimed = answers.filter((a) => a.status === 200).map((a) => a.body.id as string);
    expect(answers.filter((a) => a.status === 204)).toHaveLength(10);
    expect(claimed).toHaveLength(10);
    expect(new Set(claimed)).toEqual(filed);
    expect(await countRows(t.db, 'audit_events', "type = 'request.claimed' AND request_id = ANY($1::uuid[])", [[...filed]])).toBe(10);
  });

  it('hands out the request due first, ties going to the oldest', async () => {
    const t = await start();
    await drain(t);
    const partner = await partnerTenant(tokens);
    const first = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const second = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    // Make the second one due earlier, as if filed before a long weekend.
    await t.db.query(`UPDATE exception_requests SET sla_due_at = sla_due_at - interval '1 day' WHERE id = $1`, [second.body.id]);
    const claims = [];
    for (let i = 0; i < 2; i++) claims.push((await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() })).body.id);
    expect(claims).toEqual([second.body.id, first.body.id]);
    expect((await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() })).status).toBe(204);
  });

  it('returns a request to the queue when the claim lapses, by its timer and to the next claimant', async () => {
    const t = await start({ REVIEW_CLAIM_TTL: '1' });
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const first = await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() });
    expect(first.body).toMatchObject({ id: filed.body.id, status: 'in_review' });
    const back = await waitFor(async () => {
      const res = await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: partner.adminAgent });
      return res.body.status === 'submitted' ? res.body : null;
    });
    expect(back.assignee).toBeNull();
    const released = (await events(t, partner.adminAgent, filed.body.id)).find((e) => e.type === 'request.released');
    expect(released).toMatchObject({ actor: { kind: 'system' }, from: 'in_review', to: 'submitted', data: { reason: 'claim_expired' } });
    const secondReviewerId = randomUUID();
    const second = await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer(secondReviewerId) });
    expect(second.body).toMatchObject({ id: filed.body.id, assignee: { userId: secondReviewerId } });
  });

  it('lets the next claimant take a lapsed claim at once, before any timer', async () => {
    // API only, and no other app running: no outbox relay, no worker, so no timer can release the claim.
    const t = await start({ REVIEW_CLAIM_TTL: '1', PROCESS_ROLE: 'api' });
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() });
    expect((await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await t.http.post('/v1/review-queue/claim', undefined, { token: await reviewer() });
    expect(next.body.id).toBe(filed.body.id);
    const types = (await events(t, partner.adminAgent, filed.body.id)).map((e) => e.type);
    expect(types).toEqual(['request.filed', 'request.claimed', 'request.released', 'request.claimed']);
  });

  it('answers 409 naming the state for every move the lifecycle does not allow', async () => {
    const t = await start();
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    const anyReviewer = await reviewer();
    const path = `/v1/exception-requests/${filed.id}`;
    const grant = {
      userIds: filed.affectedUserIds,
      surfaces: filed.surfaces,
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    };
    const refused = async (res: { status: number; body: { currentStatus?: string } }, status: string) => {
      expect(res.status).toBe(409);
      expect(res.body.currentStatus).toBe(status);
    };
    // submitted: not yet claimed
    await refused(await t.http.post(`${path}/decision`, { outcome: 'approved', reason: 'ok', grant }, { token: anyReviewer }), 'submitted');
    await refused(await t.http.post(`${path}/request-info`, { message: 'which module version?' }, { token: anyReviewer }), 'submitted');
    await refused(await t.http.post(`${path}/release`, undefined, { token: anyReviewer }), 'submitted');
    // withdrawn: final
    await t.http.post(`${path}/withdraw`, {}, { token: partner.adminAgent });
    await refused(await t.http.post(`${path}/withdraw`, {}, { token: partner.adminAgent }), 'withdrawn');
    await refused(await t.http.post(`${path}/decision`, { outcome: 'rejected', reason: 'no' }, { token: anyReviewer }), 'withdrawn');
    await refused(await t.http.post(`${path}/request-info`, { message: 'x' }, { token: anyReviewer }), 'withdrawn');
    expect((await t.http.post('/v1/review-queue/claim', undefined, { token: anyReviewer })).status).toBe(204);
  });

  it('pauses the clock while waiting on the partner, moves the due time by the pause on reply, and hands the answer back to the reviewer who asked', async () => {
    const t = await start({ ...fastSlaEnv(3600) });
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    const dueAt = Date.parse(filed.sla.dueAt);
    const reviewerId = randomUUID();
    const reviewerToken = await reviewer(reviewerId);
    await t.http.post('/v1/review-queue/claim', undefined, { token: reviewerToken });
    const asked = await t.http.post(
      `/v1/exception-requests/${filed.id}/request-info`,
      { message: 'Which Exchange module version?' },
      { token: reviewerToken },
    );
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'info_requested', sla: { state: 'paused' } });
    const pausedAt = Date.parse(asked.body.sla.pausedAt);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const reply = await t.http.post(
      `/v1/exception-requests/${filed.id}/messages`,
      { body: 'Version 1.0.1, the old remote PowerShell module.' },
      { token: partner.adminAgent },
    );
    expect(reply.status).toBe(201);
    const after = (await t.http.get(`/v1/exception-requests/${filed.id}`, { token: partner.adminAgent })).body;
    // The reviewer's claim is still live: the answer comes back to them, not to the queue.
    expect(after).toMatchObject({ status: 'in_review', sla: { state: 'on_track', pausedAt: null } });
    expect((await t.http.get(`/v1/exception-requests/${filed.id}`, { token: reviewerToken })).body.assignee).toMatchObject({
      userId: reviewerId,
    });
    const moved = Date.parse(after.sla.dueAt) - dueAt;
    const [resumed] = await t.db.query(`SELECT updated_at FROM exception_requests WHERE id = $1`, [filed.id]);
    expect(moved).toBe(new Date(resumed.updated_at).getTime() - pausedAt); // whole-day calendar: business time = elapsed time
    expect(moved).toBeGreaterThanOrEqual(600);
    const types = (await events(t, partner.adminAgent, filed.id)).map((e) => e.type);
    expect(types).toEqual([
      'request.filed',
      'request.claimed',
      'message.posted',
      'request.info_requested',
      'message.posted',
      'request.info_provided',
    ]);
    const messages = (await t.http.get(`/v1/exception-requests/${filed.id}/messages`, { token: partner.adminAgent })).body.items;
    expect(messages.map((m: { author: { kind: string } }) => m.author.kind)).toEqual(['reviewer', 'partner']);
  });

  it('fires at_risk and then breached from delayed jobs, once each, and tells the review leads', async () => {
    const t = await start({ ...fastSlaEnv(2), RECONCILE_INTERVAL_MS: '3600000' });
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    expect(filed.sla.state).toBe('on_track');
    const breached = await waitFor(async () => {
      const res = await t.http.get(`/v1/exception-requests/${filed.id}`, { token: partner.adminAgent });
      return res.body.sla.state === 'breached' ? res.body : null;
    }, 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(breached.sla.dueAt));
    const sla = (await events(t, partner.adminAgent, filed.id)).filter((e) => e.type.startsWith('sla.'));
    expect(sla.map((e) => [e.type, e.from, e.to, e.actor.kind])).toEqual([
      ['sla.at_risk', 'on_track', 'at_risk', 'system'],
      ['sla.breached', 'at_risk', 'breached', 'system'],
    ]);
    expect(await countRows(t.db, 'notifications', "request_id = $1 AND audience = 'review_leads'", [filed.id])).toBe(2);
    const lead = await tokens.mint({ role: ROLE.reviewLead });
    const list = await t.http.get(`/v1/exception-requests?slaState=breached&tenantId=${partner.tenantId}`, { token: lead });
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(filed.id);
  });

  it('recomputes SLA states from the database when Redis lost the timers', async () => {
    const t = await start({ ...fastSlaEnv(2), RECONCILE_INTERVAL_MS: '500' });
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    await waitFor(
      async () => (await countRows(t.db, 'outbox_jobs', "relayed_at IS NULL AND payload->>'requestId' = $1", [filed.id])) === 0,
    );
    // Redis loses the delayed timers (a flush, a failover without persistence).
    const sla = t.app.get(QUEUE_REGISTRY).get('sla')!;
    for (const name of ['sla.at_risk', 'sla.breached']) await (await sla.getJob(`${name}-${filed.id}`))?.remove();
    const state = await waitFor(async () => {
      const res = await t.http.get(`/v1/exception-requests/${filed.id}`, { token: partner.adminAgent });
      return res.body.sla.state === 'breached' ? res.body.sla.state : null;
    }, 15_000);
    expect(state).toBe('breached');
    const types = (await events(t, partner.adminAgent, filed.id)).map((e) => e.type).filter((type) => type.startsWith('sla.'));
    expect(types).toEqual(['sla.at_risk', 'sla.breached']);
  });

  it('reports the queue: waiting, in review, paused, at risk, breached, oldest waiting, median time to decision', async () => {
    const t = await start();
    await drain(t);
    const partner = await partnerTenant(tokens);
    const a = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    const reviewerToken = await reviewer();
    const claimed = (await t.http.post('/v1/review-queue/claim', undefined, { token: reviewerToken })).body;
    expect(claimed.id).toBe(a.id);
    const decided = await t.http.post(
      `/v1/exception-requests/${a.id}/decision`,
      { outcome: 'rejected', reason: 'Use the new EXO V3 module, which supports MFA.' },
      { token: reviewerToken },
    );
    expect(decided.status).toBe(200);
    const stats = await t.http.get('/v1/review-queue/stats', { token: reviewerToken });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ waiting: 1, inReview: 0 });
    expect(stats.body.decided).toBeGreaterThanOrEqual(1);
    expect(stats.body.oldestWaiting).toMatchObject({ requestId: expect.any(String), since: expect.any(String) });
    expect(typeof stats.body.medianBusinessHoursToDecision).toBe('number');
    expect((await t.http.get('/v1/review-queue/stats', { token: partner.adminAgent })).status).toBe(403);
  });

  it('answers a retried decision with the same Idempotency-Key with the first answer, not a 409', async () => {
    const t = await start();
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    const reviewerToken = await reviewer();
    await t.http.post('/v1/review-queue/claim', undefined, { token: reviewerToken });
    const body = {
      outcome: 'approved',
      reason: 'EXO PowerShell',
      grant: { userIds: filed.affectedUserIds, surfaces: filed.surfaces, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    };
    const headers = { 'idempotency-key': `decision-${filed.id}` };
    const first = await t.http.post(`/v1/exception-requests/${filed.id}/decision`, body, { token: reviewerToken, headers });
    const retry = await t.http.post(`/v1/exception-requests/${filed.id}/decision`, body, { token: reviewerToken, headers });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countRows(t.db, 'exception_grants', 'request_id = $1', [filed.id])).toBe(1);
    const other = await t.http.post(
      `/v1/exception-requests/${filed.id}/decision`,
      { ...body, reason: 'different' },
      { token: reviewerToken, headers },
    );
    expect(other.status).toBe(422);
  });

  it("hands a reviewer their own tenant's request only when nothing else waits (they may not decide it)", async () => {
    const t = await start();
    await drain(t);
    // Staff belong to the platform tenant, which may also file requests of its own.
    const own = await partnerTenant(tokens, PLATFORM_TENANT_ID);
    const other = await partnerTenant(tokens);
    const ownRequest = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: own.adminAgent })).body;
    const otherRequest = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: other.adminAgent })).body;
    const sameTenantReviewer = await tokens.mint({ role: ROLE.reviewer });
    expect((await t.http.post('/v1/review-queue/claim', undefined, { token: sameTenantReviewer })).body.id).toBe(otherRequest.id);
    const second = await t.http.post('/v1/review-queue/claim', undefined, { token: sameTenantReviewer });
    expect(second.body.id).toBe(ownRequest.id);
    const refused = await t.http.post(
      `/v1/exception-requests/${ownRequest.id}/decision`,
      { outcome: 'rejected', reason: 'no' },
      { token: sameTenantReviewer },
    );
    expect(refused.status).toBe(403);
  });

  it('writes an at_risk that fell due before a pause, and a withdrawal from the pause leaves no paused clock', async () => {
    const t = await start({ ...fastSlaEnv(60), PROCESS_ROLE: 'api' }); // no worker: no timer fires
    await drain(t);
    const partner = await partnerTenant(tokens);
    const filed = (await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent })).body;
    const reviewerToken = await reviewer();
    await t.http.post('/v1/review-queue/claim', undefined, { token: reviewerToken });
    // As if the at-risk timer were late: its time has passed when the reviewer asks the partner.
    await t.db.query(`UPDATE exception_requests SET sla_at_risk_at = now() - interval '1 second' WHERE id = $1`, [filed.id]);
    await t.http.post(`/v1/exception-requests/${filed.id}/request-info`, { message: 'Which module version?' }, { token: reviewerToken });
    const types = (await events(t, partner.adminAgent, filed.id)).map((e) => e.type);
    expect(types.filter((type) => type === 'sla.at_risk')).toHaveLength(1);
    expect(types.indexOf('sla.at_risk')).toBeLessThan(types.indexOf('request.info_requested'));
    const withdrawn = await t.http.post(`/v1/exception-requests/${filed.id}/withdraw`, {}, { token: partner.adminAgent });
    // Withdrawn before its due time: the promise was kept (met), and no clock stays paused.
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', sla: { state: 'met', pausedAt: null, remainingBusinessMs: null } });
  });
});
