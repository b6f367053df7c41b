import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows } from '../support/factories.js';
import type { HttpResponse } from '../support/http.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { partnerTenant, PLATFORM_TENANT_ID, ROLE } from '../support/tokens.js';
import { expectProblem } from '../support/problems.js';

const DAY = 86_400_000;
const REQUESTS = '/v1/exception-requests';
const daysAhead = (days: number) => new Date(Date.now() + days * DAY).toISOString();

interface Person {
  readonly userId: string;
  readonly token: string;
}

// The review queue is global: this file works on a database of its own, and keeps at most one
// request waiting at a time, so that a claim right after a filing hands out that filing.
describe('reviewer decisions, release, reassign and the classification report', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let t: TestApp;
  let partner: Awaited<ReturnType<typeof partnerTenant>>;
  let reviewer: Person;
  let otherReviewer: Person;
  let lead: Person;

  const person = async (role: string, tenantId?: string): Promise<Person> => {
    const userId = randomUUID();
    return { userId, token: await t.tokens.mint({ role, userId, tenantId }) };
  };
  const file = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.http.post(REQUESTS, buildRequestBody(overrides), { token: partner.adminAgent });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  /** Files a request and claims it at once, checking the claim handed out that very request. */
  const fileAndClaim = async (overrides: Record<string, unknown> = {}, by: Person = reviewer, app: TestApp = t) => {
    const filed = (await app.http.post(REQUESTS, buildRequestBody(overrides), { token: partner.adminAgent })).body;
    const claimed = await app.http.post('/v1/review-queue/claim', undefined, { token: by.token });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body.id).toBe(filed.id);
    return claimed.body;
  };
  const decide = (id: string, body: unknown, by: Person = reviewer, app: TestApp = t) =>
    app.http.post(`${REQUESTS}/${id}/decision`, body, { token: by.token });
  const decideOk = async (id: string, body: unknown, by: Person = reviewer, app: TestApp = t) => {
    const res = await decide(id, body, by, app);
    expect(res.status, res.text).toBe(200);
    return res;
  };
  const read = async (id: string) => (await t.http.get(`${REQUESTS}/${id}`, { token: reviewer.token })).body;
  const events = async (id: string) =>
    (await t.http.get(`${REQUESTS}/${id}/events?limit=200`, { token: reviewer.token })).body.items as {
      type: string;
      from: string | null;
      to: string | null;
      actor: { kind: string; userId?: string };
      data: Record<string, unknown> | null;
    }[];
  const grantRows = (requestId: string) =>
    t.db.query('SELECT id, tenant_id, user_ids::text[] AS user_ids, surfaces, expires_at FROM exception_grants WHERE request_id = $1', [
      requestId,
    ]);
  const auditCount = (requestId: string) => countRows(t.db, 'audit_events', 'request_id = $1', [requestId]);
  const withdraw = async (id: string) => {
    const res = await t.http.post(`${REQUESTS}/${id}/withdraw`, {}, { token: partner.adminAgent });
    expect(res.status, res.text).toBe(200);
  };
  const grantFor = (request: { affectedUserIds: string[]; surfaces: string[] }, days = 30) => ({
    userIds: request.affectedUserIds.slice(0, 1),
    surfaces: request.surfaces.slice(0, 1),
    expiresAt: daysAhead(days),
  });

  beforeAll(async () => {
    db = await isolatedDatabase('decisions');
    t = await startTestApp({ ...db.env });
    partner = await partnerTenant(t.tokens);
    reviewer = await person(ROLE.reviewer);
    otherReviewer = await person(ROLE.reviewer);
    lead = await person(ROLE.reviewLead);
  });
  // Keeps the queue empty between tests even when one fails half-way, so that one failure does not
  // hand the next test's claim a leftover request.
  afterEach(async () => {
    const waiting: { id: string }[] = await t.db.query("SELECT id FROM exception_requests WHERE status = 'submitted'");
    for (const { id } of waiting) await t.http.post(`${REQUESTS}/${id}/withdraw`, {}, { token: partner.adminAgent });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  describe('claiming', () => {
    it('answers 204 with no body when nothing is waiting', async () => {
      const res = await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer.token });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
    });

    it('refuses partner admins (403) and hands the waiting request to the reviewer: in_review, assignee the caller', async () => {
      const filed = await file();
      const byPartner = await t.http.post('/v1/review-queue/claim', undefined, { token: partner.adminAgent });
      expectProblem(byPartner, 403);
      const res = await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: filed.id, status: 'in_review', assignee: { userId: reviewer.userId } });
      const again = await t.http.post('/v1/review-queue/claim', undefined, { token: otherReviewer.token });
      expect(again.status).toBe(204);
      await withdraw(filed.id);
    });
  });

  describe('approving', () => {
    let request: any;
    let approved: HttpResponse;
    let expiresAt: string;

    beforeAll(async () => {
      request = await fileAndClaim({
        affectedUserIds: [randomUUID(), randomUUID(), randomUUID()],
        surfaces: ['delegated_admin', 'partner_center_api'],
      });
      expiresAt = daysAhead(30);
      approved = await decideOk(request.id, {
        outcome: 'approved',
        reason: 'Exchange Online PowerShell blocks these agents; exception until the new module ships.',
        grant: { userIds: request.affectedUserIds.slice(0, 2), surfaces: ['delegated_admin'], expiresAt },
      });
    });

    it('answers 200 with the approved request: decision, grantId, SLA met, assignee kept', async () => {
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        id: request.id,
        status: 'approved',
        decision: {
          outcome: 'approved',
          reason: 'Exchange Online PowerShell blocks these agents; exception until the new module ships.',
          decidedBy: { userId: reviewer.userId },
        },
        sla: { state: 'met' },
      });
      expect(approved.body.grantId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
      const decidedAt = Date.parse(approved.body.decision.decidedAt);
      expect(decidedAt).toBeGreaterThanOrEqual(Date.parse(request.createdAt));
      expect(decidedAt).toBeLessThanOrEqual(Date.now());
      expect(await read(request.id)).toMatchObject({
        status: 'approved',
        grantId: approved.body.grantId,
        decision: { outcome: 'approved' },
      });
    });

    it('stores the grant: the chosen accounts and surfaces, the expiry, the tenant', async () => {
      const rows = await grantRows(request.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].id).toBe(approved.body.grantId);
      expect(rows[0].tenant_id).toBe(partner.tenantId);
      expect([...rows[0].user_ids].sort()).toEqual(request.affectedUserIds.slice(0, 2).sort());
      expect(rows[0].surfaces).toEqual(['delegated_admin']);
      expect(new Date(rows[0].expires_at).toISOString()).toBe(expiresAt);
    });

    it('records filed, claimed, decided (in_review to approved) and grant.created, in that order', async () => {
      const trail = await events(request.id);
      expect(trail.map((e) => e.type)).toEqual(['request.filed', 'request.claimed', 'request.decided', 'grant.created']);
      expect(trail[1]).toMatchObject({ from: 'submitted', to: 'in_review', actor: { kind: 'reviewer', userId: reviewer.userId } });
      expect(trail[2]).toMatchObject({
        from: 'in_review',
        to: 'approved',
        actor: { kind: 'reviewer', userId: reviewer.userId },
        data: { outcome: 'approved', grantId: approved.body.grantId },
      });
      expect(trail[3]).toMatchObject({ actor: { kind: 'reviewer' }, data: { grantId: approved.body.grantId } });
    });

    it('is final: a second decision, a withdraw, a request-info and a release are 409 naming approved', async () => {
      const before = await auditCount(request.id);
      const attempts = [
        await decide(request.id, { outcome: 'rejected', reason: 'changed my mind' }),
        await t.http.post(`${REQUESTS}/${request.id}/withdraw`, {}, { token: partner.adminAgent }),
        await t.http.post(`${REQUESTS}/${request.id}/request-info`, { message: 'one more thing' }, { token: reviewer.token }),
        await t.http.post(`${REQUESTS}/${request.id}/release`, undefined, { token: reviewer.token }),
      ];
      for (const res of attempts) {
        expectProblem(res, 409);
        expect(res.body.currentStatus).toBe('approved');
      }
      expect(await auditCount(request.id)).toBe(before);
      expect(await grantRows(request.id)).toHaveLength(1);
      expect(await read(request.id)).toMatchObject({ status: 'approved', grantId: approved.body.grantId });
    });
  });

  describe('rejecting', () => {
    it('answers 200 rejected with the reason, creates no grant, grantId null', async () => {
      const request = await fileAndClaim();
      const res = await decideOk(request.id, { outcome: 'rejected', reason: 'Register MFA when prompted; no exception is needed.' });
      expect(res.body).toMatchObject({
        status: 'rejected',
        grantId: null,
        decision: {
          outcome: 'rejected',
          reason: 'Register MFA when prompted; no exception is needed.',
          decidedBy: { userId: reviewer.userId },
        },
        sla: { state: 'met' },
      });
      expect(await grantRows(request.id)).toHaveLength(0);
      const trail = await events(request.id);
      expect(trail.map((e) => e.type)).toEqual(['request.filed', 'request.claimed', 'request.decided']);
      expect(trail[2]).toMatchObject({ from: 'in_review', to: 'rejected' });
    });
  });

  describe('who may decide', () => {
    it('only the claimant: another reviewer is 403 and nothing changes', async () => {
      const request = await fileAndClaim();
      const before = await auditCount(request.id);
      const res = await decide(request.id, { outcome: 'approved', reason: 'looks fine', grant: grantFor(request) }, otherReviewer);
      expectProblem(res, 403);
      expect(await read(request.id)).toMatchObject({
        status: 'in_review',
        assignee: { userId: reviewer.userId },
        decision: null,
        grantId: null,
      });
      expect(await grantRows(request.id)).toHaveLength(0);
      expect(await auditCount(request.id)).toBe(before);
      // The claimant still can.
      await decideOk(request.id, { outcome: 'rejected', reason: 'not a blocker' });
    });

    it('a decision on an unclaimed (submitted) request is 409 naming submitted', async () => {
      const filed = await file();
      const res = await decide(filed.id, { outcome: 'rejected', reason: 'no' });
      expectProblem(res, 409);
      expect(res.body.currentStatus).toBe('submitted');
      expect((await read(filed.id)).status).toBe('submitted');
      await withdraw(filed.id);
    });

    it("a reviewer without the claim who sends the claimant's Idempotency-Key is refused (409, decided), not answered the claimant's decision", async () => {
      const request = await fileAndClaim();
      const body = { outcome: 'rejected', reason: 'not a blocker' };
      const headers = { 'idempotency-key': `decide-${request.id}` };
      const first = await t.http.post(`${REQUESTS}/${request.id}/decision`, body, { token: reviewer.token, headers });
      expect(first.status, first.text).toBe(200);
      const replay = await t.http.post(`${REQUESTS}/${request.id}/decision`, body, { token: reviewer.token, headers });
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const intruder = await t.http.post(`${REQUESTS}/${request.id}/decision`, body, { token: otherReviewer.token, headers });
      expect(intruder.headers.get('idempotent-replayed')).toBeNull();
      expectProblem(intruder, 409);
    });

    it('separation of duties: a reviewer may claim a request of their own (platform) tenant but deciding is 403', async () => {
      const insider = reviewer;
      const platformAdmin = await t.tokens.mint({ role: ROLE.globalAdmin, tenantId: PLATFORM_TENANT_ID });
      const filed = await t.http.post(REQUESTS, buildRequestBody(), { token: platformAdmin });
      expect(filed.status, filed.text).toBe(201);
      const claimed = await t.http.post('/v1/review-queue/claim', undefined, { token: insider.token });
      expect(claimed.body.id).toBe(filed.body.id);
      const request = claimed.body;
      const before = await auditCount(request.id);
      const res = await decide(request.id, { outcome: 'rejected', reason: 'own tenant' }, insider);
      expectProblem(res, 403);
      const approve = await decide(request.id, { outcome: 'approved', reason: 'own tenant', grant: grantFor(request) }, insider);
      expectProblem(approve, 403);
      expect(await read(request.id)).toMatchObject({ status: 'in_review', decision: null, grantId: null });
      expect(await grantRows(request.id)).toHaveLength(0);
      expect(await auditCount(request.id)).toBe(before);
    });
  });

  describe('a decision that is not allowed: 422 naming the field, and nothing changes', () => {
    // Each case claims a request of its own, so that one wrongly accepted body cannot hide the next.
    // The grant rules themselves are unit-tested (test/unit/review-rules.spec.ts); here, their answer over HTTP.
    const claimOne = () => fileAndClaim({ affectedUserIds: [randomUUID(), randomUUID()], surfaces: ['delegated_admin'] });

    const cases: [string, (r: any) => Record<string, unknown>, string][] = [
      ['approved without a grant', () => ({ outcome: 'approved', reason: 'ok' }), 'grant'],
      [
        'grant.expiresAt more than 180 days ahead',
        (r) => ({ outcome: 'approved', reason: 'ok', grant: { ...grantFor(r), expiresAt: daysAhead(181) } }),
        'grant.expiresAt',
      ],
      [
        'grant.userIds not among affectedUserIds',
        (r) => ({ outcome: 'approved', reason: 'ok', grant: { ...grantFor(r), userIds: [r.affectedUserIds[0], randomUUID()] } }),
        'grant.userIds',
      ],
      ['knownIssue 9', (r) => ({ outcome: 'approved', reason: 'ok', knownIssue: 9, grant: grantFor(r) }), 'knownIssue'],
      ['knownIssue 0', () => ({ outcome: 'rejected', reason: 'no', knownIssue: 0 }), 'knownIssue'],
      ['outcome "maybe" (a string, but not one of the outcomes)', () => ({ outcome: 'maybe', reason: 'hmm' }), 'outcome'],
      [
        'a grant.userIds entry that is not a UUID',
        (r) => ({ outcome: 'approved', reason: 'ok', grant: { ...grantFor(r), userIds: ['not-a-uuid'] } }),
        'grant.userIds',
      ],
    ];

    it.each(cases)('%s', async (_, body, field) => {
      const request = await claimOne();
      const before = await auditCount(request.id);
      const res = await decide(request.id, body(request));
      expectProblem(res, 422, [field]);
      expect(await read(request.id)).toMatchObject({
        status: 'in_review',
        decision: null,
        grantId: null,
        assignee: { userId: reviewer.userId },
      });
      expect(await grantRows(request.id)).toHaveLength(0);
      expect(await auditCount(request.id)).toBe(before);
    });

    const shapeCases: [string, (r: any) => unknown, string][] = [
      ['an unknown field', () => ({ outcome: 'rejected', reason: 'no', force: true }), 'force'],
      [
        'an unknown field inside grant',
        (r) => ({ outcome: 'approved', reason: 'ok', grant: { ...grantFor(r), forever: true } }),
        'grant.forever',
      ],
      [
        'grant.userIds not an array',
        (r) => ({ outcome: 'approved', reason: 'ok', grant: { ...grantFor(r), userIds: r.affectedUserIds[0] } }),
        'grant.userIds',
      ],
      ['knownIssue "6" (a string)', () => ({ outcome: 'rejected', reason: 'no', knownIssue: '6' }), 'knownIssue'],
      ['outcome missing', () => ({ reason: 'no' }), 'outcome'],
      ['outcome a number', () => ({ outcome: 1, reason: 'no' }), 'outcome'],
    ];

    it.each(shapeCases)('%s -> 400 naming the field, nothing changes', async (_, body, field) => {
      const request = await claimOne();
      const before = await auditCount(request.id);
      const res = await decide(request.id, body(request));
      expectProblem(res, 400, [field]);
      expect(await read(request.id)).toMatchObject({ status: 'in_review', decision: null, grantId: null });
      expect(await grantRows(request.id)).toHaveLength(0);
      expect(await auditCount(request.id)).toBe(before);
    });

    it('still accepts a good decision on a request after refusals (the refusals were about the bodies)', async () => {
      const request = await claimOne();
      expectProblem(await decide(request.id, { outcome: 'approved', reason: 'ok' }), 422, ['grant']);
      expectProblem(await decide(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request), force: true }), 400, ['force']);
      const res = await decideOk(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request, 180 - 1 / 24) });
      expect(res.body.status).toBe('approved');
      expect(await grantRows(request.id)).toHaveLength(1);
    });
  });

  describe('GRANT_MAX_DAYS', () => {
    let small: TestApp;

    beforeAll(async () => {
      small = await startTestApp({ ...db.env, GRANT_MAX_DAYS: '10' }, t.tokens);
    });
    afterAll(() => small?.close());

    it('an app started with GRANT_MAX_DAYS=10 refuses 11 days (422) and accepts 9', async () => {
      expect(small.config.grantMaxDays).toBe(10);
      const request = await fileAndClaim({}, reviewer, small);
      const tooLong = await decide(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request, 11) }, reviewer, small);
      expectProblem(tooLong, 422, ['grant.expiresAt']);
      expect(await grantRows(request.id)).toHaveLength(0);
      const ok = await decideOk(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request, 9) }, reviewer, small);
      expect(ok.body.status).toBe('approved');
      const [row] = await grantRows(request.id);
      expect(Date.parse(new Date(row.expires_at).toISOString()) - Date.now()).toBeLessThan(10 * DAY);
    });

    it('the default app (180 days) still accepts 11 days', async () => {
      const request = await fileAndClaim();
      await decideOk(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request, 11) });
    });
  });

  describe('correcting the known issue', () => {
    it('the classifier calls the default filing 6; a decision with knownIssue 7 records 7, corrected', async () => {
      const request = await fileAndClaim();
      expect(request.classification.knownIssue).toBe(6);
      const res = await decideOk(request.id, { outcome: 'rejected', reason: 'this is really third-party MFA', knownIssue: 7 });
      expect(res.body.decision).toMatchObject({ knownIssue: 7, knownIssueCorrected: true });
      expect(res.body.classification.knownIssue).toBe(6);
      expect((await read(request.id)).decision).toMatchObject({ knownIssue: 7, knownIssueCorrected: true });
      const trail = await events(request.id);
      expect(trail.at(-1)).toMatchObject({ type: 'request.decided', data: { knownIssue: 7 } });
    });

    it("a decision without knownIssue keeps the classifier's (not corrected)", async () => {
      const request = await fileAndClaim();
      const res = await decideOk(request.id, { outcome: 'approved', reason: 'ok', grant: grantFor(request) });
      expect(res.body.decision).toMatchObject({ knownIssue: 6, knownIssueCorrected: false });
    });

    it("a decision with the classifier's own number is not a correction", async () => {
      const request = await fileAndClaim();
      const res = await decideOk(request.id, { outcome: 'rejected', reason: 'no', knownIssue: 6 });
      expect(res.body.decision).toMatchObject({ knownIssue: 6, knownIssueCorrected: false });
    });

    it('knownIssue null records "none of the seven", a correction of 6', async () => {
      const request = await fileAndClaim();
      const res = await decideOk(request.id, { outcome: 'rejected', reason: 'none of the seven', knownIssue: null });
      expect(res.body.decision.knownIssue).toBeNull();
      expect(res.body.decision.knownIssueCorrected).toBe(true);
      expect((await read(request.id)).decision.knownIssue).toBeNull();
    });
  });

  describe('release', () => {
    it('the claimant releases: submitted, assignee null, request.released', async () => {
      const request = await fileAndClaim();
      const res = await t.http.post(`${REQUESTS}/${request.id}/release`, undefined, { token: reviewer.token });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: request.id, status: 'submitted', assignee: null });
      const trail = await events(request.id);
      expect(trail.at(-1)).toMatchObject({
        type: 'request.released',
        from: 'in_review',
        to: 'submitted',
        actor: { kind: 'reviewer', userId: reviewer.userId },
      });
      // Back in the queue: the next claim hands it out again.
      const again = await t.http.post('/v1/review-queue/claim', undefined, { token: otherReviewer.token });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: request.id, assignee: { userId: otherReviewer.userId } });
      await withdraw(request.id);
    });

    it("another reviewer releasing someone else's claim is 403; a review lead may", async () => {
      const request = await fileAndClaim();
      const before = await auditCount(request.id);
      const refused = await t.http.post(`${REQUESTS}/${request.id}/release`, undefined, { token: otherReviewer.token });
      expectProblem(refused, 403);
      expect(await read(request.id)).toMatchObject({ status: 'in_review', assignee: { userId: reviewer.userId } });
      expect(await auditCount(request.id)).toBe(before);
      const byLead = await t.http.post(`${REQUESTS}/${request.id}/release`, undefined, { token: lead.token });
      expect(byLead.status, byLead.text).toBe(200);
      expect(byLead.body).toMatchObject({ status: 'submitted', assignee: null });
      expect((await events(request.id)).at(-1)).toMatchObject({
        type: 'request.released',
        actor: { kind: 'reviewer', userId: lead.userId },
      });
      await withdraw(request.id);
    });

    it('the former claimant can no longer decide a released request (409: submitted)', async () => {
      const request = await fileAndClaim();
      await t.http.post(`${REQUESTS}/${request.id}/release`, undefined, { token: reviewer.token });
      const res = await decide(request.id, { outcome: 'rejected', reason: 'late' });
      expectProblem(res, 409);
      expect(res.body.currentStatus).toBe('submitted');
      await withdraw(request.id);
    });
  });

  describe('reassign', () => {
    it('a lead reassigns an in_review request: assignee changed, request.reassigned; the new reviewer decides, the old one may not', async () => {
      const request = await fileAndClaim();
      const res = await t.http.post(
        `${REQUESTS}/${request.id}/reassign`,
        { reviewerId: otherReviewer.userId, reviewerName: 'Ren Sato' },
        { token: lead.token },
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: request.id, status: 'in_review', assignee: { userId: otherReviewer.userId, name: 'Ren Sato' } });
      expect((await events(request.id)).at(-1)).toMatchObject({
        type: 'request.reassigned',
        actor: { kind: 'reviewer', userId: lead.userId },
        data: { from: reviewer.userId, to: otherReviewer.userId },
      });
      const byOld = await decide(request.id, { outcome: 'rejected', reason: 'mine' });
      expectProblem(byOld, 403);
      const byNew = await decideOk(request.id, { outcome: 'rejected', reason: 'reviewed after reassignment' }, otherReviewer);
      expect(byNew.body).toMatchObject({ status: 'rejected', decision: { decidedBy: { userId: otherReviewer.userId } } });
    });

    it('a plain reviewer calling reassign is 403 and nothing changes', async () => {
      const request = await fileAndClaim();
      const before = await auditCount(request.id);
      const res = await t.http.post(`${REQUESTS}/${request.id}/reassign`, { reviewerId: otherReviewer.userId }, { token: reviewer.token });
      expectProblem(res, 403);
      expect(await read(request.id)).toMatchObject({ status: 'in_review', assignee: { userId: reviewer.userId } });
      expect(await auditCount(request.id)).toBe(before);
      await decideOk(request.id, { outcome: 'rejected', reason: 'done' });
    });

    it('a lead reassigning a submitted request claims it for the named reviewer', async () => {
      const filed = await file();
      const res = await t.http.post(`${REQUESTS}/${filed.id}/reassign`, { reviewerId: otherReviewer.userId }, { token: lead.token });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ id: filed.id, status: 'in_review', assignee: { userId: otherReviewer.userId } });
      expect((await events(filed.id)).at(-1)).toMatchObject({
        type: 'request.claimed',
        from: 'submitted',
        to: 'in_review',
        actor: { kind: 'reviewer', userId: lead.userId },
      });
      // Claimed, so no longer waiting.
      expect((await t.http.post('/v1/review-queue/claim', undefined, { token: reviewer.token })).status).toBe(204);
      await decideOk(filed.id, { outcome: 'rejected', reason: 'decided by the named reviewer' }, otherReviewer);
    });

    it('reassigning a decided request is 409; a bad reviewerId is refused', async () => {
      const request = await fileAndClaim();
      await decideOk(request.id, { outcome: 'rejected', reason: 'done' });
      const decidedRes = await t.http.post(
        `${REQUESTS}/${request.id}/reassign`,
        { reviewerId: otherReviewer.userId },
        { token: lead.token },
      );
      expectProblem(decidedRes, 409);
      expect(decidedRes.body.currentStatus).toBe('rejected');
      const bad = await t.http.post(`${REQUESTS}/${request.id}/reassign`, { reviewerId: 'someone' }, { token: lead.token });
      expect([400, 422]).toContain(bad.status);
      expectProblem(bad, bad.status, ['reviewerId']);
    });
  });

  describe('GET /v1/reports/classification', () => {
    /** Decides four requests of its own, one of each kind the report tells apart; answers the window they fell in. */
    async function decideFour() {
      const from = new Date().toISOString();
      const outcomes = [
        { outcome: 'rejected', reason: 'agreed' },
        { outcome: 'rejected', reason: 'really third-party MFA', knownIssue: 7 },
        { outcome: 'rejected', reason: 'none of the seven', knownIssue: null },
        { outcome: 'rejected', reason: 'agreed again', knownIssue: 6 },
      ];
      for (const body of outcomes) await decideOk((await fileAndClaim()).id, body);
      return { from, to: new Date(Date.now() + 1000).toISOString() };
    }
    const report = async (query = '') => {
      const res = await t.http.get(`/v1/reports/classification${query}`, { token: reviewer.token });
      expect(res.status, res.text).toBe(200);
      return res.body;
    };

    it('counts decisions, agreement (corrections disagree) and the confusion matrix', async () => {
      const before = await report();
      await decideFour();
      const after = await report();
      // The default filing is classified 6: two decisions keep 6, one corrects to 7, one to none.
      expect(after.decided - before.decided).toBe(4);
      expect(after.agreed - before.agreed).toBe(2);
      expect(after.confusion['6']['6'] - before.confusion['6']['6']).toBe(2);
      expect(after.confusion['6']['7'] - before.confusion['6']['7']).toBe(1);
      expect(after.confusion['6']['none'] - before.confusion['6']['none']).toBe(1);
      expect(after.decided).toBe(await countRows(t.db, 'exception_requests', "status IN ('approved', 'rejected')"));
      expect(after.agreementRate).toBeCloseTo(after.agreed / after.decided, 4);
      expect(after.labels).toEqual(['1', '2', '3', '4', '5', '6', '7', 'none']);
    });

    it('filters by from and to', async () => {
      const { from, to } = await decideFour();
      const window = await report(`?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      expect(window).toMatchObject({ decided: 4, agreed: 2, agreementRate: 0.5 });
      expect(window.confusion['6']).toMatchObject({ '6': 2, '7': 1, none: 1 });
      const future = await report(`?from=${encodeURIComponent(daysAhead(1))}`);
      expect(future).toMatchObject({ decided: 0, agreed: 0, agreementRate: null });
      expect((await report('?to=2000-01-01T00:00:00.000Z')).decided).toBe(0);
      const byLead = await t.http.get(`/v1/reports/classification?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
        token: lead.token,
      });
      expect(byLead.body.decided).toBe(4);
    });

    it('refuses partners (403) and a from that is not a date-time (400)', async () => {
      expectProblem(await t.http.get('/v1/reports/classification', { token: partner.adminAgent }), 403);
      expectProblem(await t.http.get('/v1/reports/classification', { token: partner.globalAdmin }), 403);
      expectProblem(await t.http.get('/v1/reports/classification?from=yesterday', { token: reviewer.token }), 400, ['from']);
    });
  });
});
