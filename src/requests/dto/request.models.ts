import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf, PersonModel } from '../../platform/http/api-models.js';
import { AUDIT_EVENT_TYPES } from '../../shared/audit-event-types.js';
import { SURFACES } from '../../shared/surfaces.js';
import { SLA_STATES } from '../../sla/domain/sla-state.js';
import { REQUEST_ACTIONS } from '../domain/allowed-actions.js';
import { REQUEST_STATUSES } from '../domain/request-lifecycle.js';
import { ContactDto, ThirdPartyMfaDto } from './file-request.dto.js';

// The answers of the requests API as classes: the OpenAPI document is generated from these, and
// the presenter builds objects of exactly these shapes.

export class SignalModel {
  @ApiProperty({ example: 'exo-powershell' })
  id: string;

  @ApiProperty({ description: 'the phrase of the normalised text that matched', example: 'exchangeonline powershell' })
  match: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'points per known issue', example: { 6: 3 } })
  weights: Record<string, number>;
}

export class CandidateModel {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7 })
  knownIssue: number;

  @ApiProperty()
  score: number;
}

/** The classifier's conclusion. Partners see the outcome; reviewers also see how it was reached. */
export class ClassificationModel {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, nullable: true, description: 'null: none of the seven' })
  knownIssue: number | null;

  @ApiProperty({ enum: ['not_valid', 'may_be_valid', 'undetermined'] })
  eligibility: 'not_valid' | 'may_be_valid' | 'undetermined';

  @ApiProperty({ minimum: 0, maximum: 1 })
  confidence: number;

  @ApiProperty({ type: String, nullable: true, description: 'what to do instead, or what the request needs' })
  guidance: string | null;

  @ApiProperty({ type: [String], description: 'details issue 7 needs that the request does not give' })
  missingDetails: string[];

  @ApiPropertyOptional({ type: [CandidateModel], description: 'reviewers only: the issues that scored' })
  candidates?: CandidateModel[];

  @ApiPropertyOptional({ type: [SignalModel], description: 'reviewers only: the named signals that decided' })
  signals?: SignalModel[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'reviewers only: why no issue was named' })
  abstainReason?: string | null;
}

export class SlaModel {
  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: SLA_STATES, description: 'a withdrawn request keeps met (withdrawn in time) or breached (after dueAt)' })
  state: (typeof SLA_STATES)[number];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pausedAt: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'business time left until dueAt (frozen while paused; 0 once due; null once decided or withdrawn)',
  })
  remainingBusinessMs: number | null;
}

export class AssigneeModel extends PersonModel {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when the claim lapses unless renewed' })
  claimExpiresAt?: string | null;
}

export class DecisionModel {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  outcome: 'approved' | 'rejected';

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;

  @ApiProperty({ type: PersonModel })
  decidedBy: PersonModel;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, nullable: true, description: 'the known issue the reviewer settled on' })
  knownIssue: number | null;

  @ApiProperty({ description: "whether the reviewer changed the classifier's known issue" })
  knownIssueCorrected: boolean;
}

export class RequestModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  tenantId: string;

  @ApiProperty({ type: PersonModel })
  submittedBy: PersonModel;

  @ApiProperty()
  topic: string;

  @ApiProperty()
  issueType: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  affectedUserIds: string[];

  @ApiProperty({ enum: SURFACES, isArray: true })
  surfaces: (typeof SURFACES)[number][];

  @ApiProperty({ type: ThirdPartyMfaDto, nullable: true })
  thirdPartyMfa: ThirdPartyMfaDto | null;

  @ApiProperty({ type: ContactDto })
  contact: ContactDto;

  @ApiProperty({ enum: REQUEST_STATUSES })
  status: (typeof REQUEST_STATUSES)[number];

  @ApiProperty({ type: ClassificationModel })
  classification: ClassificationModel;

  @ApiProperty({ type: SlaModel })
  sla: SlaModel;

  @ApiProperty({
    type: AssigneeModel,
    nullable: true,
    description: 'the reviewer holding (or who last held) the request; null when unclaimed',
  })
  assignee: AssigneeModel | null;

  @ApiProperty({ type: DecisionModel, nullable: true })
  decision: DecisionModel | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  grantId: string | null;

  @ApiProperty({ enum: REQUEST_ACTIONS, isArray: true, description: 'what the caller may do with the request now' })
  allowedActions: (typeof REQUEST_ACTIONS)[number][];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
export const RequestPage = PageOf(RequestModel, 'RequestPage');

export class MessageAuthorModel {
  @ApiProperty({ enum: ['partner', 'reviewer'] })
  kind: 'partner' | 'reviewer';

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'absent for partners looking at staff' })
  userId?: string | null;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;
}

export class MessageModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ type: MessageAuthorModel })
  author: MessageAuthorModel;

  @ApiProperty()
  body: string;

  @ApiProperty({ description: 'a note between reviewers (partners never see these)' })
  internal: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
export const MessagePage = PageOf(MessageModel, 'MessagePage');

export class ActorModel {
  @ApiProperty({ enum: ['partner', 'reviewer', 'system'] })
  kind: 'partner' | 'reviewer' | 'system';

  @ApiPropertyOptional({ format: 'uuid', description: 'absent for the system, and for partners looking at staff' })
  userId?: string;
}

export class AuditEventModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ enum: AUDIT_EVENT_TYPES })
  type: (typeof AUDIT_EVENT_TYPES)[number];

  @ApiProperty({ type: ActorModel })
  actor: ActorModel;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: String, nullable: true, description: 'the status (or SLA state) before' })
  from: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the status (or SLA state) after' })
  to: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  data: Record<string, unknown> | null;
}
export const AuditEventPage = PageOf(AuditEventModel, 'AuditEventPage');
