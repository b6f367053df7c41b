import { Injectable } from '@nestjs/common';
import type { AuditEventView } from '../audit/audit.repository.js';
import { isPartnerAdmin, isReviewer, isReviewLead, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { Page } from '../platform/pagination/cursor.js';
import { displayNameOnly, type PersonRef } from '../shared/person.js';
import { SlaService } from '../sla/sla.service.js';
import { allowedActions } from './domain/allowed-actions.js';
import type { AuditEventModel, ClassificationModel, MessageModel, RequestModel } from './dto/request.models.js';
import type { ExceptionRequestEntity } from './exception-request.entity.js';
import type { RequestMessageEntity } from './request-message.entity.js';

/** Keys of event data that name platform staff (ids of reviewers, leads, assignees). */
const STAFF_IDENTITY_KEYS = new Set(['assignedBy', 'assignee', 'previousAssignee', 'from', 'to', 'decidedBy', 'revokedBy']);

/** Partners see their own tenant's requests; reviewers see every tenant's (null). */
export function visibleTenant(caller: Caller): string | null {
  return isReviewer(caller) ? null : caller.tenantId;
}

/**
 * Every answer about a request, as its caller may see it. Partners see platform staff by display
 * name only, the classifier's outcome without its signals, and no internal notes; everyone gets the
 * actions they may take now and the business time left.
 */
@Injectable()
export class RequestPresenter {
  constructor(
    private readonly sla: SlaService,
    private readonly clock: Clock,
  ) {}

  request(row: ExceptionRequestEntity, caller: Caller, now: Date = this.clock.now()): RequestModel {
    const staff = isReviewer(caller);
    const person = (ref: PersonRef) => (staff ? { ...ref } : displayNameOnly(ref));
    return {
      id: row.id,
      tenantId: row.tenantId,
      submittedBy: { ...row.submittedBy },
      topic: row.topic,
      issueType: row.issueType,
      title: row.title,
      description: row.description,
      affectedUserIds: row.affectedUserIds,
      surfaces: row.surfaces,
      thirdPartyMfa: row.thirdPartyMfa,
      contact: row.contact,
      status: row.status,
      classification: classificationFor(row.classification, staff),
      sla: {
        dueAt: row.slaDueAt.toISOString(),
        state: row.slaState,
        pausedAt: row.slaPausedAt?.toISOString() ?? null,
        remainingBusinessMs: this.sla.remainingBusinessMs(row, now),
      },
      assignee: row.assignee ? { ...person(row.assignee), claimExpiresAt: row.claimExpiresAt?.toISOString() ?? null } : null,
      decision: row.decision ? { ...row.decision, decidedBy: person(row.decision.decidedBy) } : null,
      grantId: row.grantId,
      allowedActions: allowedActions(
        row,
        {
          tenantId: caller.tenantId,
          userId: caller.userId,
          partnerAdmin: isPartnerAdmin(caller),
          reviewer: staff,
          reviewLead: isReviewLead(caller),
        },
        now,
      ),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  requests(page: Page<ExceptionRequestEntity>, caller: Caller): Page<RequestModel> {
    const now = this.clock.now();
    return { ...page, items: page.items.map((row) => this.request(row, caller, now)) };
  }

  message(row: RequestMessageEntity, caller: Caller): MessageModel {
    const author =
      row.author.kind === 'partner' || isReviewer(caller) ? { ...row.author } : { kind: row.author.kind, name: row.author.name };
    return { id: row.id, requestId: row.requestId, author, body: row.body, internal: row.internal, createdAt: row.createdAt.toISOString() };
  }

  messages(page: Page<RequestMessageEntity>, caller: Caller): Page<MessageModel> {
    return { ...page, items: page.items.map((row) => this.message(row, caller)) };
  }

  /** An audit event: partners see that staff acted, not who exactly. */
  event(view: AuditEventView, caller: Caller): AuditEventModel {
    if (isReviewer(caller) || view.actor.kind === 'partner') return view;
    const data = view.data ? Object.fromEntries(Object.entries(view.data).filter(([key]) => !STAFF_IDENTITY_KEYS.has(key))) : null;
    return { ...view, actor: { kind: view.actor.kind }, data };
  }

  events(page: Page<AuditEventView>, caller: Caller): Page<AuditEventModel> {
    return { ...page, items: page.items.map((view) => this.event(view, caller)) };
  }
}

/** Partners see the outcome; reviewers also see the signals, candidates and weights behind it. */
function classificationFor(stored: ClassificationModel, staff: boolean): ClassificationModel {
  const { knownIssue, eligibility, confidence, guidance, missingDetails } = stored;
  return staff ? { ...stored } : { knownIssue, eligibility, confidence, guidance, missingDetails };
}
