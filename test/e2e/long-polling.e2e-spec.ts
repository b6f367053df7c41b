import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrantIndex } from '../../src/enforcement/grant-index.js';
import { HeldPolls } from '../../src/enforcement/held-polls.js';
import { buildRequestBody, waitFor } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

// Long polling on GET /v1/enforcement/grants/changes (`wait=`) and the usage batches of
// POST /v1/enforcement/usage, on two instances sharing one database of this file's own.

const DAY = 86_400_000;

describe('enforcement feed long polling and usage batches', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let a: TestApp;
  let b: TestApp;
  let enforcement: string;
  let reviewer: string;

  beforeAll(async () => {
    db = await isolatedDatabase('longpoll');
    tokens = new TokenFactory(await newSigningKey());
    [a, b] = await Promise.all([startTestApp(db.env, tokens), startTestApp(db.env, tokens)]);
    enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    reviewer = await tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db?.drop();
  });

  async function approveOn(app: TestApp): Promise<string> {
    const partner = await partnerTenant(tokens);
    const filed = await app.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    expect((await app.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer })).status).toBe(200);
    const approved = await app.http.post(
      `/v1/exception-requests/${filed.body.id}/decision`,
      {
        outcome: 'approved',
        reason: 'Delegated EXO module.',
        grant: {
          userIds: [filed.body.affectedUserIds[0]],
          surfaces: ['delegated_admin'],
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      },
      { token: reviewer },
    );
    expect(approved.status, approved.text).toBe(200);
    return approved.body.grantId as string;
  }

  async function currentCursor(app: TestApp): Promise<string> {
    return (await app.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body.snapshot.cursor as string;
  }

  const poll = (app: TestApp, cursor: string, wait: number) =>
    app.http.get(`/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&wait=${wait}`, { token: enforcement });

  it('holds an empty answer until a change commits, on the instance that made it and on another one', async () => {
    const cursor = await currentCursor(a);
    const onA = poll(a, cursor, 25);
    const onB = poll(b, cursor, 25);
    await waitFor(async () => a.app.get(HeldPolls).heldCount === 1 && b.app.get(HeldPolls).heldCount === 1);
    // Operators see the held polls and the limit.
    const scrape = (await a.http.get('/metrics')).text;
    expect(scrape).toMatch(/^enforcement_held_polls 1$/m);
    expect(scrape).toMatch(/^enforcement_held_polls_limit 1000$/m);
    const grantId = await approveOn(a);
    const approvedAt = Date.now();
    for (const answer of await Promise.all([onA, onB])) {
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.items.map((c: { type: string; grant: { grantId: string } }) => [c.type, c.grant.grantId])).toEqual([
        ['created', grantId],
      ]);
      expect(answer.body.resumeCursor).toBe(answer.body.items[0].cursor);
    }
    // Released by the change, not by the end of the 25-second wait.
    expect(Date.now() - approvedAt).toBeLessThan(10_000);
    expect(a.app.get(HeldPolls).heldCount + b.app.get(HeldPolls).heldCount).toBe(0);
  });

  it('answers at once when something already follows the cursor, and empty with the same cursor when the wait ends', async () => {
    const cursor = await currentCursor(a);
    await approveOn(b);
    const started = Date.now();
    const ready = await poll(a, cursor, 25);
    expect(ready.body.items).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);

    const quiet = await poll(a, ready.body.resumeCursor as string, 1);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ items: [], nextCursor: null, resumeCursor: ready.body.resumeCursor });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('reads the feed again when the wait ends, so a release that never came still shows the change', async () => {
    const c = await startTestApp(db.env, tokens);
    try {
      // This instance hears of no change: its index neither listens nor polls, so no poll is released.
      await c.app.get(GrantIndex).onApplicationShutdown();
      const cursor = await currentCursor(c);
      const held = poll(c, cursor, 2);
      await waitFor(async () => c.app.get(HeldPolls).heldCount === 1);
      const grantId = await approveOn(a);
      const answer = await held;
      expect(answer.body.items.map((change: { grant: { grantId: string } }) => change.grant.grantId)).toEqual([grantId]);
    } finally {
      await c.close();
    }
  });

  it('stops holding for a caller that went away', async () => {
    const cursor = await currentCursor(a);
    const controller = new AbortController();
    const gone = fetch(`${a.baseUrl}/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&wait=25`, {
      headers: { authorization: `Bearer ${enforcement}` },
      signal: controller.signal,
    }).catch((error: Error) => error.name);
    await waitFor(async () => a.app.get(HeldPolls).heldCount === 1);
    controller.abort();
    expect(await gone).toBe('AbortError');
    await waitFor(async () => a.app.get(HeldPolls).heldCount === 0, 5_000);
  });

  it('refuses a wait out of range, naming the field, and ignores wait without a cursor', async () => {
    const cursor = await currentCursor(a);
    for (const wait of ['31', '-1', 'soon', '1.5']) {
      const answer = await a.http.get(`/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&wait=${wait}`, {
        token: enforcement,
      });
      expectProblem(answer, 400, ['wait']);
    }
    const first = await a.http.get('/v1/enforcement/grants/changes?wait=30', { token: enforcement });
    expect(first.status).toBe(200);
    expect(first.body.snapshot).toBeDefined();
  });

  it('adds usage batches to the grants, summing repeats, skipping unknown grants', async () => {
    const grantId = await approveOn(a);
    const before = (await a.http.get(`/v1/exception-grants/${grantId}`, { token: reviewer })).body;
    const answer = await a.http.post(
      '/v1/enforcement/usage',
      {
        items: [
          { grantId, count: 3, lastUsedAt: '2026-11-20T10:00:00Z' },
          { grantId: grantId.toUpperCase(), count: 4, lastUsedAt: '2026-11-21T10:00:00Z' },
          { grantId: '00000000-0000-4000-8000-000000000000', count: 9, lastUsedAt: '2026-11-21T10:00:00Z' },
        ],
      },
      { token: enforcement },
    );
    expect(answer.status, answer.text).toBe(202);
    expect(answer.body).toEqual({ applied: 1 });
    const after = (await a.http.get(`/v1/exception-grants/${grantId}`, { token: reviewer })).body;
    expect(after.useCount).toBe(before.useCount + 7);
    expect(after.lastUsedAt).toBe('2026-11-21T10:00:00.000Z');
  });

  it('refuses a bad usage batch whole, naming the field, and changes nothing', async () => {
    const grantId = await approveOn(a);
    const bad = [
      [{ items: [] }, 'items'],
      [{ items: [{ grantId, count: 0, lastUsedAt: '2026-11-20T10:00:00Z' }] }, 'items[0].count'],
      [
        {
          items: [
            { grantId, count: 2, lastUsedAt: '2026-11-20T10:00:00Z' },
            { grantId: 'x', count: 1, lastUsedAt: '2026-11-20T10:00:00Z' },
          ],
        },
        'items[1].grantId',
      ],
      [{ items: [{ grantId, count: 2, lastUsedAt: 'yesterday' }] }, 'items[0].lastUsedAt'],
    ] as const;
    for (const [body, field] of bad) {
      expectProblem(await a.http.post('/v1/enforcement/usage', body, { token: enforcement }), 422, [field]);
    }
    const partner = await partnerTenant(tokens);
    const forbidden = await a.http.post(
      '/v1/enforcement/usage',
      { items: [{ grantId, count: 1, lastUsedAt: '2026-11-20T10:00:00Z' }] },
      { token: partner.globalAdmin },
    );
    expect(forbidden.status).toBe(403);
    expect((await a.http.get(`/v1/exception-grants/${grantId}`, { token: reviewer })).body.useCount).toBe(0);
  });
});

