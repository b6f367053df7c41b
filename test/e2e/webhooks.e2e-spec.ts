import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';
import { WebhookReceiver, type Hit } from '../support/webhook-receiver.js';
import type { Queue } from 'bullmq';
import type { Clock } from '../../src/platform/clock.js';
import { QUEUES } from '../../src/queue/jobs.js';
import { OutboxRepository } from '../../src/queue/outbox/outbox.repository.js';
import { QUEUE_REGISTRY } from '../../src/queue/queue.module.js';
import { WebhookFanoutProcessor } from '../../src/webhooks/webhooks.processor.js';
import { WebhooksReconciler } from '../../src/webhooks/webhooks-reconciler.js';
import { WebhooksRepository } from '../../src/webhooks/webhooks.repository.js';

// api.md, "Notifications and webhooks": subscriptions, Standard Webhooks deliveries (checked with an
// independent implementation, the `standardwebhooks` package), retries with the same webhook-id,
// what each side may see, order per request. The receiver is a real HTTP server on loopback, which
// is why this app allows private networks (the guard against them has tests of its own below).

const REQUESTS = '/v1/exception-requests';
const ALL_EVENTS = ['request.filed', 'request.claimed', 'request.info_requested', 'request.decided', 'message.posted', 'grant.created'];

interface Subscribed {
  readonly id: string;
  readonly secret: string;
  readonly path: string;
}

