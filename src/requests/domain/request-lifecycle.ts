// The request state machine as a table. Code asks the table; nothing else decides which move is legal.
import type { AuditEventType } from '../../shared/audit-event-types.js';
import { DomainError } from '../../shared/domain-error.js';

export const REQUEST_STATUSES = ['submitted', 'in_review', 'info_requested', 'approved', 'rejected', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type RequestAction =
  'claim' | 'release' | 'reassign' | 'request_info' | 'partner_reply' | 'partner_reply_to_claimant' | 'approve' | 'reject' | 'withdraw';

/** The audit event type each action writes. */
const EVENT_OF: Readonly<Record<RequestAction, AuditEventType>> = {
  claim: 'request.claimed',
  release: 'request.released',
  reassign: 'request.reassigned',
  request_info: 'request.info_requested',
  partner_reply: 'request.info_provided',
  partner_reply_to_claimant: 'request.info_provided',
  approve: 'request.decided',
  reject: 'request.decided',
  withdraw: 'request.withdrawn',
};

/** A lead assigning a waiting request claims it for the reviewer they name. */
const EVENT_FROM: Partial<Record<RequestAction, Partial<Record<RequestStatus, AuditEventType>>>> = {
  reassign: { submitted: 'request.claimed' },
};

/** The audit event an action writes when it moves a request out of `from`. */
export function eventOf(action: RequestAction, from: RequestStatus): AuditEventType {
  return EVENT_FROM[action]?.[from] ?? EVENT_OF[action];
}

const TRANSITIONS: Readonly<Record<RequestAction, Partial<Record<RequestStatus, RequestStatus>>>> = {
  claim: { submitted: 'in_review' },
  release: { in_review: 'submitted' },
  reassign: { submitted: 'in_review', in_review: 'in_review' },
  request_info: { in_review: 'info_requested' },
  // The answer goes back to the reviewer who asked while their claim is live, else to the queue.
  partner_reply: { info_requested: 'submitted' },
  partner_reply_to_claimant: { info_requested: 'in_review' },
  approve: { in_review: 'approved' },
  reject: { in_review: 'rejected' },
  withdraw: { submitted: 'withdrawn', in_review: 'withdrawn', info_requested: 'withdrawn' },
};

export const FINAL_STATUSES: readonly RequestStatus[] = ['approved', 'rejected', 'withdrawn'];

export class IllegalTransitionError extends DomainError {
  constructor(
    readonly action: RequestAction,
    readonly currentStatus: RequestStatus,
  ) {
    super('request.invalid_transition', `A request that is ${currentStatus} cannot be ${describeAction(action)}.`, {
      currentStatus,
      action,
    });
    this.name = 'IllegalTransitionError';
  }
}

export function canApply(status: RequestStatus, action: RequestAction): boolean {
  return TRANSITIONS[action][status] !== undefined;
}

/** The status after `action`, or IllegalTransitionError naming the current status. */
export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus {
  const next = TRANSITIONS[action][status];
  if (next === undefined) throw new IllegalTransitionError(action, status);
  return next;
}

export function isFinal(status: RequestStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

function describeAction(action: RequestAction): string {
  return {
    claim: 'claimed',
    release: 'released',
    reassign: 'reassigned',
    request_info: 'sent back to the partner for information',
    partner_reply: 'returned to review by a partner reply',
    partner_reply_to_claimant: 'returned to its reviewer by a partner reply',
    approve: 'approved',
    reject: 'rejected',
    withdraw: 'withdrawn',
  }[action];
}
