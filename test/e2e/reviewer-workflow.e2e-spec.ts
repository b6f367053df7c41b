import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, waitFor } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

// api.md, "Reviewer workflow": claiming a named request, renewing a claim, the caller's claims,
// search and sort, internal notes, the answer going back to the reviewer who asked, allowedActions.

const REQUESTS = '/v1/exception-requests';
const DAY = 86_400_000;

interface Reviewer {
  readonly userId: string;
  readonly token: string;
}

describe('reviewer workflow', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let t: TestApp;
  let partner: Awaited<ReturnType<typeof partnerTenant>>;

  const reviewer = async (role: string = ROLE.reviewer): Promise<Reviewer> => {
    const userId = randomUUID();
    return { userId, token: await tokens.mint({ role, userId }) };
  };
  /**
   * Runs a test on an app of its own (another claim TTL, or no worker), with the file's app closed
   * meanwhile: its worker would otherwise run the other app's timers.
   */
  const withOwnApp = async (env: Record<string, string>, run: (app: TestApp) => Promise<void>) => {
    await t.close();
    const app = await startTestApp({ ...db.env, ...env }, tokens);
    try {
      await run(app);
    } finally {
      await app.close();
      t = await startTestApp(db.env, tokens);
    }
  };
  const file = async (app: TestApp = t, overrides: Record<string, unknown> = {}) => {
    const res = await app.http.post(REQUESTS, buildRequestBody(overrides), { token: partner.adminAgent });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; affectedUserIds: string[] };
  };
  const claim = (by: Reviewer, requestId?: string, app: TestApp = t) =>
    app.http.post('/v1/review-queue/claim', requestId ? { requestId } : undefined, { token: by.token });
  const read = async (id: string, token: string, app: TestApp = t) => (await app.http.get(`${REQUESTS}/${id}`, { token })).body;

  beforeAll(async () => {
    db = await isolatedDatabase('workflow');
    tokens = new TokenFactory(await newSigningKey());
    t = await startTestApp(db.env, tokens);
    partner = await partnerTenant(tokens);
  });
  // Each test starts from an empty queue: nothing waiting or held.
  afterEach(async () => {
    await t.db.query(
      `UPDATE exception_requests SET status = 'withdrawn', claim_expires_at = NULL WHERE status IN ('submitted', 'in_review', 'info_requested')`,
    );
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  describe('claiming a named request', () => {
    it('claims it (200), refuses a second reviewer (409 review.claimed_by_other), and renews it for its holder', async () => {
      const [r1, r2] = [await reviewer(), await reviewer()];
      const older = await file();
      const named = await file();
      const first = await claim(r1, named.id);
      expect(first.status, first.text).toBe(200);
      expect(first.body).toMatchObject({
        id: named.id,
        status: 'in_review',
        assignee: { userId: r1.userId, claimExpiresAt: expect.any(String) },
      });
      // The named one, not the one due first.
      expect((await read(older.id, r1.token)).status).toBe('submitted');

      const second = await claim(r2, named.id);
      expectProblem(second, 409, [], 'review.claimed_by_other');
      expect((await read(named.id, r1.token)).assignee.userId).toBe(r1.userId);

      const again = await claim(r1, named.id);
      expect(again.status).toBe(200);
      expect(Date.parse(again.body.assignee.claimExpiresAt)).toBeGreaterThanOrEqual(Date.parse(first.body.assignee.claimExpiresAt));
    });

    it('answers 404 for a request that does not exist and 409 for one that is decided', async () => {
      const r1 = await reviewer();
      expectProblem(await claim(r1, randomUUID()), 404, [], 'resource.not_found');
      const filed = await file();
      await t.http.post(`${REQUESTS}/${filed.id}/withdraw`, {}, { token: partner.adminAgent });
      expectProblem(await claim(r1, filed.id), 409, [], 'request.invalid_transition');
    });
  });

  describe('renewing a claim (REVIEW_CLAIM_TTL=2)', () => {
    it('extends a live claim, refuses another reviewer (403 review.not_claimant) and a lapsed claim (409 review.claim_lapsed)', () =>
      withOwnApp({ REVIEW_CLAIM_TTL: '2', PROCESS_ROLE: 'api' }, async (app) => {
        const [r1, r2] = [await reviewer(), await reviewer()];
        const filed = await file(app);
        const claimed = await claim(r1, filed.id, app);
        const firstExpiry = Date.parse(claimed.body.assignee.claimExpiresAt);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const renewed = await app.http.post(`${REQUESTS}/${filed.id}/claim/renew`, undefined, { token: r1.token });
        expect(renewed.status, renewed.text).toBe(200);
        expect(Date.parse(renewed.body.assignee.claimExpiresAt)).toBeGreaterThan(firstExpiry);
        expect(renewed.body.allowedActions).toContain('renew_claim');
        expectProblem(
          await app.http.post(`${REQUESTS}/${filed.id}/claim/renew`, undefined, { token: r2.token }),
          403,
          [],
          'review.not_claimant',
        );

        await new Promise((resolve) => setTimeout(resolve, 2100));
        expectProblem(
          await app.http.post(`${REQUESTS}/${filed.id}/claim/renew`, undefined, { token: r1.token }),
          409,
          [],
          'review.claim_lapsed',
        );
        const decision = await app.http.post(
          `${REQUESTS}/${filed.id}/decision`,
          { outcome: 'rejected', reason: 'late' },
          { token: r1.token },
        );
        expectProblem(decision, 409, [], 'review.claim_lapsed');
        // Claiming it again by its id gives the claim back.
        expect((await claim(r1, filed.id, app)).status).toBe(200);
        const decided = await app.http.post(
          `${REQUESTS}/${filed.id}/decision`,
          { outcome: 'rejected', reason: 'in time' },
          { token: r1.token },
        );
        expect(decided.status, decided.text).toBe(200);
      }));

    it('still answers review.claim_lapsed once the timer has put the request back in the queue', () =>
      withOwnApp({ REVIEW_CLAIM_TTL: '1' }, async (app) => {
        const r1 = await reviewer();
        const filed = await file(app);
        await claim(r1, filed.id, app);
        await waitFor(async () => (await read(filed.id, r1.token, app)).status === 'submitted', 10_000, 100);
        const decision = await app.http.post(
          `${REQUESTS}/${filed.id}/decision`,
          { outcome: 'rejected', reason: 'late' },
          { token: r1.token },
        );
        expectProblem(decision, 409, [], 'review.claim_lapsed');
        // Another reviewer who never held it is told the request is waiting instead.
        const r2 = await reviewer();
        expectProblem(
          await app.http.post(`${REQUESTS}/${filed.id}/decision`, { outcome: 'rejected', reason: 'x' }, { token: r2.token }),
          409,
          [],
          'request.invalid_transition',
        );
        expectProblem(
          await app.http.post(`${REQUESTS}/${filed.id}/claim/renew`, undefined, { token: r1.token }),
          409,
          [],
          'review.claim_lapsed',
        );
      }));
  });

  describe('listing: assignee, search and sort', () => {
    it("lists exactly the caller's claims with assignee=me, another reviewer's by id, and the unclaimed with assignee=none", async () => {
      const [r1, r2] = [await reviewer(), await reviewer()];
      const mine = [await file(), await file()];
      const theirs = await file();
      const waiting = await file();
      for (const request of mine) await claim(r1, request.id);
      await claim(r2, theirs.id);
      const ids = async (query: string, token = r1.token) => {
        const res = await t.http.get(`${REQUESTS}?${query}`, { token });
        expect(res.status, res.text).toBe(200);
        return (res.body.items as { id: string }[]).map((r) => r.id).sort();
      };
      expect(await ids('assignee=me')).toEqual(mine.map((r) => r.id).sort());
      expect(await ids('assignee=me', r2.token)).toEqual([theirs.id]);
      expect(await ids(`assignee=${r2.userId}`)).toEqual([theirs.id]);
      expect(await ids('assignee=none')).toEqual([waiting.id]);
      expectProblem(await t.http.get(`${REQUESTS}?assignee=me`, { token: partner.adminAgent }), 403);
      expectProblem(await t.http.get(`${REQUESTS}?assignee=somebody`, { token: r1.token }), 400, ['assignee']);
    });

    it('finds requests by the words of their title or description (every word, any case), and sorts them', async () => {
      const r1 = await reviewer();
      const tag = randomUUID().slice(0, 8);
      const duo = await file(t, { title: `Duo claim ${tag}`, description: 'The AMR claim never carries mfa (100% of sign-ins).' });
      const okta = await file(t, { title: `Okta ${tag}`, description: 'Okta Verify is done but the amr claim lacks mfa.' });
      await file(t, { title: 'Exchange Online PowerShell', description: 'Nothing in common.' });
      const search = async (q: string, sort = '') =>
        ((await t.http.get(`${REQUESTS}?q=${encodeURIComponent(q)}${sort}`, { token: r1.token })).body.items as { id: string }[]).map(
          (r) => r.id,
        );
      expect((await search(`${tag} CLAIM`)).sort()).toEqual([duo.id, okta.id].sort());
      expect(await search(`${tag} duo`)).toEqual([duo.id]);
      expect(await search(`100%`)).toEqual([duo.id]);
      expect(await search(`${tag}`, '&sort=-createdAt')).toEqual([okta.id, duo.id]);
      expect(await search(`${tag}`, '&sort=createdAt')).toEqual([duo.id, okta.id]);
      expectProblem(await t.http.get(`${REQUESTS}?sort=title`, { token: r1.token }), 400, ['sort']);
    });

    it('pages a sorted list without skipping or repeating', async () => {
      const r1 = await reviewer();
      const tag = randomUUID().slice(0, 8);
      const filed = [];
      for (let i = 0; i < 5; i++) filed.push((await file(t, { title: `Paging ${tag} ${i}` })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await t.http.get(`${REQUESTS}?q=${tag}&sort=-updatedAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: r1.token })
        ).body;
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...filed].reverse());
    });
  });

  describe('internal notes', () => {
    it("are read by reviewers only: absent from the partner's messages and events, and a partner cannot post one", async () => {
      const r1 = await reviewer();
      const filed = await file();
      await claim(r1, filed.id);
      const note = await t.http.post(
        `${REQUESTS}/${filed.id}/messages`,
        { body: 'Internal: check their EXO version.', internal: true },
        { token: r1.token },
      );
      expect(note.status, note.text).toBe(201);
      expect(note.body).toMatchObject({ internal: true });
      const open = await t.http.post(`${REQUESTS}/${filed.id}/messages`, { body: 'We are looking at it.' }, { token: r1.token });
      expect(open.body.internal).toBe(false);

      const partnerMessages = await t.http.get(`${REQUESTS}/${filed.id}/messages`, { token: partner.adminAgent });
      expect(partnerMessages.body.items.map((m: { body: string }) => m.body)).toEqual(['We are looking at it.']);
      const partnerEvents = await t.http.get(`${REQUESTS}/${filed.id}/events`, { token: partner.adminAgent });
      expect(partnerEvents.text).not.toContain(note.body.id);
      expect(partnerEvents.body.items.filter((e: { type: string }) => e.type === 'message.posted')).toHaveLength(1);
      const partnerRequest = await t.http.get(`${REQUESTS}/${filed.id}`, { token: partner.adminAgent });
      expect(partnerRequest.text).not.toContain('check their EXO version');

      const reviewerMessages = await t.http.get(`${REQUESTS}/${filed.id}/messages`, { token: r1.token });
      expect(reviewerMessages.body.items.map((m: { internal: boolean }) => m.internal)).toEqual([true, false]);
      const reviewerEvents = await t.http.get(`${REQUESTS}/${filed.id}/events`, { token: r1.token });
      expect(reviewerEvents.body.items.filter((e: { type: string }) => e.type === 'message.posted')).toHaveLength(2);

      const forged = await t.http.post(
        `${REQUESTS}/${filed.id}/messages`,
        { body: 'I am a reviewer now', internal: true },
        { token: partner.adminAgent },
      );
      expectProblem(forged, 403, [], 'message.internal_reviewers_only');
      expect((await t.http.get(`${REQUESTS}/${filed.id}/messages`, { token: r1.token })).body.items).toHaveLength(2);
    });
  });

  describe("a partner's answer to an information request", () => {
    it('goes back to the reviewer who asked while their claim is live', async () => {
      const r1 = await reviewer();
      const filed = await file();
      await claim(r1, filed.id);
      await t.http.post(`${REQUESTS}/${filed.id}/request-info`, { message: 'Which module version?' }, { token: r1.token });
      const reply = await t.http.post(`${REQUESTS}/${filed.id}/messages`, { body: 'V1.0.1' }, { token: partner.adminAgent });
      expect(reply.status).toBe(201);
      const after = await read(filed.id, r1.token);
      expect(after).toMatchObject({ status: 'in_review', assignee: { userId: r1.userId }, sla: { pausedAt: null } });
      expect(after.allowedActions).toEqual(expect.arrayContaining(['decide', 'request_info']));
      const events = (await t.http.get(`${REQUESTS}/${filed.id}/events`, { token: r1.token })).body.items as { type: string; to: string }[];
      expect(events.at(-1)).toMatchObject({ type: 'request.info_provided', to: 'in_review' });
      // Nobody else can take it meanwhile.
      expect((await claim(await reviewer())).status).toBe(204);
    });

    it('goes to the queue once that claim has lapsed (REVIEW_CLAIM_TTL=1)', () =>
      withOwnApp({ REVIEW_CLAIM_TTL: '1', PROCESS_ROLE: 'api' }, async (app) => {
        const r1 = await reviewer();
        const filed = await file(app);
        await claim(r1, filed.id, app);
        await app.http.post(`${REQUESTS}/${filed.id}/request-info`, { message: 'Which module version?' }, { token: r1.token });
        await new Promise((resolve) => setTimeout(resolve, 1100));
        await app.http.post(`${REQUESTS}/${filed.id}/messages`, { body: 'V1.0.1' }, { token: partner.adminAgent });
        expect(await read(filed.id, r1.token, app)).toMatchObject({ status: 'submitted', assignee: null });
      }));
  });

  describe('allowedActions', () => {
    // Table-driven against the lifecycle: who may do what in each state.
    const TABLE: Record<string, Record<'partner' | 'claimant' | 'otherReviewer' | 'lead', string[]>> = {
      submitted: {
        partner: ['withdraw', 'message'],
        claimant: ['message', 'claim'],
        otherReviewer: ['message', 'claim'],
        lead: ['message', 'claim', 'reassign'],
      },
      in_review: {
        partner: ['withdraw', 'message'],
        claimant: ['message', 'renew_claim', 'release', 'request_info', 'decide'],
        otherReviewer: ['message'],
        lead: ['message', 'release', 'reassign'],
      },
      info_requested: {
        partner: ['withdraw', 'message'],
        claimant: ['message', 'renew_claim'],
        otherReviewer: ['message'],
        lead: ['message'],
      },
      approved: { partner: ['message'], claimant: ['message'], otherReviewer: ['message'], lead: ['message'] },
      rejected: { partner: ['message'], claimant: ['message'], otherReviewer: ['message'], lead: ['message'] },
      withdrawn: { partner: ['message'], claimant: ['message'], otherReviewer: ['message'], lead: ['message'] },
    };

    it.each(Object.keys(TABLE))('are, for a %s request, what each role may do', async (state) => {
      const [claimant, otherReviewer, lead] = [await reviewer(), await reviewer(), await reviewer(ROLE.reviewLead)];
      const filed = await file();
      if (state !== 'submitted') await claim(claimant, filed.id);
      if (state === 'info_requested')
        await t.http.post(`${REQUESTS}/${filed.id}/request-info`, { message: '?' }, { token: claimant.token });
      if (state === 'rejected')
        await t.http.post(`${REQUESTS}/${filed.id}/decision`, { outcome: 'rejected', reason: 'no' }, { token: claimant.token });
      if (state === 'approved') {
        const grant = {
          userIds: filed.affectedUserIds,
          surfaces: ['delegated_admin'],
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        };
        await t.http.post(`${REQUESTS}/${filed.id}/decision`, { outcome: 'approved', reason: 'yes', grant }, { token: claimant.token });
      }
      if (state === 'withdrawn') await t.http.post(`${REQUESTS}/${filed.id}/withdraw`, {}, { token: partner.adminAgent });
      const viewers = { partner: partner.adminAgent, claimant: claimant.token, otherReviewer: otherReviewer.token, lead: lead.token };
      for (const [who, token] of Object.entries(viewers)) {
        const seen = await read(filed.id, token);
        expect(seen.status).toBe(state);
        expect(seen.allowedActions, `${who} on ${state}`).toEqual(TABLE[state][who as keyof (typeof TABLE)[string]]);
      }
    });
  });
});
