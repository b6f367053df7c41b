import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { cancelClaimExpiryJob, claimExpiryJob, type JobSpec } from '../queue/jobs.js';
import { claimantRefusal } from './domain/review-rules.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import type { PersonRef } from '../shared/person.js';

/**
 * A reviewer's claim is a lease of REVIEW_CLAIM_TTL: taken by claiming, renewed by every action of
 * the claimant, ended by release or decision. Each method answers the timer job to enqueue.
 */
@Injectable()
export class ClaimLease {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  take(request: ExceptionRequestEntity, reviewer: PersonRef, now: Date): JobSpec[] {
    request.assignee = reviewer;
    return this.extend(request, now);
  }

  /** Renews the lease when `reviewerId` holds it; nothing otherwise. */
  renewFor(request: ExceptionRequestEntity, reviewer: { userId: string | null; tenantId: string }, now: Date): JobSpec[] {
    if (request.status !== 'in_review' || claimantRefusal(leaseOf(request), reviewer, now)) return [];
    return this.extend(request, now);
  }

  end(request: ExceptionRequestEntity, keepAssignee = false): JobSpec[] {
    if (!keepAssignee) request.assignee = null;
    request.claimExpiresAt = null;
    return [cancelClaimExpiryJob(request.id)];
  }

  private extend(request: ExceptionRequestEntity, now: Date): JobSpec[] {
    request.claimExpiresAt = new Date(now.getTime() + this.config.reviewClaimTtlSeconds * 1000);
    return [claimExpiryJob(request.id, request.claimExpiresAt)];
  }
}

export function leaseOf(request: ExceptionRequestEntity) {
  return { tenantId: request.tenantId, assignee: request.assignee, claimExpiresAt: request.claimExpiresAt };
}
