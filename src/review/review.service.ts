import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { GrantsService } from '../grants/grants.service.js';
import { isReviewLead, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { IdempotencyService, type Outcome } from '../platform/idempotency/idempotency.service.js';
import { DomainError, ForbiddenError, NotFoundError, UnprocessableError } from '../shared/domain-error.js';
import { infoRequestedJob, requestDecidedJob, type JobSpec } from '../queue/jobs.js';
import { ClaimLease, leaseOf } from './claim-lease.js';
import { nextStatus, type RequestAction } from '../requests/domain/request-lifecycle.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import type { PersonRef } from '../shared/person.js';
import { RequestTransitions, type Actor } from '../requests/request-transitions.js';
import { toRequestView, type RequestView } from '../requests/request.views.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { ConversationService } from './conversation.service.js';
import { SlaService } from '../sla/sla.service.js';
import { claimantRefusal, conflictOfInterest, grantProblems } from './domain/review-rules.js';
import type { DecisionDto, ReassignDto, RequestInfoDto } from './dto/review-actions.dto.js';
import { ReviewRepository } from './review.repository.js';

const SYSTEM: Actor = { kind: 'system', userId: null };
type ActionBody = (em: EntityManager, request: ExceptionRequestEntity, now: Date) => Promise<JobSpec[]>;
const HOUR = 3600_000;

/** The reviewers' side of a request: claim, release, reassign, ask the partner, decide. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReviewRepository,
    private readonly requests: RequestsRepository,
    private readonly conversation: ConversationService,
    private readonly transitions: RequestTransitions,
    private readonly lease: ClaimLease,
    private readonly sla: SlaService,
    private readonly grants: GrantsService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Hands the caller the waiting request due first, or null when none waits. */
  claim(caller: Caller): Promise<RequestView | null> {
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const request = await this.queue.lockNextWaiting(em, now, caller.tenantId);
      if (!request) return null;
      const jobs: JobSpec[] = [];
      if (request.status === 'in_review') jobs.push(...(await this.releaseLapsed(em, request, now)));
      jobs.push(...this.lease.take(request, personOf(caller), now));
      await this.transitions.apply(em, request, 'claim', reviewerActor(caller), now, {
        leaseExpiresAt: request.claimExpiresAt!.toISOString(),
      });
      await this.outbox.enqueue(em, jobs, now);
      return toRequestView(request);
    });
  }

  /** Gives a claimed request back to the queue: its claimant, or a review lead for anyone. */
  release(caller: Caller, id: string): Promise<RequestView> {
    return this.act(id, 'release', async (em, request, now) => {
      if (!isReviewLead(caller)) this.assertClaimant(request, caller, now);
      const jobs = this.lease.end(request);
      await this.transitions.apply(em, request, 'release', reviewerActor(caller), now, { reason: 'released' });
      return jobs;
    });
  }

  /** A review lead gives a request (claimed or waiting) to a reviewer, with a fresh lease. */
  reassign(caller: Caller, id: string, input: ReassignDto): Promise<RequestView> {
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
      return toRequestView(request);
    });
  }

  /** Asks the partner for more: the message goes to the conversation and the SLA clock pauses. */
  requestInfo(caller: Caller, id: string, input: RequestInfoDto, key: IdempotencyKey | null = null): Promise<Outcome<RequestView>> {
    return this.actOnce(caller, key, id, 'request_info', async (em, request, now) => {
      this.assertClaimant(request, caller, now);
      const message = await this.conversation.appendMessage(
        em,
        request,
        { kind: 'reviewer', userId: caller.userId, name: caller.name },
        input.message,
        now,
      );
      const jobs = [
        ...this.lease.end(request, true),
        ...(await this.sla.pause(em, request, now)),
        infoRequestedJob(request.id, message.id),
      ];
      await this.transitions.apply(em, request, 'request_info', reviewerActor(caller), now, { messageId: message.id });
      return jobs;
    });
  }

  /** Approves (creating the grant in the same transaction) or rejects. Decided requests are final. */
  decide(caller: Caller, id: string, input: DecisionDto, key: IdempotencyKey | null = null): Promise<Outcome<RequestView>> {
    const action: RequestAction = input.outcome === 'approved' ? 'approve' : 'reject';
    return this.actOnce(caller, key, id, action, async (em, request, now) => {
      this.assertClaimant(request, caller, now);
      if (conflictOfInterest(request, caller)) {
        throw new ForbiddenError('Separation of duties: a reviewer may not decide a request they filed or one of their own tenant.', 'review.own_tenant');
      }
      const problems = grantProblems(input.outcome, input.grant, request, now, this.config.grantMaxDays);
      if (problems.length) throw new UnprocessableError('The decision cannot be accepted: see errors.', problems);

      const knownIssue = input.knownIssue !== undefined ? input.knownIssue : request.knownIssue;
      const decidedBy = personOf(caller);
      request.decision = {
        outcome: input.outcome,
        reason: input.reason,
        decidedAt: now.toISOString(),
        decidedBy,
        knownIssue,
        knownIssueCorrected: knownIssue !== request.classification.knownIssue,
      };
      request.knownIssue = knownIssue;
      const grant = input.outcome === 'approved' && input.grant ? input.grant : null;
      request.grantId = grant ? randomUUID() : null;
      const jobs = [
        ...this.lease.end(request, true),
        ...(await this.sla.stopAtDecision(em, request, now)),
        requestDecidedJob(request.id, input.outcome),
      ];
      await this.transitions.apply(em, request, action, reviewerActor(caller), now, {
        outcome: input.outcome,
        reason: input.reason,
        knownIssue,
        grantId: request.grantId,
      });
      if (grant) {
        const { userIds, surfaces, expiresAt } = grant;
        await this.grants.create(
          em,
          {
            id: request.grantId!,
            requestId: request.id,
            tenantId: request.tenantId,
            userIds,
            surfaces,
            expiresAt: new Date(expiresAt),
            createdBy: decidedBy,
          },
          now,
        );
      }
      return jobs;
    });
  }

  async stats() {
    const now = this.clock.now();
    const counts = await this.queue.counts(now);
    return {
      waiting: counts.waiting,
      inReview: counts.inReview,
      infoRequested: counts.infoRequested,
      atRisk: counts.atRisk,
      breached: counts.breached,
      decided: counts.decided,
      oldestWaiting: counts.oldestWaitingId
        ? {
            requestId: counts.oldestWaitingId,
            since: counts.oldestWaitingSince!.toISOString(),
            businessHoursWaiting: round(this.sla.calendar.businessTimeBetween(counts.oldestWaitingSince!, now) / HOUR),
          }
        : null,
      medianBusinessHoursToDecision: counts.medianBusinessMsToDecision === null ? null : round(counts.medianBusinessMsToDecision / HOUR),
      at: now.toISOString(),
    };
  }

  /** A lease ran out (timer or sweep): the request goes back to the queue. Safe to run twice. */
  expireClaim(requestId: string): Promise<void> {
    return this.dataSource.transaction(async (em) => {
      const request = await this.requests.lock(em, requestId, null);
      const now = this.clock.now();
      if (!request || request.status !== 'in_review' || !request.claimExpiresAt || request.claimExpiresAt > now) return;
      await this.outbox.enqueue(em, await this.releaseLapsed(em, request, now), now);
    });
  }

  async expireLapsedClaims(): Promise<number> {
    const ids = await this.queue.lapsedClaimIds(this.clock.now());
    for (const id of ids) await this.expireClaim(id);
    return ids.length;
  }

  private async releaseLapsed(em: EntityManager, request: ExceptionRequestEntity, now: Date): Promise<JobSpec[]> {
    const previous = request.assignee?.userId ?? null;
    const jobs = this.lease.end(request);
    await this.transitions.apply(em, request, 'release', SYSTEM, now, { reason: 'claim_expired', previousAssignee: previous });
    return jobs;
  }

  /**
   * Runs a reviewer action on a locked request: 404 when missing, 409 (naming the status) when the
   * lifecycle refuses, then the action's own checks; its timer jobs join the same transaction.
   */
  private act(id: string, action: RequestAction, run: ActionBody): Promise<RequestView> {
    return this.dataSource.transaction((em) => this.actIn(em, id, action, run));
  }

  /** The same, for actions that create something: a retry with the same Idempotency-Key answers the first result. */
  private actOnce(
    caller: Caller,
    key: IdempotencyKey | null,
    id: string,
    action: RequestAction,
    run: ActionBody,
  ): Promise<Outcome<RequestView>> {
    return this.dataSource.transaction((em) => this.idempotency.once(em, key, () => this.actIn(em, id, action, run), 200));
  }

  private async actIn(em: EntityManager, id: string, action: RequestAction, run: ActionBody): Promise<RequestView> {
    const request = await this.lockRequest(em, id);
    nextStatus(request.status, action);
    const now = this.clock.now();
    await this.outbox.enqueue(em, await run(em, request, now), now);
    return toRequestView(request);
  }

  private async lockRequest(em: EntityManager, id: string): Promise<ExceptionRequestEntity> {
    const request = await this.requests.lock(em, id, null);
    if (!request) throw new NotFoundError('Exception request', id);
    return request;
  }

  private assertClaimant(request: ExceptionRequestEntity, caller: Caller, now: Date): void {
    const refusal = claimantRefusal(leaseOf(request), caller, now);
    if (refusal === 'not_claimant') throw new ForbiddenError('Only the reviewer who claimed this request may act on it.', 'review.not_claimant');
    if (refusal === 'claim_expired') {
      throw new DomainError('review.claim_lapsed', 'Your claim on this request has lapsed; claim it again to go on.', {
        currentStatus: request.status,
      });
    }
  }
}

function personOf(caller: Caller): PersonRef {
  return { tenantId: caller.tenantId, userId: caller.userId, upn: caller.upn, name: caller.name };
}

function reviewerActor(caller: Caller): Actor {
  return { kind: 'reviewer', userId: caller.userId };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
