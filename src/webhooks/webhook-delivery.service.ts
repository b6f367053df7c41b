import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../platform/clock.js';
import { webhookDeliveryJob } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { retryDelayMs } from './domain/retry-schedule.js';
import { signedHeaders } from './domain/signature.js';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** What one attempt came to, for the job that made it: when to look again for `retry` and `waiting`. */
export type AttemptOutcome =
  { readonly outcome: 'delivered' | 'failed' | 'stale' } | { readonly outcome: 'retry' | 'waiting'; readonly at: Date };

/** A delivery waiting for an earlier one looks again at that one's next attempt, within these bounds. */
const WAIT_MIN_MS = 1000;
const WAIT_MAX_MS = 60_000;

/**
 * One attempt of one delivery. The row is locked for the attempt, so two workers never send it at
 * once; a delivery whose request has an earlier event still pending for the same subscription waits
 * for it (order per request). A 2xx delivers; anything else (or no answer within the timeout) is
 * retried on the schedule (retry-schedule.ts) and, after the last attempt, marked failed.
 */
@Injectable()
export class WebhookDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attempt(deliveryId: string, round: number): Promise<AttemptOutcome> {
    return this.dataSource.transaction(async (em) => {
      const delivery = await this.webhooks.lockDelivery(em, deliveryId);
      // Gone (its subscription was deleted), done, or superseded by a newer round (a manual retry).
      if (!delivery || delivery.status !== 'pending' || delivery.round !== round) return { outcome: 'stale' };
      const now = this.clock.now();
      const earlier = await this.webhooks.earlierPending(em, delivery);
      if (earlier) {
        const wait = Math.min(WAIT_MAX_MS, Math.max(WAIT_MIN_MS, (earlier.nextAttemptAt?.getTime() ?? 0) - now.getTime()));
        return { outcome: 'waiting', at: new Date(now.getTime() + wait) };
      }
      const subscription = await em.findOneByOrFail(WebhookSubscriptionEntity, { id: delivery.subscriptionId });
      const body = JSON.stringify(delivery.body);
      const headers = signedHeaders(subscription.secret, delivery.eventId, Math.floor(now.getTime() / 1000), body);
      const result = await this.sender.post(subscription.url, headers, body);
      delivery.attempts += 1;
      delivery.lastAttemptAt = now;
      delivery.responseStatus = result.status;
      delivery.responseExcerpt = result.excerpt || null;
      const delivered = result.status !== null && result.status >= 200 && result.status < 300;
      const wait = delivered
        ? null
        : retryDelayMs({ maxAttempts: this.config.webhooks.maxAttempts, baseMs: this.config.webhooks.retryBaseMs }, delivery.attempts);
      delivery.status = delivered ? 'delivered' : wait === null ? 'failed' : 'pending';
      delivery.nextAttemptAt = wait === null ? null : new Date(now.getTime() + wait);
      await this.webhooks.saveDelivery(em, delivery);
      if (delivery.nextAttemptAt) return { outcome: 'retry', at: delivery.nextAttemptAt };
      return { outcome: delivered ? 'delivered' : 'failed' };
    });
  }

  /** "Send it again now": a new round (the old one's job, if still waiting, finds itself stale). */
  async retryNow(delivery: WebhookDeliveryEntity): Promise<WebhookDeliveryEntity> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.webhooks.lockDelivery(em, delivery.id);
      if (!row) return delivery;
      const now = this.clock.now();
      row.status = 'pending';
      row.round += 1;
      row.nextAttemptAt = now;
      await this.webhooks.saveDelivery(em, row);
      await this.outbox.enqueue(em, webhookDeliveryJob(row.id, row.round), now);
      return row;
    });
  }
}
