import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RequestStatus } from './domain/request-lifecycle.js';
import type { Classification } from '../classification/domain/classification.js';
import type { SlaState } from '../sla/domain/sla-state.js';
import type { Surface } from './domain/surfaces.js';

export interface PersonRef {
  userId: string | null;
  upn: string | null;
  name: string | null;
}

export interface ThirdPartyMfa {
  provider: string;
  integrationMethod: 'identity_federation' | 'custom_controls';
  providerConfirmedClaimCannotFlow: boolean;
}

export interface Contact {
  name: string;
  email: string;
  phone?: string;
}

export interface Decision {
  outcome: 'approved' | 'rejected';
  reason: string;
  decidedAt: string;
  decidedBy: PersonRef;
}

@Entity('exception_requests')
@Check('exception_requests_status_check', `"status" IN ('submitted','in_review','info_requested','approved','rejected','withdrawn')`)
@Index('exception_requests_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('exception_requests_sla_due_idx', ['slaDueAt', 'createdAt', 'id'])
export class ExceptionRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;

  @Column('jsonb', { name: 'submitted_by' })
  submittedBy: PersonRef;

  @Column('text')
  topic: string;

  @Column('text', { name: 'issue_type' })
  issueType: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('uuid', { name: 'affected_user_ids', array: true })
  affectedUserIds: string[];

  @Column('text', { array: true })
  surfaces: Surface[];

  @Column('jsonb', { name: 'third_party_mfa', nullable: true })
  thirdPartyMfa: ThirdPartyMfa | null;

  @Column('jsonb')
  contact: Contact;

  @Column('text')
  status: RequestStatus;

  @Column('jsonb')
  classification: Classification;

  @Column('smallint', { name: 'known_issue', nullable: true })
  knownIssue: number | null;

  @Column('timestamptz', { name: 'sla_due_at' })
  slaDueAt: Date;

  @Column('text', { name: 'sla_state' })
  slaState: SlaState;

  @Column('timestamptz', { name: 'sla_paused_at', nullable: true })
  slaPausedAt: Date | null;

  @Column('jsonb', { nullable: true })
  assignee: PersonRef | null;

  @Column('jsonb', { nullable: true })
  decision: Decision | null;

  @Column('uuid', { name: 'grant_id', nullable: true })
  grantId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
