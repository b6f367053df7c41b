import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import type { AuditEventType } from '../shared/audit-event-types.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One event for one subscription, with the body it sends (built once, as the subscriber may see it)
 * and its attempts. Deliveries of one request to one subscription go out in the order of its events.
 */
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_once_uq', ['subscriptionId', 'eventId'])
@Index('webhook_deliveries_list_idx', ['subscriptionId', 'createdAt', 'id'])
@Index('webhook_deliveries_chain_idx', ['subscriptionId', 'requestId', 'eventSeq'])
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'subscription_id' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: Relation<WebhookSubscriptionEntity>;

  /** The audit event: also the `webhook-id`, the same on every attempt. */
  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('bigint', { name: 'event_seq' })
  eventSeq: string;

  @Column('text', { name: 'event_type' })
  eventType: AuditEventType;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('jsonb')
  body: object;

  @Column('text')
  status: DeliveryStatus;

  @Column('int', { default: 0 })
  attempts: number;

  /** Bumped each time the delivery is (re)queued, so that its job id is new each round. */
  @Column('int', { default: 0 })
  round: number;

  @Column('smallint', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  /** The start of the receiver's answer or the error, for diagnosis; never the whole body. */
  @Column('text', { name: 'response_excerpt', nullable: true })
  responseExcerpt: string | null;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
