import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../platform/pagination/cursor.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

/** Whose subscriptions: a partner tenant's, or the platform's (review leads). */
export interface SubscriptionOwner {
  readonly ownerKind: 'tenant' | 'platform';
  readonly tenantId: string;
}

@Injectable()
export class WebhooksRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertSubscription(subscription: WebhookSubscriptionEntity): Promise<void> {
    await this.dataSource.manager.insert(WebhookSubscriptionEntity, subscription);
  }

  findSubscription(owner: SubscriptionOwner, id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookSubscriptionEntity, { id, ...owner });
  }

  async deleteSubscription(owner: SubscriptionOwner, id: string): Promise<boolean> {
    const result = await this.dataSource.manager.delete(WebhookSubscriptionEntity, { id, ...owner });
    return (result.affected ?? 0) > 0;
  }

  async listSubscriptions(owner: SubscriptionOwner, limit: number, cursor?: string): Promise<Page<WebhookSubscriptionEntity>> {
    const after = decodeCursor('webhooks', cursor, ['timestamp', 'uuid']);
    const query = this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.owner_kind = :ownerKind AND s.tenant_id = :tenantId', owner)
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere('(s.created_at, s.id) < (:at, :id)', { at: after[0], id: after[1] });
    return toPage(
      await query.getMany(),
      limit,
      'webhooks',
      (s) => [s.createdAt.toISOString(), s.id],
      (s) => s,
    );
  }

  /** The subscriptions that hear an event of this type about this tenant's request. */
  subscribersOf(em: EntityManager, type: string, tenantId: string, platformTenantId: string): Promise<WebhookSubscriptionEntity[]> {
    return em
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('s')
      .where(':type = ANY(s.events)', { type })
      .andWhere(
        `((s.owner_kind = 'tenant' AND s.tenant_id = :tenantId) OR (s.owner_kind = 'platform' AND s.tenant_id = :platformTenantId))`,
        {
          tenantId,
          platformTenantId,
        },
      )
      .getMany();
  }

  /** Inserts the deliveries that do not exist yet; answers those it inserted. */
  async insertDeliveries(em: EntityManager, deliveries: WebhookDeliveryEntity[]): Promise<WebhookDeliveryEntity[]> {
    if (deliveries.length === 0) return [];
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(WebhookDeliveryEntity)
      .values(deliveries)
      .orIgnore()
      .returning(['id'])
      .execute();
    const inserted = new Set((result.raw as { id: string }[]).map((row) => row.id));
    return deliveries.filter((delivery) => inserted.has(delivery.id));
  }

  lockDelivery(em: EntityManager, id: string): Promise<WebhookDeliveryEntity | null> {
    return em
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async saveDelivery(em: EntityManager, delivery: WebhookDeliveryEntity): Promise<void> {
    await em.save(WebhookDeliveryEntity, delivery);
  }

  /** The earliest event of the same request that still waits to reach this subscription, if any. */
  earlierPending(em: EntityManager, delivery: WebhookDeliveryEntity): Promise<WebhookDeliveryEntity | null> {
    return em
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where(`d.subscription_id = :subscriptionId AND d.request_id = :requestId AND d.status = 'pending' AND d.event_seq < :seq`, {
        subscriptionId: delivery.subscriptionId,
        requestId: delivery.requestId,
        seq: delivery.eventSeq,
      })
      .orderBy('d.event_seq')
      .getOne();
  }

  /** Pending deliveries whose attempt is long overdue: their job was lost (Redis lost its data). */
  overdueDeliveries(before: Date, limit: number): Promise<Pick<WebhookDeliveryEntity, 'id' | 'round'>[]> {
    return this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .select(['d.id', 'd.round'])
      .where(`d.status = 'pending' AND d.next_attempt_at < :before`, { before })
      .orderBy('d.next_attempt_at')
      .limit(limit)
      .getMany();
  }

  /** Audit events recorded between `since` and `before` whose fan-out never ran. */
  async eventsNeverFannedOut(since: Date, before: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT e.id FROM audit_events e
        WHERE e.at >= $1 AND e.at < $2 AND NOT EXISTS (SELECT 1 FROM webhook_fanouts f WHERE f.event_id = e.id)
        ORDER BY e.seq LIMIT $3`,
      [since, before, limit],
    );
    return rows.map((row) => row.id);
  }

  findDelivery(subscriptionId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.dataSource.manager.findOneBy(WebhookDeliveryEntity, { id, subscriptionId });
  }

  /** Newest first. */
  async listDeliveries(subscriptionId: string, limit: number, cursor?: string): Promise<Page<WebhookDeliveryEntity>> {
    const after = decodeCursor('webhook-deliveries', cursor, ['timestamp', 'uuid']);
    const query = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.subscription_id = :subscriptionId', { subscriptionId })
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(limit + 1);
    if (after) query.andWhere('(d.created_at, d.id) < (:at, :id)', { at: after[0], id: after[1] });
    return toPage(
      await query.getMany(),
      limit,
      'webhook-deliveries',
      (d) => [d.createdAt.toISOString(), d.id],
      (d) => d,
    );
  }

  /** Marks an event's fan-out done (once); false when it was done before. */
  async markFannedOut(em: EntityManager, eventId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO webhook_fanouts (event_id, done_at) VALUES ($1, now()) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId],
    );
    return rows.length > 0;
  }

  /** The events of a request up to `seq` that have not been fanned out yet, oldest first. */
  async eventsAwaitingFanout(em: EntityManager, requestId: string, seq: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT e.id FROM audit_events e
        WHERE e.request_id = $1 AND e.seq <= $2 AND NOT EXISTS (SELECT 1 FROM webhook_fanouts f WHERE f.event_id = e.id)
        ORDER BY e.seq`,
      [requestId, seq],
    );
    return rows.map((row) => row.id);
  }
}
