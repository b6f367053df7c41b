import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isReviewLead, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { JobSpec } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { claimantRefusal, isClaimLive, sameIdentity } from '../requests/domain/claim.js';
import { nextStatus } from '../requests/domain/request-lifecycle.js';
import type { RequestModel } from '../requests/dto/request.models.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { RequestPresenter } from '../requests/request-presenter.js';
import { RequestTransitions } from '../requests/request-transitions.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { DomainError, ForbiddenError, NotFoundError } from '../shared/domain-error.js';
import type { PersonRef } from '../shared/person.js';
import { ClaimLease, leaseOf } from './claim-lease.js';
import type { ReassignDto } from './dto/review-actions.dto.js';
import { ReviewRepository } from './review.repository.js';
import { personOf, reviewerActor, SYSTEM } from './reviewer.js';

/**
 * Who works on which request: claims (the next one due, or a named one), their leases, release and
 * reassignment by review leads, and lapsed claims going back to the queue.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReviewRepository,
    private readonly requests: RequestsRepository,
    private readonly transitions: RequestTransitions,
    private readonly lease: ClaimLease,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    private readonly present: RequestPresenter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Hands the caller the waiting request due first (null when none waits), or the one they name. */
  claim(caller: Caller, requestId?: string): Promise<RequestModel | null> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const request = requestId
        ? await this.lockClaimable(em, requestId, caller, now)
        : await this.queue.lockNextWaiting(em, now, caller.tenantId);
      if (!request) return null;
      if (request.status === 'in_review' && claimantRefusal(leaseOf(request), caller, now) === null) {
        // Claiming what you already hold renews it.
        await this.outbox.enqueue(em, this.lease.extend(request, now), now);
        await this.requests.save(em, request);
        return this.present.request(request, caller, now);
      }
      const jobs: JobSpec[] = [];
      if (request.status === 'in_review') jobs.push(...(await this.releaseLapsed(em, request, now)));
      jobs.push(...this.lease.take(request, personOf(caller), now));
      await this.transitions.apply(em, request, 'claim', reviewerActor(caller), now, {
        leaseExpiresAt: request.claimExpiresAt!.toISOString(),
      });
      await this.outbox.enqueue(em, jobs, now);
      return this.present.request(request, caller, now);
    });
  }

  /** The claimant keeps their claim for another REVIEW_CLAIM_TTL; once it has lapsed, they must claim again. */
  renew(caller: Caller, id: string): Promise<RequestModel> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.lockRequest(em, id);
      const now = this.clock.now();
      await this.assertNotLapsedFrom(em, request, caller);
      if (request.status !== 'in_review' && request.status !== 'info_requested') {
        throw new DomainError('request.invalid_transition', `A request that is ${request.status} has no claim to renew.`, {
          currentStatus: request.status,
          action: 'renew_claim',
        });
      }
      const refusal = claimantRefusal(leaseOf(request), caller, now);
      if (refusal === 'not_claimant')
        throw new ForbiddenError('Only the reviewer who claimed this request may renew the claim.', 'review.not_claimant');
      if (refusal === 'claim_expired') throw lapsed(request);
      const jobs = this.lease.extend(request, now);
      await this.requests.save(em, request);
      await this.outbox.enqueue(em, jobs, now);
      return this.present.request(request, caller, now);
    });
  }

  /** Gives a claimed request back to the queue: its claimant, or a review lead for anyone. */
  release(caller: Caller, id: string): Promise<RequestModel> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.lockRequest(em, id);
      nextStatus(request.status, 'release');
      const now = this.clock.now();
      if (!isReviewLead(caller)) this.assertClaimant(request, caller, now);
      const jobs = this.lease.end(request);
      await this.transitions.apply(em, request, 'release', reviewerActor(caller), now, { reason: 'released' });
      await this.outbox.enqueue(em, jobs, now);
      return this.present.request(request, caller, now);
    });
  }

  /** A review lead gives a request (claimed or waiting) to a reviewer, with a fresh lease. */
  reassign(caller: Caller, id: string, input: ReassignDto): Promise<RequestModel> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.lockRequest(em, id);
      const now = this.clock.now();
      // Reviewers are staff of the platform tenant: the only directory whose tokens carry the role.
      const to: PersonRef = {
        tenantId: this.config.auth.platformTenantId,
        userId: input.reviewerId.toLowerCase(),
        upn: null,
        name: input.reviewerName ?? null,
      };
      const from = request.assignee?.userId ?? null;
      nextStatus(request.status, 'reassign');
      const jobs = this.lease.take(request, to, now);
      const data = request.status === 'submitted' ? { assignedBy: caller.userId, assignee: to.userId } : { from, to: to.userId };
      await this.transitions.apply(em, request, 'reassign', reviewerActor(caller), now, data);
      await this.outbox.enqueue(em, jobs, now);
      return this.present.request(request, caller, now);
    });
  }

  /** A lease ran out (timer or sweep): the request goes back to the queue. Safe to run twice. */
  expireClaim(requestId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.requests.lock(em, requestId, null);
      const now = this.clock.now();
      if (!request || request.status !== 'in_review' || isClaimLive(request, now)) return;
      await this.outbox.enqueue(em, await this.releaseLapsed(em, request, now), now);
    });
  }

  async expireLapsedClaims(): Promise<number> {
    const ids = await this.queue.lapsedClaimIds(this.clock.now());
    for (const id of ids) await this.expireClaim(id);
    return ids.length;
  }

  /** Only the reviewer holding a live claim acts on a request in review. */
  assertClaimant(request: ExceptionRequestEntity, caller: Caller, now: Date): void {
    const refusal = claimantRefusal(leaseOf(request), caller, now);
    if (refusal === 'not_claimant')
      throw new ForbiddenError('Only the reviewer who claimed this request may act on it.', 'review.not_claimant');
    if (refusal === 'claim_expired') throw lapsed(request);
  }

  /**
   * A request the caller may have claimed before it lapsed and went back to the queue: answered
   * review.claim_lapsed (claim it again) rather than "a submitted request cannot be decided".
   */
  async assertNotLapsedFrom(em: EntityManager, request: ExceptionRequestEntity, caller: Caller): Promise<void> {
    if (request.status !== 'submitted' || !caller.userId) return;
    const last = await this.audit.latestOf(em, request.id, [
      'request.claimed',
      'request.released',
      'request.reassigned',
      'request.info_provided',
    ]);
    const previous = last?.type === 'request.released' && last.data?.reason === 'claim_expired' ? last.data.previousAssignee : null;
    // Claims are held by reviewers, who all belong to the platform's directory.
    if (typeof previous === 'string' && sameIdentity({ tenantId: this.config.auth.platformTenantId, userId: previous }, caller))
      throw lapsed(request);
  }

  private async lockClaimable(em: EntityManager, id: string, caller: Caller, now: Date): Promise<ExceptionRequestEntity> {
    const request = await this.lockRequest(em, id);
    const heldByOther =
      request.status === 'in_review' && isClaimLive(request, now) && claimantRefusal(leaseOf(request), caller, now) !== null;
    if (heldByOther) {
      throw new DomainError('review.claimed_by_other', 'Another reviewer holds this request.', {
        currentStatus: request.status,
        claimExpiresAt: request.claimExpiresAt?.toISOString() ?? null,
      });
    }
    if (request.status !== 'in_review') nextStatus(request.status, 'claim');
    return request;
  }

  private async releaseLapsed(em: EntityManager, request: ExceptionRequestEntity, now: Date): Promise<JobSpec[]> {
    const previous = request.assignee?.userId ?? null;
    const jobs = this.lease.end(request);
    await this.transitions.apply(em, request, 'release', SYSTEM, now, { reason: 'claim_expired', previousAssignee: previous });
    return jobs;
  }

  private async lockRequest(em: EntityManager, id: string): Promise<ExceptionRequestEntity> {
    const request = await this.requests.lock(em, id, null);
    if (!request) throw new NotFoundError('Exception request', id);
    return request;
  }
}

function lapsed(request: ExceptionRequestEntity): DomainError {
  return new DomainError('review.claim_lapsed', 'Your claim on this request has lapsed; claim it again to go on.', {
    currentStatus: request.status,
  });
}
