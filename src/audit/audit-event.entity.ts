import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';
import type { ActorKind, AuditEventType } from '../shared/audit-event-types.js';

export type { ActorKind };

/**
 * One thing that happened to a request. Append-only: a database trigger (see the first migration)
 * refuses UPDATE and DELETE on this table, so no code path can rewrite history.
 */
@Entity('audit_events')
@Index('audit_events_request_seq_idx', ['requestId', 'seq'])
@Index('audit_events_type_idx', ['type'])
@Index('audit_events_at_idx', ['at'])
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Commit-independent total order of events (ids are random). */
  @Column('bigint', { unique: true })
  @Generated('increment')
  seq: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('text')
  type: AuditEventType;

  @Column('text', { name: 'actor_kind' })
  actorKind: ActorKind;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('timestamptz')
  at: Date;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status', nullable: true })
  toStatus: string | null;

  @Column('jsonb', { nullable: true })
  data: object | null;
}
