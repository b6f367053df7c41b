import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditEventType } from '../shared/audit-event-types.js';
import type { PersonRef } from '../shared/person.js';

/**
 * Where to send which events. A partner's subscription belongs to its tenant and hears that tenant's
 * events only; a review lead's belongs to the platform and hears every tenant's.
 */
@Entity('webhook_subscriptions')
@Index('webhook_subscriptions_owner_idx', ['ownerKind', 'tenantId', 'createdAt'])
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'owner_kind' })
  ownerKind: 'tenant' | 'platform';

  /** The owning tenant (the platform's own tenant for review leads' subscriptions). */
  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('text')
  url: string;

  @Column('text', { array: true })
  events: AuditEventType[];

  @Column('text', { nullable: true })
  description: string | null;

  /** `whsec_` + base64 of the key bytes (Standard Webhooks); shown once, at creation. */
  @Column('text')
  secret: string;

  @Column('jsonb', { name: 'created_by' })
  createdBy: PersonRef;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
