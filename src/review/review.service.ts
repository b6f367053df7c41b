import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { GrantChangeWatchers } from '../grants/grant-change-watchers.js';
import { GrantsService } from '../grants/grants.service.js';
import type { Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { IdempotencyService, type Outcome } from '../platform/idempotency/idempotency.service.js';
import { infoRequestedJob, requestDecidedJob, type JobSpec } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { conflictOfInterest } from '../requests/domain/claim.js';
import { nextStatus, type RequestAction } from '../requests/domain/request-lifecycle.js';
import type { RequestModel } from '../requests/dto/request.models.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { RequestPresenter } from '../requests/request-presenter.js';
import { RequestTransitions } from '../requests/request-transitions.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../shared/domain-error.js';
import { SlaService } from '../sla/sla.service.js';
import { ClaimLease } from './claim-lease.js';
import { ClaimsService } from './claims.service.js';
import { ConversationService } from './conversation.service.js';
import { grantProblems } from './domain/review-rules.js';
import type { DecisionDto, RequestInfoDto } from './dto/review-actions.dto.js';
import { ReviewRepository } from './review.repository.js';
import { personOf, reviewerActor } from './reviewer.js';

type ActionBody = (em: EntityManager, request: ExceptionRequestEntity, now: Date) => Promise<JobSpec[]>;
const HOUR = 3600_000;

/** What the claimant does with a request: ask the partner for more, decide; and the queue's figures. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReviewRepository,
    private readonly requests: RequestsRepository,
    private readonly claims: ClaimsService,
    private readonly conversation: ConversationService,
    private readonly transitions: RequestTransitions,
    private readonly lease: ClaimLease,
    private readonly sla: SlaService,
    private readonly grants: GrantsService,
    private readonly grantWatchers: GrantChangeWatchers,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
    private readonly present: RequestPresenter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Asks the partner for more: the message goes to the conversation and the SLA clock pauses. The
   * claim stays with the reviewer (renewed now), so the answer comes back to them while it is live.
   */
  requestInfo(caller: Caller, id: string, input: RequestInfoDto, key: IdempotencyKey | null = null): Promise<Outcome<RequestModel>> {
    return this.actOnce(caller, key, id, 'request_info', async (em, request, now) => {
      this.claims.assertClaimant(request, caller, now);
      const author = { kind: 'reviewer' as const, userId: caller.userId, name: caller.name };
      const message = await this.conversation.appendMessage(em, request, author, input.message, now);
      const jobs = [
        ...this.lease.extend(request, now),
        ...(await this.sla.pause(em, request, now)),
        infoRequestedJob(request.id, message.id),
      ];
      await this.transitions.apply(em, request, 'request_info', reviewerActor(caller), now, { messageId: message.id });
      return jobs;
    });
  }

  /**
   * Approves (creating the grant in the same transaction) or rejects. Decided requests are final. An
   * approval's grant is in this instance's enforcement index when the answer leaves.
   */
  async decide(caller: Caller, id: string, input: DecisionDto, key: IdempotencyKey | null = null): Promise<Outcome<RequestModel>> {
    const action: RequestAction = input.outcome === 'approved' ? 'approve' : 'reject';
    const outcome = await this.actOnce(caller, key, id, action, async (em, request, now) => {
      this.claims.assertClaimant(request, caller, now);
      if (conflictOfInterest(request, caller)) {
        throw new ForbiddenError(
          'Separation of duties: a reviewer may not decide a request they filed or one of their own tenant.',
          'review.own_tenant',
        );
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
        const created = {
          id: request.grantId!,
          requestId: request.id,
          tenantId: request.tenantId,
          userIds,
          surfaces,
          expiresAt: new Date(expiresAt),
        };
        await this.grants.create(em, { ...created, createdBy: decidedBy }, now);
      }
      return jobs;
    });
    if (input.outcome === 'approved') await this.grantWatchers.committed();
    return outcome;
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

  /**
   * Runs a claimant's action on a locked request: 404 when missing, 409 when the claim lapsed or the
   * lifecycle refuses (naming the status), then the action's own checks; its timer jobs join the same
   * transaction, and a retry with the same Idempotency-Key answers the first result.
   */
  private actOnce(
    caller: Caller,
    key: IdempotencyKey | null,
    id: string,
    action: RequestAction,
    run: ActionBody,
  ): Promise<Outcome<RequestModel>> {
    return this.dataSource.transaction((em) =>
      this.idempotency.once(
        em,
        key,
        async () => {
          const request = await this.requests.lock(em, id, null);
          if (!request) throw new NotFoundError('Exception request', id);
          await this.claims.assertNotLapsedFrom(em, request, caller);
          nextStatus(request.status, action);
          const now = this.clock.now();
          await this.outbox.enqueue(em, await run(em, request, now), now);
          return this.present.request(request, caller, now);
        },
        200,
      ),
    );
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
