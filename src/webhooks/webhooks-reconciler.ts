import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../platform/clock.js';
import { webhookDeliveryJob, webhookFanoutJob } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Work this late has lost its job: the relay and the worker would have run it long before. */
const OVERDUE_MS = 5 * 60_000;
/** Fan-outs are looked for among the last day's events only (older ones are history). */
const FANOUT_WINDOW_MS = 24 * 3_600_000;
const BATCH = 500;

/**
 * The database is the record of webhook work and Redis only its timer: when Redis loses its data
 * (a restart without persistence, a failover), this sweep queues again the fan-outs that never ran
 * and the deliveries whose attempt is overdue. Job ids are deterministic, so a job that still
 * exists is not added twice.
 */
@Injectable()
export class WebhooksReconciler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<{ fanouts: number; deliveries: number }> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - OVERDUE_MS);
    const events = await this.webhooks.eventsNeverFannedOut(new Date(now.getTime() - FANOUT_WINDOW_MS), before, BATCH);
    const deliveries = await this.webhooks.overdueDeliveries(before, BATCH);
    const jobs = [...events.map(webhookFanoutJob), ...deliveries.map((delivery) => webhookDeliveryJob(delivery.id, delivery.round))];
    if (jobs.length > 0) await this.outbox.enqueue(this.dataSource.manager, jobs, now);
    return { fanouts: events.length, deliveries: deliveries.length };
  }
}
