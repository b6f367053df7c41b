import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PersonRef } from '../shared/person.js';
import type { Surface } from '../shared/surfaces.js';

/** A time-limited exception an approval created: these accounts may skip MFA on these surfaces. */
@Entity('exception_grants')
@Index('exception_grants_tenant_idx', ['tenantId', 'createdAt', 'id'])
@Index('exception_grants_request_idx', ['requestId'], { unique: true })
export class ExceptionGrantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('uuid', { name: 'user_ids', array: true })
  userIds: string[];

  @Column('text', { array: true })
  surfaces: Surface[];

  @Column('timestamptz', { name: 'valid_from' })
  validFrom: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('jsonb', { name: 'created_by' })
  createdBy: PersonRef;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('jsonb', { name: 'revoked_by', nullable: true })
  revokedBy: PersonRef | null;

  @Column('text', { name: 'revoke_reason', nullable: true })
  revokeReason: string | null;

  /** Exempt decisions made under this grant, counted by the API instances and written in batches. */
  @Column('bigint', { name: 'use_count', default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  useCount: number;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}
