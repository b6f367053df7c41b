import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Surface } from '../shared/surfaces.js';

export type GrantChangeType = 'created' | 'revoked' | 'expired';

/** What an enforcement service needs to keep a copy of one grant. */
export interface GrantState {
  grantId: string;
  requestId: string;
  tenantId: string;
  userIds: string[];
  surfaces: Surface[];
  validFrom: string;
  expiresAt: string;
}

/**
 * The change feed: one row per create, revoke and expiry of a grant. Rows are written under one
 * transaction-level advisory lock, so `seq` order is commit order and a reader paging by `seq`
 * never skips a row that commits later with a smaller number.
 */
@Entity('grant_changes')
@Index('grant_changes_once_idx', ['grantId', 'type'], { unique: true })
export class GrantChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq: string;

  @Column('uuid', { name: 'grant_id' })
  grantId: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('text')
  type: GrantChangeType;

  @Column('timestamptz')
  at: Date;

  @Column('jsonb')
  grant: GrantState;
}
