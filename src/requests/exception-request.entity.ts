import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PersonRef } from '../shared/person.js';
import type { RequestStatus } from './domain/request-lifecycle.js';
import type { Classification } from '../classification/domain/classification.js';
import type { SlaState } from '../sla/domain/sla-state.js';
import type { Surface } from '../shared/surfaces.js';

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

export interface RequestDecision {
  outcome: 'approved' | 'rejected';
  reason: string;
  decidedAt: string;
  decidedBy: PersonRef;
  /** The known issue the reviewer settled on (the classifier's, or the reviewer's correction). */
  knownIssue: number | null;
  /** Whether the reviewer changed the classifier's known issue. */
  knownIssueCorrected: boolean;
}

/** bigint columns come back from pg as strings; these hold milliseconds well inside 2^53. */
const milliseconds = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity('exception_requests')
@Check('exception_requests_status_check', `"status" IN ('submitted','in_review','info_requested','approved','rejected','withdrawn')`)
@Index('exception_requests_tenant_created_idx', ['tenantId', 'createdAt', 'id'])
@Index('exception_requests_sla_due_idx', ['slaDueAt', 'createdAt', 'id'])
@Index('exception_requests_queue_idx', ['status', 'slaDueAt', 'createdAt'])
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

  @Column('timestamptz', { name: 'sla_at_risk_at' })
  slaAtRiskAt: Date;

  @Column('timestamptz', { name: 'sla_paused_at', nullable: true })
  slaPausedAt: Date | null;

  /** Business time spent waiting on the partner, which the clock does not count. */
  @Column('bigint', { name: 'sla_paused_ms', default: 0, transformer: milliseconds })
  slaPausedMs: number;

  /** Business time from filing to decision, paused time excluded (for queue statistics). */
  @Column('bigint', { name: 'business_ms_to_decision', nullable: true, transformer: milliseconds })
  businessMsToDecision: number | null;

  @Column('jsonb', { nullable: true })
  assignee: PersonRef | null;

  /** The claim is a lease: past this instant the request is back in the queue. */
  @Column('timestamptz', { name: 'claim_expires_at', nullable: true })
  claimExpiresAt: Date | null;

  @Column('jsonb', { nullable: true })
  decision: RequestDecision | null;

  @Column('uuid', { name: 'grant_id', nullable: true })
  grantId: string | null;

  /** The language the request was filed in (its Accept-Language): e-mails to its contact use it. */
  @Column('text', { default: 'en' })
  locale: 'en' | 'ja';

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
