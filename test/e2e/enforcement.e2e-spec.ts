import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

const DAY = 86_400_000;

// Grants come from approvals, so this file runs the queue: on a database of its own.
describe('exception grants and enforcement', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let a: TestApp; // api + worker
  let b: TestApp; // a second API instance on the same database and Redis
  let enforcement: string;
  let reviewerToken: string;

  beforeAll(async () => {
    db = await isolatedDatabase('enforcement');
    tokens = new TokenFactory(await newSigningKey());
    a = await startTestApp({ ...db.env }, tokens);
    b = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
    enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    reviewerToken = await tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db.drop();
  });

  /** Files, claims and approves a request; answers the grant and the partner. */
  async function approvedGrant(expiresInMs: number, surfaces = ['delegated_admin']) {
    const partner = await partnerTenant(tokens);
    const userId = randomUUID();
    const filed = (
      await a.http.post(
        '/v1/exception-requests',
        buildRequestBody({ affectedUserIds: [userId], surfaces: ['delegated_admin', 'partner_center_api'] }),
        { token: partner.adminAgent },
      )
    ).body;
    await a.db.query(`UPDATE exception_requests SET status = 'withdrawn' WHERE status = 'submitted' AND id <> $1`, [filed.id]);
    const claimed = await a.http.post('/v1/review-queue/claim', undefined, { token: reviewerToken });
    expect(claimed.body.id).toBe(filed.id);
    const decided = await a.http.post(
      `/v1/exception-requests/${filed.id}/decision`,
      {
        outcome: 'approved',
        reason: 'EXO PowerShell blocks these accounts',
        grant: { userIds: [userId], surfaces, expiresAt: new Date(Date.now() + expiresInMs).toISOString() },
      },
      { token: reviewerToken },
    );
    expect(decided.status).toBe(200);
    const grant = (await a.http.get(`/v1/exception-grants/${decided.body.grantId}`, { token: reviewerToken })).body;
    return { partner, userId, grant, requestId: filed.id };
  }

  const status = (t: TestApp, tenantId: string, userId: string, surface = 'delegated_admin') =>
    t.http.get(`/v1/enforcement/status?tenantId=${tenantId}&userId=${userId}&surface=${surface}`, { token: enforcement });

  it('exempts an approved grant on every instance, and stops within a second of revocation on the other instance', async () => {
    const { partner, userId, grant } = await approvedGrant(30 * DAY);
    expect(grant).toMatchObject({ status: 'active', userIds: [userId], surfaces: ['delegated_admin'] });
    for (const t of [a, b]) {
      const res = await waitFor(
        async () => {
          const r = await status(t, partner.tenantId, userId);
          return r.body.exempt ? r : null;
        },
        2000,
        20,
      );
      expect(res.body).toMatchObject({ exempt: true, grantId: grant.id, expiresAt: grant.expiresAt });
    }
    expect((await status(a, partner.tenantId, userId, 'partner_center_dashboard')).body.exempt).toBe(false);

    const revoked = await a.http.post(
      `/v1/exception-grants/${grant.id}/revoke`,
      { reason: 'The new EXO module supports MFA now.' },
      { token: reviewerToken },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const since = Date.now();
    await waitFor(async () => (await status(b, partner.tenantId, userId)).body.exempt === false, 1000, 10);
    expect(Date.now() - since).toBeLessThan(1000);
    expect((await status(a, partner.tenantId, userId)).body).toMatchObject({ exempt: false, grantId: null, expiresAt: null });
    const again = await a.http.post(`/v1/exception-grants/${grant.id}/revoke`, { reason: 'twice' }, { token: reviewerToken });
    expect(again.status).toBe(409);
  });

  it('stops exempting exactly when a grant expires, without any sweep', async () => {
    const { partner, userId, grant } = await approvedGrant(2500);
    await waitFor(async () => (await status(b, partner.tenantId, userId)).body.exempt === true, 2000, 20);
    // Each grant's own answer (the answer is serialised once per grant and kept).
    const claims = { tid: partner.tenantId, oid: userId, amr: ['pwd'] };
    const evaluate = (t: TestApp) =>
      t.http.post('/v1/enforcement/evaluate', { surface: 'delegated_admin', claims }, { token: enforcement });
    for (const t of [a, b]) {
      expect((await status(t, partner.tenantId, userId)).body).toEqual({ exempt: true, grantId: grant.id, expiresAt: grant.expiresAt });
      for (let call = 0; call < 2; call++) {
        expect((await evaluate(t)).body).toEqual({
          decision: 'exempt',
          reason: 'active_exception_grant',
          grantId: grant.id,
          expiresAt: grant.expiresAt,
        });
      }
    }
    const expiresAt = Date.parse(grant.expiresAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now() + 5)));
    for (const t of [a, b]) {
      expect((await status(t, partner.tenantId, userId)).body.exempt).toBe(false);
      expect((await evaluate(t)).body.decision).toBe('mfa_required');
    }
    expect((await b.http.get(`/v1/exception-grants/${grant.id}`, { token: reviewerToken })).body.status).toBe('expired');
  });

  it('evaluates tokens: app-only allow, MFA allow, grant exempt, otherwise the challenge (seed or RFC 9470)', async () => {
    const { partner, userId, grant } = await approvedGrant(30 * DAY, ['delegated_admin', 'partner_center_api']);
    const evaluate = (body: unknown) => b.http.post('/v1/enforcement/evaluate', body, { token: enforcement });
    await waitFor(async () => (await status(b, partner.tenantId, userId)).body.exempt === true, 2000, 20);
    expect((await evaluate({ surface: 'partner_center_api', claims: { idtyp: 'app', tid: partner.tenantId } })).body).toEqual({
      decision: 'allow',
      reason: 'app_only_token',
    });
    expect(
      (await evaluate({ surface: 'partner_center_api', claims: { tid: partner.tenantId, oid: randomUUID(), amr: ['pwd', 'mfa'] } })).body,
    ).toEqual({ decision: 'allow', reason: 'mfa_completed' });
    const exempt = await evaluate({ surface: 'partner_center_api', claims: { tid: partner.tenantId, oid: userId, amr: ['pwd'] } });
    expect(exempt.status).toBe(200);
    // Each grant's own answer (made and serialised once per grant and kept).
    expect(exempt.body).toEqual({ decision: 'exempt', reason: 'active_exception_grant', grantId: grant.id, expiresAt: grant.expiresAt });
    const required = await evaluate({ surface: 'partner_center_dashboard', claims: { tid: partner.tenantId, oid: userId, amr: ['pwd'] } });
    expect(required.body).toMatchObject({
      decision: 'mfa_required',
      challenge: { status: 401, wwwAuthenticate: 'Bearer error="invalid_token"' },
    });
    expect(required.body.challenge.description).toMatch(/MFA|multi-factor/i);
    const stepUp = await evaluate({
      surface: 'partner_center_dashboard',
      claims: { tid: partner.tenantId, oid: userId },
      challengeStyle: 'rfc9470',
    });
    expect(stepUp.body.challenge.wwwAuthenticate).toMatch(/^Bearer error="insufficient_user_authentication".*acr_values="/);
    // Malformed claims are a 400 even when the ids find a grant (they are checked after deciding).
    const malformed = await evaluate({ surface: 'partner_center_api', claims: { tid: partner.tenantId, oid: userId, amr: 'pwd' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['claims.amr']);
    const badTenant = await evaluate({ surface: 'partner_center_api', claims: { tid: 'tenant-1', oid: userId, amr: ['pwd'] } });
    expect(badTenant.status).toBe(400);
    expect(badTenant.body.errors.map((e: { field: string }) => e.field)).toEqual(['claims.tid']);
    const unknown = await evaluate({ surface: 'mail', claims: { tid: partner.tenantId, oid: userId } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('surface');
    expect((await status(b, partner.tenantId, userId, 'mail')).status).toBe(400);
    expect(
      (await b.http.get(`/v1/enforcement/status?tenantId=x&userId=${userId}&surface=delegated_admin`, { token: enforcement })).status,
    ).toBe(400);
  });

  it('counts exempt decisions on the grant, written in batches', async () => {
    const { partner, userId, grant } = await approvedGrant(30 * DAY);
    await waitFor(async () => (await status(b, partner.tenantId, userId)).body.exempt === true, 2000, 20);
    for (let i = 0; i < 9; i++) await status(b, partner.tenantId, userId);
    const counted = await waitFor(
      async () => {
        const g = (await a.http.get(`/v1/exception-grants/${grant.id}`, { token: reviewerToken })).body;
        return g.useCount >= 10 ? g : null;
      },
      6000,
      200,
    );
    expect(counted.useCount).toBe(10);
    expect(Date.parse(counted.lastUsedAt)).toBeGreaterThan(Date.parse(grant.createdAt));
  });

  it('keeps a local copy exactly in step: snapshot + changes after its cursor = a later snapshot = a full replay', async () => {
    const first = (await b.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body;
    expect(first.snapshot.grants).toBeInstanceOf(Array);
    const copy = new Map<string, unknown>(first.snapshot.grants.map((g: { grantId: string }) => [g.grantId, g]));
    const one = await approvedGrant(30 * DAY);
    const two = await approvedGrant(30 * DAY);
    await a.http.post(`/v1/exception-grants/${one.grant.id}/revoke`, { reason: 'no longer needed' }, { token: reviewerToken });

    const apply = (changes: { type: string; grant: { grantId: string } }[], state: Map<string, unknown>) => {
      for (const c of changes) {
        if (c.type === 'created') state.set(c.grant.grantId, c.grant);
        else state.delete(c.grant.grantId);
      }
    };
    const follow = async (cursor: string, state: Map<string, unknown>) => {
      for (;;) {
        const page = (await b.http.get(`/v1/enforcement/grants/changes?cursor=${cursor}&limit=2`, { token: enforcement })).body;
        apply(page.items, state);
        cursor = page.resumeCursor;
        if (!page.nextCursor) return cursor;
      }
    };
    await follow(first.snapshot.cursor, copy);
    const later = (await b.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body;
    const active = (grants: { grantId: string; expiresAt: string }[]) =>
      grants
        .filter((g) => Date.parse(g.expiresAt) > Date.now())
        .map((g) => g.grantId)
        .sort();
    expect(active([...copy.values()] as { grantId: string; expiresAt: string }[])).toEqual(active(later.snapshot.grants));
    expect(copy.has(two.grant.id)).toBe(true);
    expect(copy.has(one.grant.id)).toBe(false);

    const replay = new Map<string, unknown>();
    apply(later.items, replay);
    await follow(later.resumeCursor, replay);
    expect(active([...replay.values()] as { grantId: string; expiresAt: string }[])).toEqual(active(later.snapshot.grants));

    // From any cursor: replaying the tail after each item's cursor on top of the prefix gives the same set.
    const all = [...later.items];
    let cursor = later.resumeCursor;
    while ((await b.http.get(`/v1/enforcement/grants/changes?cursor=${cursor}`, { token: enforcement })).body.items.length) {
      const page = (await b.http.get(`/v1/enforcement/grants/changes?cursor=${cursor}`, { token: enforcement })).body;
      all.push(...page.items);
      cursor = page.resumeCursor;
    }
    for (const [i, item] of all.entries()) {
      const state = new Map<string, unknown>();
      apply(all.slice(0, i + 1), state);
      await follow(item.cursor, state);
      expect(active([...state.values()] as { grantId: string; expiresAt: string }[])).toEqual(active(later.snapshot.grants));
    }
  });

  it('pages the snapshot (never every grant at once), and the pages plus the feed from its cursor make an exact copy', async () => {
    for (let i = 0; i < 3; i++) await approvedGrant(30 * DAY);
    const first = (await b.http.get('/v1/enforcement/grants/snapshot?limit=2', { token: enforcement })).body;
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const copy = new Map<string, { grantId: string; expiresAt: string }>(first.items.map((g: { grantId: string }) => [g.grantId, g]));
    // Changes while the client is still paging: one grant revoked from the page it has, one new.
    const revoked = first.items[0].grantId as string;
    await a.http.post(`/v1/exception-grants/${revoked}/revoke`, { reason: 'ended' }, { token: reviewerToken });
    const added = await approvedGrant(30 * DAY);
    let next: string | null = first.nextCursor;
    while (next) {
      const page = (await b.http.get(`/v1/enforcement/grants/snapshot?limit=2&cursor=${next}`, { token: enforcement })).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.cursor).toBe(first.cursor);
      for (const g of page.items) copy.set(g.grantId, g);
      next = page.nextCursor;
    }
    for (let cursor = first.cursor, more = true; more;) {
      const page = (await b.http.get(`/v1/enforcement/grants/changes?cursor=${cursor}`, { token: enforcement })).body;
      for (const c of page.items) {
        if (c.type === 'created') copy.set(c.grant.grantId, c.grant);
        else copy.delete(c.grant.grantId);
      }
      cursor = page.resumeCursor;
      more = page.nextCursor !== null;
    }
    const truth: { id: string }[] = await a.db.query(
      'SELECT id FROM exception_grants WHERE revoked_at IS NULL AND expires_at > now() ORDER BY id',
    );
    expect([...copy.keys()].sort()).toEqual(truth.map((row) => row.id));
    expect(copy.has(revoked)).toBe(false);
    expect(copy.has(added.grant.id)).toBe(true);

    // The changes call's own snapshot is the first page, with a cursor to the rest when there is more.
    const viaChanges = (await b.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body;
    expect(viaChanges.snapshot).toMatchObject({ cursor: expect.any(String), grants: expect.any(Array), nextCursor: null });
    expect(viaChanges.snapshot.grants.length).toBe(truth.length);
    expect((await b.http.get('/v1/enforcement/grants/snapshot?limit=1001', { token: enforcement })).status).toBe(400);
    expect((await b.http.get('/v1/enforcement/grants/snapshot?cursor=forged', { token: enforcement })).status).toBe(400);
  });

  it('lets partners see their own grants only, reviewers all with filters, and records revocations', async () => {
    const { partner, grant, requestId } = await approvedGrant(30 * DAY);
    const other = await partnerTenant(tokens);
    const mine = await a.http.get('/v1/exception-grants', { token: partner.adminAgent });
    expect(mine.body.items.map((g: { id: string }) => g.id)).toEqual([grant.id]);
    expect((await a.http.get(`/v1/exception-grants/${grant.id}`, { token: other.adminAgent })).status).toBe(404);
    expect((await a.http.get('/v1/exception-grants', { token: other.adminAgent })).body.items).toEqual([]);
    const filtered = await a.http.get(
      `/v1/exception-grants?tenantId=${partner.tenantId}&status=active&expiringBefore=${new Date(Date.now() + 31 * DAY).toISOString()}`,
      { token: reviewerToken },
    );
    expect(filtered.body.items.map((g: { id: string }) => g.id)).toEqual([grant.id]);
    expect((await a.http.post(`/v1/exception-grants/${grant.id}/revoke`, { reason: 'x' }, { token: partner.adminAgent })).status).toBe(403);
    expect((await a.http.post(`/v1/exception-grants/${grant.id}/revoke`, {}, { token: reviewerToken })).status).toBe(400);
    expect((await a.http.post(`/v1/exception-grants/${grant.id}/revoke`, { reason: '  ' }, { token: reviewerToken })).status).toBe(422);
    await a.http.post(`/v1/exception-grants/${grant.id}/revoke`, { reason: 'Partner moved to the new module' }, { token: reviewerToken });
    const revokedOnly = await a.http.get(`/v1/exception-grants?tenantId=${partner.tenantId}&status=revoked`, { token: reviewerToken });
    expect(revokedOnly.body.items).toHaveLength(1);
    expect(revokedOnly.body.items[0]).toMatchObject({ status: 'revoked', revokeReason: 'Partner moved to the new module' });
    const events = (await a.http.get(`/v1/exception-requests/${requestId}/events`, { token: partner.adminAgent })).body.items.map(
      (e: { type: string }) => e.type,
    );
    expect(events).toEqual(expect.arrayContaining(['grant.created', 'grant.revoked']));
  });

  it('warns the partner 14 days before expiry (a notification record from a delayed job)', async () => {
    const { grant } = await approvedGrant(14 * DAY + 2000);
    const notice = await waitFor(
      async () => {
        const rows = await a.db.query(`SELECT payload FROM notifications WHERE kind = 'grant.expiring' AND payload->>'grantId' = $1`, [
          grant.id,
        ]);
        return rows[0];
      },
      10_000,
      100,
    );
    expect(notice.payload).toMatchObject({ grantId: grant.id, daysBefore: 14 });
    expect(await countRows(a.db, 'notifications', "kind = 'grant.expiring' AND payload->>'grantId' = $1", [grant.id])).toBe(1);
  });

  it('keeps enforcement to the enforcement role, and the enforcement role to enforcement', async () => {
    const partner = await partnerTenant(tokens);
    for (const token of [partner.adminAgent, reviewerToken]) {
      expect((await status(a, partner.tenantId, randomUUID())).status).toBe(200);
      expect(
        (await a.http.get(`/v1/enforcement/status?tenantId=${partner.tenantId}&userId=${randomUUID()}&surface=delegated_admin`, { token }))
          .status,
      ).toBe(403);
      expect((await a.http.post('/v1/enforcement/evaluate', { surface: 'delegated_admin', claims: {} }, { token })).status).toBe(403);
      expect((await a.http.get('/v1/enforcement/grants/changes', { token })).status).toBe(403);
    }
    expect((await a.http.get('/v1/exception-requests', { token: enforcement })).status).toBe(403);
    expect((await a.http.get('/v1/exception-grants', { token: enforcement })).status).toBe(403);
    expect((await a.http.post('/v1/review-queue/claim', undefined, { token: enforcement })).status).toBe(403);
    expect((await a.http.post('/v1/exception-requests', buildRequestBody(), { token: enforcement })).status).toBe(403);
  });
});
