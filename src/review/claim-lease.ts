import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { cancelClaimExpiryJob, claimExpiryJob, type JobSpec } from '../queue/jobs.js';
import { claimantRefusal } from '../requests/domain/claim.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import type { PersonRef } from '../shared/person.js';

/** A claim is held while the request is in review, and while it waits on the partner for its reviewer. */
const OPEN: readonly string[] = ['in_review', 'info_requested'];

/**
 * A reviewer's claim is a lease of REVIEW_CLAIM_TTL: taken by claiming, renewed by every action of
 * the claimant (asking the partner too: the answer comes back to them while it is live), ended by
 * release, decision or withdrawal. Each method answers the timer job to enqueue.
 */
@Injectable()
export class ClaimLease {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  take(request: ExceptionRequestEntity, reviewer: PersonRef, now: Date): JobSpec[] {
    request.assignee = reviewer;
    return this.extend(request, now);
  }

  /** Renews the lease when `reviewer` holds it and it is live; nothing otherwise. */
  renewFor(request: ExceptionRequestEntity, reviewer: { userId: string | null; tenantId: string }, now: Date): JobSpec[] {
    if (!OPEN.includes(request.status) || claimantRefusal(leaseOf(request), reviewer, now)) return [];
    return this.extend(request, now);
  }

  end(request: ExceptionRequestEntity, keepAssignee = false): JobSpec[] {
    if (!keepAssignee) request.assignee = null;
    request.claimExpiresAt = null;
    return [cancelClaimExpiryJob(request.id)];
  }

  /** A fresh lease of REVIEW_CLAIM_TTL from `now` for whoever holds the request. */
  extend(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    request.claimExpiresAt = new Date(now.getTime() + this.config.reviewClaimTtlSeconds * 1000);
    return [claimExpiryJob(request.id, request.claimExpiresAt)];
  }
}

export function leaseOf(request: ExceptionRequestEntity) {
  return { tenantId: request.tenantId, assignee: request.assignee, claimExpiresAt: request.claimExpiresAt };
}