describe('held polls are bounded and end at shutdown', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let t: TestApp;

  beforeAll(async () => {
    db = await isolatedDatabase('longpollcap');
    tokens = new TokenFactory(await newSigningKey());
    // An idle timeout far shorter than a hold: a held answer must outlive it.
    t = await startTestApp({ ...db.env, ENFORCEMENT_MAX_HELD_POLLS: '1', HTTP_IDLE_TIMEOUT_MS: '300' }, tokens);
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await db?.drop();
  });

  it('keeps a held connection open past the idle timeout', async () => {
    const enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    const cursor = (await t.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body.snapshot.cursor as string;
    const answer = await t.http.get(`/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&wait=1`, { token: enforcement });
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([]);
  });

  it('answers 503 with Retry-After past ENFORCEMENT_MAX_HELD_POLLS, and releases the held one with an empty page at shutdown', async () => {
    const enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    const cursor = (await t.http.get('/v1/enforcement/grants/changes', { token: enforcement })).body.snapshot.cursor as string;
    const path = `/v1/enforcement/grants/changes?cursor=${encodeURIComponent(cursor)}&wait=30`;
    const held = t.http.get(path, { token: enforcement });
    await waitFor(async () => t.app.get(HeldPolls).heldCount === 1);
    const shed = await t.http.get(path, { token: enforcement });
    expectProblem(shed, 503);
    expect(shed.headers.get('retry-after')).toBe('1');

    const closing = Date.now();
    await t.close();
    const answer = await held;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [], nextCursor: null, resumeCursor: cursor });
    // Shutdown did not wait out the 30-second hold.
    expect(Date.now() - closing).toBeLessThan(15_000);
  });
});
