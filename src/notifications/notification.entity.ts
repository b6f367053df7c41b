import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A notice for people (review leads, a partner's admins). Delivery channels read these later. */
@Entity('notifications')
@Index('notifications_request_idx', ['requestId'])
@Index('notifications_audience_created_idx', ['audience', 'tenantId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  /** Who should hear of it: 'reviewers', 'review_leads' or 'partner_admins'. */
  @Column('text')
  audience: string;

  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  @Column('uuid', { name: 'request_id', nullable: true })
  requestId: string | null;

  /** One notice per event, however often a job is retried. */
  @Column('text', { name: 'dedupe_key', unique: true })
  dedupeKey: string;

  @Column('jsonb')
  payload: object;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** When someone of its audience marked it read (one mark for the whole audience). */
  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
