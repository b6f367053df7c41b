import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a creating POST, kept per tenant and key so that a retry gets it again. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

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
