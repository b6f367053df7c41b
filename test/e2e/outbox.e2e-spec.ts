import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Maintenance } from '../../src/queue/maintenance.js';
import { OutboxRelay } from '../../src/queue/outbox/outbox-relay.service.js';
import type { Queue } from 'bullmq';
import { cancelSlaTimerJobs, requestFiledJob, slaTimerJobs, type JobSpec } from '../../src/queue/jobs.js';
import { QUEUE_REGISTRY } from '../../src/queue/queue.module.js';
import { buildRequestBody, countRows, waitFor } from '../support/factories.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, TokenFactory } from '../support/tokens.js';

// A database and queue prefix of this file's own: other files' apps relay the shared outbox, and
// here we need to see rows wait while Redis is unreachable.
describe('outbox: queue work survives Redis being away', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;

  beforeAll(async () => {
    db = await isolatedDatabase('outbox');
    tokens = new TokenFactory(await newSigningKey());
  });
  afterAll(() => db.drop());

  it('accepts a filing while Redis is down, keeps its job, and relays it once Redis is back', async () => {
    const down = await startTestApp({ ...db.env, REDIS_URL: 'redis://127.0.0.1:1', OUTBOX_POLL_MS: '50' }, tokens);
    let requestId: string;
    try {
      const partner = await partnerTenant(tokens);
      const filed = await down.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
      expect(filed.status).toBe(201);
      requestId = filed.body.id;

      // The relay tries the oldest row first (the filing's webhook fan-out) and stops at a failure.
      const [job] = await waitFor(async () => {
        const rows = await down.db.query(
          `SELECT relayed_at, attempts, last_error FROM outbox_jobs
            WHERE payload->>'requestId' = $1::text OR payload->>'eventId' IN (SELECT id::text FROM audit_events WHERE request_id = $1::uuid)
            ORDER BY id LIMIT 1`,
          [requestId],
        );
        return rows[0]?.attempts >= 1 ? rows : null;
      });
      expect(job.relayed_at).toBeNull();
      expect(
        await countRows(down.db, 'outbox_jobs', "name = 'request.filed' AND payload->>'requestId' = $1 AND relayed_at IS NULL", [
          requestId,
        ]),
      ).toBe(1);
      expect(job.last_error).toMatch(/\S/);
      expect((await down.http.get('/health/ready')).status).toBe(503);
    } finally {
      await down.close();
    }

    const up = await startTestApp({ ...db.env }, tokens);
    try {
      await waitFor(() => countRows(up.db, 'notifications', "request_id = $1 AND kind = 'request.filed'", [requestId]));
      // The worker may finish the job before the relay's own transaction marks the row relayed.
      const job = await waitFor(async () => {
        const [row] = await up.db.query("SELECT relayed_at FROM outbox_jobs WHERE name = 'request.filed' AND payload->>'requestId' = $1", [
          requestId,
        ]);
        return row?.relayed_at ? row : null;
      });
      expect(job.relayed_at).not.toBeNull();
      expect((await up.http.get('/health/ready')).status).toBe(200);
    } finally {
      await up.close();
    }
  });

  /** Puts job specs in the outbox as a committed change would, and waits until the relay has moved them. */
  async function throughOutbox(app: TestApp, jobs: JobSpec[]): Promise<void> {
    for (const job of jobs) {
      await app.db.query(
        'INSERT INTO outbox_jobs (queue, name, job_id, payload, run_at, action, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())',
        [job.queue, job.name, job.jobId, JSON.stringify(job.payload), job.runAt ?? null, job.action ?? 'add'],
      );
    }
    await waitFor(async () => (await countRows(app.db, 'outbox_jobs', 'relayed_at IS NULL')) === 0);
  }
  const queueOf = (app: TestApp, name: string) => app.app.get<ReadonlyMap<string, Queue>>(QUEUE_REGISTRY).get(name)!;
  /** Every job BullMQ holds for this request on a queue, whatever its state. */
  async function jobsFor(queue: Queue, requestId: string, name: string) {
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
    return jobs.filter((job) => job.name === name && (job.data as { requestId?: string }).requestId === requestId);
  }

  it('delivers a job relayed twice only once: one BullMQ job under its deterministic id, one notification', async () => {
    const app = await startTestApp({ ...db.env }, tokens);
    try {
      const partner = await partnerTenant(tokens);
      const filed = await app.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
      await waitFor(() => countRows(app.db, 'notifications', 'request_id = $1', [filed.body.id]));
      const job = requestFiledJob(filed.body.id);
      const notifications = queueOf(app, job.queue);
      expect((await notifications.getJob(job.jobId))?.name).toBe('request.filed');
      expect(await jobsFor(notifications, filed.body.id, 'request.filed')).toHaveLength(1);

      // As if a relay crashed after adding the job but before marking its row: the row comes back.
      await throughOutbox(app, [job]);
      await app.app.get(OutboxRelay).relayOnce();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await jobsFor(notifications, filed.body.id, 'request.filed')).toHaveLength(1);
      expect(await countRows(app.db, 'notifications', 'request_id = $1', [filed.body.id])).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('replaces a timer that moved and removes one that was cancelled, found again by its deterministic id', async () => {
    const app = await startTestApp({ ...db.env }, tokens);
    try {
      const requestId = randomUUID();
      const sla = queueOf(app, 'sla');
      const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);
      const runAtOf = async (jobId: string) => {
        const job = await sla.getJob(jobId);
        return job ? job.timestamp + (job.opts.delay ?? 0) : null;
      };
      const [atRisk, breached] = slaTimerJobs(requestId, inHours(1), inHours(2));
      await throughOutbox(app, [atRisk, breached]);
      expect(await runAtOf(atRisk.jobId)).toBeCloseTo(inHours(1).getTime(), -4);

      // The due time moved (a pause ended): the same ids, now due later, and no second timer.
      await throughOutbox(app, slaTimerJobs(requestId, inHours(5), inHours(6)));
      expect(await runAtOf(atRisk.jobId)).toBeCloseTo(inHours(5).getTime(), -4);
      expect(await runAtOf(breached.jobId)).toBeCloseTo(inHours(6).getTime(), -4);
      expect(await jobsFor(sla, requestId, 'sla.at_risk')).toHaveLength(1);

      // Decided: both timers go.
      await throughOutbox(app, cancelSlaTimerJobs(requestId));
      expect(await sla.getJob(atRisk.jobId)).toBeUndefined();
      expect(await sla.getJob(breached.jobId)).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('writes nothing to the outbox when the filing is refused', async () => {
    const app = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
    try {
      const before = await countRows(app.db, 'outbox_jobs');
      const partner = await partnerTenant(tokens);
      const refused = await app.http.post('/v1/exception-requests', buildRequestBody({ contact: { name: 'x', email: 'not-an-email' } }), {
        token: partner.adminAgent,
      });
      expect(refused.status).toBe(422);
      expect(await countRows(app.db, 'outbox_jobs')).toBe(before);
      const accepted = await app.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
      expect(accepted.status).toBe(201);
      expect(await countRows(app.db, 'outbox_jobs')).toBe(before + 4); // its notice, two SLA timers, the webhook fan-out of its event
    } finally {
      await app.close();
    }
  });
});

describe('maintenance', () => {
  it('purges idempotency keys past retention and relayed outbox rows older than a week, and nothing newer', async () => {
    const db = await isolatedDatabase('maintenance');
    const app = await startTestApp({ ...db.env, IDEMPOTENCY_RETENTION_HOURS: '24' });
    try {
      const tenant = randomUUID();
      await app.db.query(
        `INSERT INTO idempotency_keys (tenant_id, principal, operation, key, fingerprint, created_at) VALUES ($1, 'u', 'POST /v1/exception-requests', 'old', 'f', now() - interval '25 hours'), ($1, 'u', 'POST /v1/exception-requests', 'new', 'f', now() - interval '23 hours')`,
        [tenant],
      );
      await app.db.query(
        `INSERT INTO outbox_jobs (queue, name, job_id, payload, created_at, relayed_at) VALUES
           ('notifications', 'request.filed', 'old', '{}', now() - interval '8 days', now() - interval '8 days'),
           ('notifications', 'request.filed', 'recent', '{}', now() - interval '6 days', now() - interval '6 days'),
           ('notifications', 'request.filed', 'pending', '{}', now() - interval '9 days', NULL)`,
      );
      // The hourly job may also run now (a scheduler fires once at start): the table state is what counts.
      const purged = await app.app.get(Maintenance).purge();
      expect(purged.idempotencyKeys).toBeLessThanOrEqual(1);
      expect(purged.outboxJobs).toBeLessThanOrEqual(1);
      expect(
        (await app.db.query(`SELECT key FROM idempotency_keys WHERE tenant_id = $1`, [tenant])).map((r: { key: string }) => r.key),
      ).toEqual(['new']);
      expect((await app.db.query(`SELECT job_id FROM outbox_jobs ORDER BY job_id`)).map((r: { job_id: string }) => r.job_id)).toEqual([
        'pending',
        'recent',
      ]);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
