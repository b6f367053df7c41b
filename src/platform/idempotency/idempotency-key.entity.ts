import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a creating POST, kept per caller, operation and key so that a retry gets it
 * again. Scoped to the caller (tenant and user), so a colleague's key neither replays nor blocks.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  /** The user's object id, or `app` for an app-only caller. */
  @PrimaryColumn('text')
  principal: string;

  /** Method and route template, e.g. `POST /v1/exception-requests/:id/decision`. */
  @PrimaryColumn('text')
  operation: string;

  @PrimaryColumn('text')
  key: string;

  /** Hash of method, path and canonical body: the same key with another body is refused. */
  @Column('text')
  fingerprint: string;

  @Column('smallint', { name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column('jsonb', { nullable: true })
  response: unknown;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