describe('webhooks', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let t: TestApp;
  let receiver: WebhookReceiver;
  let reviewLead: string;
  let reviewer: string;

  const subscribe = async (token: string, events: string[] = ALL_EVENTS): Promise<Subscribed> => {
    const path = `/hooks/${randomUUID()}`;
    const res = await t.http.post('/v1/webhooks', { url: receiver.url(path), events, description: 'test receiver' }, { token });
    expect(res.status, res.text).toBe(201);
    return { id: res.body.id, secret: res.body.secret, path };
  };
  const file = async (token: string) => {
    const res = await t.http.post(REQUESTS, buildRequestBody(), { token });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  };
  const claimAndDecide = async (id: string) => {
    expect((await t.http.post('/v1/review-queue/claim', { requestId: id }, { token: reviewer })).status).toBe(200);
    const decided = await t.http.post(
      `${REQUESTS}/${id}/decision`,
      { outcome: 'rejected', reason: 'Register MFA; no exception is needed.' },
      { token: reviewer },
    );
    expect(decided.status, decided.text).toBe(200);
  };
  /** The hits at `path` once there are `count` of them (and a moment more, to catch extra ones). */
  const hitsAt = async (path: string, count: number): Promise<Hit[]> => {
    await waitFor(async () => receiver.at(path).length >= count, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return receiver.at(path);
  };
  const verified = (subscription: Subscribed, hit: Hit) =>
    new Webhook(subscription.secret).verify(hit.raw, hit.headers as Record<string, string>);
  const deliveriesOf = async (subscription: Subscribed, token: string) => {
    const res = await t.http.get(`/v1/webhooks/${subscription.id}/deliveries`, { token });
    expect(res.status, res.text).toBe(200);
    return res.body.items as {
      id: string;
      eventId: string;
      type: string;
      status: string;
      responseStatus: number | null;
      attempt: number;
      nextAttemptAt: string | null;
    }[];
  };

  beforeAll(async () => {
    db = await isolatedDatabase('webhooks');
    tokens = new TokenFactory(await newSigningKey());
    receiver = await new WebhookReceiver().start();
    t = await startTestApp(
      {
        ...db.env,
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_RETRY_BASE_MS: '200',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_TIMEOUT_MS: '2000',
      },
      tokens,
    );
    reviewLead = await tokens.mint({ role: ROLE.reviewLead });
    reviewer = await tokens.mint({ role: ROLE.reviewer });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await db?.drop();
  });

  it('shows the secret once, signs each delivery so that an independent implementation verifies it, and uses the event id as webhook-id', async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await t.http.get(`/v1/webhooks/${sub.id}`, { token: partner.globalAdmin });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: sub.id, events: ['request.filed'], scope: 'tenant', description: 'test receiver' });
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify((await t.http.get('/v1/webhooks', { token: partner.adminAgent })).body)).not.toContain(sub.secret);

    const filed = await file(partner.adminAgent);
    const [hit] = await hitsAt(sub.path, 1);
    const payload = verified(sub, hit) as Hit['body'];
    expect(payload).toMatchObject({
      type: 'request.filed',
      timestamp: expect.any(String),
      data: { id: filed.id, tenantId: partner.tenantId, status: 'submitted' },
    });
    const events = (await t.http.get(`${REQUESTS}/${filed.id}/events`, { token: partner.adminAgent })).body.items;
    expect(hit.headers['webhook-id']).toBe(events.find((e: { type: string }) => e.type === 'request.filed').id);
    // A body altered in transit, or signed with another secret, does not verify.
    expect(() => verified(sub, { ...hit, raw: hit.raw.replace('request.filed', 'request.decided') })).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(hit.raw, hit.headers as Record<string, string>),
    ).toThrow();
  });

  it("keeps tenants apart: a partner hears only its own tenant's events; a review lead hears every tenant's", async () => {
    const [a, b] = [await partnerTenant(tokens), await partnerTenant(tokens)];
    const [subA, subB, subLead] = [await subscribe(a.globalAdmin), await subscribe(b.globalAdmin), await subscribe(reviewLead)];
    const filedA = await file(a.adminAgent);
    const [hitA] = await hitsAt(subA.path, 1);
    expect(hitA.body.data.id).toBe(filedA.id);
    const leadHits = await hitsAt(subLead.path, 1);
    expect(leadHits.map((hit) => hit.body.data.id)).toEqual([filedA.id]);
    // The event's deliveries are made in one transaction: none for B now means none ever.
    expect(receiver.at(subB.path)).toEqual([]);
    expect(await deliveriesOf(subB, b.globalAdmin)).toEqual([]);

    // Another side's subscription does not exist for you; reviewers who are not leads have none.
    expect((await t.http.get(`/v1/webhooks/${subA.id}`, { token: b.globalAdmin })).status).toBe(404);
    expect((await t.http.get(`/v1/webhooks/${subA.id}/deliveries`, { token: reviewLead })).status).toBe(404);
    expect((await t.http.get(`/v1/webhooks/${subLead.id}`, { token: a.globalAdmin })).status).toBe(404);
    expectProblem(await t.http.get('/v1/webhooks', { token: reviewer }), 403);
    const leadList = (await t.http.get('/v1/webhooks', { token: reviewLead })).body.items.map((s: { id: string }) => s.id);
    expect(leadList).toContain(subLead.id);
    expect(leadList).not.toContain(subA.id);
  });

  it("never delivers an internal note to a partner, nor anything of it; the review lead's webhook hears it", async () => {
    const partner = await partnerTenant(tokens);
    const [sub, subLead] = [await subscribe(partner.globalAdmin, ['message.posted']), await subscribe(reviewLead, ['message.posted'])];
    const filed = await file(partner.adminAgent);
    expect((await t.http.post('/v1/review-queue/claim', { requestId: filed.id }, { token: reviewer })).status).toBe(200);
    const note = await t.http.post(
      `${REQUESTS}/${filed.id}/messages`,
      { body: 'Internal: their tenant looks odd.', internal: true },
      { token: reviewer },
    );
    expect(note.status, note.text).toBe(201);
    const open = await t.http.post(`${REQUESTS}/${filed.id}/messages`, { body: 'Which module version do you use?' }, { token: reviewer });
    expect(open.status, open.text).toBe(201);

    const leadHits = await hitsAt(subLead.path, 2);
    expect(leadHits.map((hit) => hit.body.event.data.messageId)).toEqual([note.body.id, open.body.id]);
    const partnerHits = await hitsAt(sub.path, 1);
    expect(partnerHits).toHaveLength(1);
    expect(partnerHits[0].body.event.data.messageId).toBe(open.body.id);
    expect(partnerHits.map((hit) => hit.raw).join()).not.toMatch(/internal|their tenant looks odd/i);
    expect((await deliveriesOf(sub, partner.globalAdmin)).map((d) => d.type)).toEqual(['message.posted']);
  });

  it('retries a 500 with the same webhook-id and a fresh signature, and lists the delivery as delivered on its second attempt', async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed']);
    receiver.answer(sub.path, 500);
    await file(partner.adminAgent);
    const hits = await hitsAt(sub.path, 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].headers['webhook-id']).toBe(hits[1].headers['webhook-id']);
    expect(hits[0].raw).toBe(hits[1].raw);
    for (const hit of hits) expect(verified(sub, hit)).toMatchObject({ type: 'request.filed' });
    const [delivery] = await waitFor(async () => {
      const rows = await deliveriesOf(sub, partner.globalAdmin);
      return rows[0]?.status === 'delivered' ? rows : null;
    });
    expect(delivery).toMatchObject({
      type: 'request.filed',
      status: 'delivered',
      responseStatus: 204,
      attempt: 2,
      nextAttemptAt: null,
      eventId: hits[0].headers['webhook-id'],
    });
  });

  it('marks a delivery failed after its last attempt, and sends it again, same webhook-id, on a manual retry', async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed']);
    receiver.always(sub.path, 503);
    await file(partner.adminAgent);
    const [failed] = await waitFor(async () => {
      const rows = await deliveriesOf(sub, partner.globalAdmin);
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(failed).toMatchObject({ status: 'failed', responseStatus: 503, attempt: 3, nextAttemptAt: null });
    expect(receiver.at(sub.path)).toHaveLength(3);

    receiver.always(sub.path, 200);
    const retried = await t.http.post(`/v1/webhooks/${sub.id}/deliveries/${failed.id}/retry`, undefined, { token: partner.globalAdmin });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    const hits = await hitsAt(sub.path, 4);
    expect(new Set(hits.map((hit) => hit.headers['webhook-id']))).toEqual(new Set([failed.eventId]));
    const [after] = await waitFor(async () => {
      const rows = await deliveriesOf(sub, partner.globalAdmin);
      return rows[0]?.status === 'delivered' ? rows : null;
    });
    expect(after).toMatchObject({ status: 'delivered', responseStatus: 200, attempt: 4 });

    // Another tenant cannot retry it, nor can anyone retry a delivery of another subscription.
    const other = await partnerTenant(tokens);
    expect(
      (await t.http.post(`/v1/webhooks/${sub.id}/deliveries/${failed.id}/retry`, undefined, { token: other.globalAdmin })).status,
    ).toBe(404);
  });

  it("delivers a request's events in their order, even when the first one needs a retry", async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed', 'request.claimed', 'request.decided']);
    receiver.answer(sub.path, 500);
    const filed = await file(partner.adminAgent);
    await claimAndDecide(filed.id);
    const hits = await hitsAt(sub.path, 4);
    // The failed first attempt, then every event in order: the later ones waited for the first.
    expect(hits.map((hit) => hit.body.type)).toEqual(['request.filed', 'request.filed', 'request.claimed', 'request.decided']);
    expect(hits.at(-1)!.body.data).toMatchObject({ id: filed.id, status: 'rejected', decision: { outcome: 'rejected' } });
  });

  it('tells the partner and the review lead of a grant: created, then its 1-day expiry notice, with the grant as data', async () => {
    const partner = await partnerTenant(tokens);
    const events = ['grant.created', 'grant.expiring'];
    const [sub, subLead] = [await subscribe(partner.globalAdmin, events), await subscribe(reviewLead, events)];
    const filed = await t.http.post(REQUESTS, buildRequestBody(), { token: partner.adminAgent });
    expect(filed.status).toBe(201);
    expect((await t.http.post('/v1/review-queue/claim', { requestId: filed.body.id }, { token: reviewer })).status).toBe(200);
    // The grant ends a day and a few seconds from now: its 1-day notice is due in a few seconds.
    const expiresAt = new Date(Date.now() + 86_400_000 + 3000).toISOString();
    const decided = await t.http.post(
      `${REQUESTS}/${filed.body.id}/decision`,
      {
        outcome: 'approved',
        reason: 'Delegated EXO module.',
        grant: { userIds: filed.body.affectedUserIds, surfaces: ['delegated_admin'], expiresAt },
      },
      { token: reviewer },
    );
    expect(decided.status, decided.text).toBe(200);
    for (const subscription of [sub, subLead]) {
      const hits = await waitFor(async () => receiver.at(subscription.path).length >= 2 && receiver.at(subscription.path), 15_000);
      expect(hits.map((hit) => hit.body.type)).toEqual(['grant.created', 'grant.expiring']);
      expect(hits[1].body.data).toMatchObject({ id: decided.body.grantId, status: 'active', expiresAt });
      expect(hits[1].body.event.data).toMatchObject({ daysBefore: 1 });
    }
  });

  it('stops delivering once a subscription is deleted (204, then 404)', async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed']);
    const deleted = await t.http.send('DELETE', `/v1/webhooks/${sub.id}`, undefined, { token: partner.globalAdmin });
    expect(deleted.status).toBe(204);
    expect((await t.http.get(`/v1/webhooks/${sub.id}`, { token: partner.globalAdmin })).status).toBe(404);
    expect((await t.http.send('DELETE', `/v1/webhooks/${sub.id}`, undefined, { token: partner.globalAdmin })).status).toBe(404);
    const filed = await file(partner.adminAgent);
    await waitFor(() => countRows(t.db, 'webhook_fanouts', `event_id IN (SELECT id FROM audit_events WHERE request_id = $1)`, [filed.id]));
    expect(await countRows(t.db, 'webhook_deliveries', 'subscription_id = $1', [sub.id])).toBe(0);
    expect(receiver.at(sub.path)).toEqual([]);
  });

  it('refuses bad subscriptions with 422 or 400 naming the field, and writes nothing', async () => {
    const partner = await partnerTenant(tokens);
    const before = await countRows(t.db, 'webhook_subscriptions');
    expectProblem(
      await t.http.post('/v1/webhooks', { url: receiver.url('/x'), events: ['request.teleported'] }, { token: partner.globalAdmin }),
      422,
      ['events'],
    );
    expectProblem(await t.http.post('/v1/webhooks', { url: 'not a url', events: ['request.filed'] }, { token: partner.globalAdmin }), 422, [
      'url',
    ]);
    expectProblem(
      await t.http.post('/v1/webhooks', { url: 'ftp://127.0.0.1/x', events: ['request.filed'] }, { token: partner.globalAdmin }),
      422,
      ['url'],
    );
    expectProblem(await t.http.post('/v1/webhooks', { events: ['request.filed'] }, { token: partner.globalAdmin }), 400, ['url']);
    // Only partner admins and review leads subscribe.
    expectProblem(await t.http.post('/v1/webhooks', { url: receiver.url('/x'), events: ['request.filed'] }, { token: reviewer }), 403);
    const sales = await tokens.mint({ role: ROLE.salesAgent, tenantId: partner.tenantId });
    expectProblem(await t.http.post('/v1/webhooks', { url: receiver.url('/x'), events: ['request.filed'] }, { token: sales }), 403);
    expect(await countRows(t.db, 'webhook_subscriptions')).toBe(before);
  });

  it('refuses internal targets at subscription (422 naming url) unless private networks are allowed, and writes nothing', async () => {
    // The production default: a second app (API only) without WEBHOOK_ALLOW_PRIVATE_NETWORKS.
    const strict = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
    try {
      const partner = await partnerTenant(tokens);
      const before = await countRows(t.db, 'webhook_subscriptions');
      for (const url of [
        'https://127.0.0.1/h',
        'https://0x7f000001/h',
        'https://2130706433/h',
        'https://[::ffff:127.0.0.1]/h',
        'https://169.254.169.254/h',
        'https://localhost/h',
        receiver.url('/plain-http'),
      ]) {
        const res = await strict.http.post('/v1/webhooks', { url, events: ['request.filed'] }, { token: partner.globalAdmin });
        expectProblem(res, 422, ['url']);
      }
      expect(await countRows(t.db, 'webhook_subscriptions')).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('queues again, from the database, the work whose job Redis lost: a fan-out that never ran and an overdue delivery', async () => {
    const partner = await partnerTenant(tokens);
    const sub = await subscribe(partner.globalAdmin, ['request.filed', 'request.withdrawn']);
    const filed = await file(partner.adminAgent);
    const [first] = await hitsAt(sub.path, 1);
    // Redis forgets: the delivery is pending again with no job, and a later event's fan-out never ran.
    const queues = t.app.get<ReadonlyMap<string, Queue>>(QUEUE_REGISTRY);
    const [[delivery]] = await t.db.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE subscription_id = $1 RETURNING id, round`,
      [sub.id],
    );
    await queues.get(QUEUES.webhookDeliveries)!.remove(`webhooks.deliver-${delivery.id}-${delivery.round}`);
    await t.app.get(WebhookFanoutProcessor).worker.pause();
    expect((await t.http.post(`${REQUESTS}/${filed.id}/withdraw`, undefined, { token: partner.adminAgent })).status).toBe(200);
    const [withdrawn] = await t.db.query(`SELECT id FROM audit_events WHERE request_id = $1 AND type = 'request.withdrawn'`, [filed.id]);
    const fanoutJob = `webhooks.fanout-${withdrawn.id}`;
    await waitFor(async () => (await queues.get(QUEUES.webhooks)!.getJob(fanoutJob)) !== undefined);
    await queues.get(QUEUES.webhooks)!.remove(fanoutJob);
    await t.app.get(WebhookFanoutProcessor).worker.resume();

    // Ten minutes later, the sweep finds both.
    const later = { now: () => new Date(Date.now() + 10 * 60_000) } as Clock;
    const reconciler = new WebhooksReconciler(t.db, t.app.get(WebhooksRepository), t.app.get(OutboxRepository), later);
    expect(await reconciler.reconcile()).toMatchObject({ fanouts: 1, deliveries: 1 });
    const hits = await hitsAt(sub.path, 3);
    expect(hits.map((hit) => hit.body.type)).toEqual(['request.filed', 'request.filed', 'request.withdrawn']);
    expect(hits[1].headers['webhook-id']).toBe(first.headers['webhook-id']);
  });
});
