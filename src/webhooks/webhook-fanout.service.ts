import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository, type AuditEventView } from '../audit/audit.repository.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { GrantsRepository } from '../grants/grants.repository.js';
import { toGrantView } from '../grants/grants.service.js';
import { Clock } from '../platform/clock.js';
import { webhookDeliveryJob } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { RequestPresenter } from '../requests/request-presenter.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { subscriberAsCaller } from './subscriber-view.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Serialises the fan-out of one request's events (a per-request advisory lock, any key space works). */
const FANOUT_LOCK_SPACE = 727_003;

/**
 * Turns audit events into deliveries: one per subscription that wants the event and may see it, with
 * the body built now as that subscriber may see it, queued through the outbox. A request's events fan
 * out in their order (an event waits for the earlier ones of its request), so its deliveries line up.
 */
@Injectable()
export class WebhookFanoutService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditRepository,
    private readonly requests: RequestsRepository,
    private readonly grants: GrantsRepository,
    private readonly present: RequestPresenter,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  fanout(eventId: string): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const event = await this.audit.find(em, eventId);
      if (!event) return 0;
      await em.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FANOUT_LOCK_SPACE, event.requestId]);
      let created = 0;
      for (const id of await this.webhooks.eventsAwaitingFanout(em, event.requestId, event.seq)) {
        const pending = id === event.id ? event : await this.audit.find(em, id);
        if (pending) created += await this.fanoutOne(em, pending);
      }
      return created;
    });
  }

  private async fanoutOne(em: EntityManager, event: AuditEventView & { seq: string; tenantId: string }): Promise<number> {
    if (!(await this.webhooks.markFannedOut(em, event.id))) return 0;
    const subscribers = await this.webhooks.subscribersOf(em, event.type, event.tenantId, this.config.auth.platformTenantId);
    const internal = event.data?.internal === true;
    // A partner never hears of an internal note, not even that one was written.
    const audience = subscribers.filter((subscription) => !(internal && subscription.ownerKind === 'tenant'));
    if (audience.length === 0) return 0;
    const now = this.clock.now();
    const deliveries: WebhookDeliveryEntity[] = [];
    for (const subscription of audience) {
      deliveries.push(
        Object.assign(new WebhookDeliveryEntity(), {
          id: randomUUID(),
          subscriptionId: subscription.id,
          eventId: event.id,
          eventSeq: event.seq,
          eventType: event.type,
          requestId: event.requestId,
          body: await this.bodyFor(em, event, subscription, now),
          status: 'pending' as const,
          attempts: 0,
          round: 1,
          responseStatus: null,
          responseExcerpt: null,
          nextAttemptAt: now,
          lastAttemptAt: null,
          createdAt: now,
        }),
      );
    }
    const inserted = await this.webhooks.insertDeliveries(em, deliveries);
    await this.outbox.enqueue(
      em,
      inserted.map((delivery) => webhookDeliveryJob(delivery.id, delivery.round)),
      now,
    );
    return inserted.length;
  }

  /** `{ type, timestamp, data }`: the request (or, for grant events, the grant) as the subscriber may see it. */
  private async bodyFor(
    em: EntityManager,
    event: AuditEventView & { tenantId: string },
    subscription: WebhookSubscriptionEntity,
    now: Date,
  ) {
    const caller = subscriberAsCaller(subscription);
    const viewer = this.present.event(event, caller);
    const grantId = event.type.startsWith('grant.') && typeof event.data?.grantId === 'string' ? event.data.grantId : null;
    const grant = grantId ? await this.grants.find(grantId, null, em) : null;
    const request = grant ? null : await this.requests.find(event.requestId, null);
    const data = grant ? toGrantView(grant, now, caller) : request ? this.present.request(request, caller, now) : null;
    return { type: event.type, timestamp: event.at, data, event: viewer };
  }
}
