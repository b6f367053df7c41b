import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { actorOf, isReviewer, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { IdempotencyService, type Outcome } from '../platform/idempotency/idempotency.service.js';
import type { JobSpec } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { isClaimLive } from '../requests/domain/claim.js';
import type { MessageModel, RequestModel } from '../requests/dto/request.models.js';
import type { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { RequestMessageEntity, type MessageAuthor } from '../requests/request-message.entity.js';
import { RequestPresenter, visibleTenant } from '../requests/request-presenter.js';
import { RequestTransitions } from '../requests/request-transitions.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { ForbiddenError, NotFoundError } from '../shared/domain-error.js';
import { SlaService } from '../sla/sla.service.js';
import { ClaimLease } from './claim-lease.js';
import type { PostMessageDto, WithdrawRequestDto } from './dto/conversation.dto.js';

/**
 * The back and forth between a partner and the reviewers once a request is filed: messages, internal
 * notes and the partner's withdrawal. Both move the review along (a partner's answer returns the
 * request to its reviewer or to the queue, a withdrawal ends the claim and the clock), so they live
 * with the review workflow.
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly transitions: RequestTransitions,
    private readonly lease: ClaimLease,
    private readonly present: RequestPresenter,
  ) {}

  withdraw(caller: Caller, id: string, input: WithdrawRequestDto): Promise<RequestModel> {
    return this.dataSource.transaction(async (em) => {
      // A partner action: only ever on the caller's own tenant, whatever other roles the token holds.
      const request = await this.requests.lock(em, id, caller.tenantId);
      if (!request) throw new NotFoundError('Exception request', id);
      const now = this.clock.now();
      const jobs = [...this.sla.stop(request, now), ...this.lease.end(request, true)];
      await this.transitions.apply(em, request, 'withdraw', actorOf(caller), now, input.reason ? { reason: input.reason } : null);
      await this.outbox.enqueue(em, jobs, now);
      return this.present.request(request, caller, now);
    });
  }

  /**
   * Posts to the conversation. A partner's message on a request waiting for information is the
   * answer the reviewer asked for: it goes back to that reviewer while their claim is live (else to
   * the queue), and the SLA clock runs again. A reviewer's message renews their claim.
   */
  postMessage(caller: Caller, id: string, input: PostMessageDto, key: IdempotencyKey | null): Promise<Outcome<MessageModel>> {
    const internal = input.internal === true;
    if (internal && !isReviewer(caller))
      throw new ForbiddenError('Only reviewers can write internal notes.', 'message.internal_reviewers_only');
    return this.dataSource.transaction((em) =>
      this.idempotency.once(em, key, async () => {
        const request = await this.requests.lock(em, id, visibleTenant(caller));
        if (!request) throw new NotFoundError('Exception request', id);
        const now = this.clock.now();
        const actor = actorOf(caller);
        const message = await this.appendMessage(em, request, { ...actor, name: caller.name }, input.body, now, internal);
        const jobs = this.lease.renewFor(request, caller, now);
        if (actor.kind === 'partner' && request.status === 'info_requested') {
          jobs.push(...(await this.answer(em, request, message, now)));
        } else {
          request.updatedAt = now;
          await this.requests.save(em, request);
        }
        await this.outbox.enqueue(em, jobs, now);
        return this.present.message(message, caller);
      }),
    );
  }

  /** Adds a message and its audit event to a locked request, in the caller's transaction. */
  async appendMessage(
    em: EntityManager,
    request: ExceptionRequestEntity,
    author: MessageAuthor,
    body: string,
    now: Date,
    internal = false,
  ): Promise<RequestMessageEntity> {
    const message = Object.assign(new RequestMessageEntity(), {
      id: randomUUID(),
      requestId: request.id,
      author,
      body,
      internal,
      createdAt: now,
    });
    await this.requests.insertMessage(em, message);
    await this.audit.append(em, {
      requestId: request.id,
      tenantId: request.tenantId,
      type: 'message.posted',
      actor: { kind: author.kind, userId: author.userId },
      at: now,
      data: { messageId: message.id, ...(internal ? { internal: true } : {}) },
    });
    return message;
  }

  /** The partner answered an information request: back to the reviewer who asked, or to the queue. */
  private async answer(em: EntityManager, request: ExceptionRequestEntity, message: RequestMessageEntity, now: Date): Promise<JobSpec[]> {
    const actor = { kind: 'partner' as const, userId: message.author.userId };
    const toClaimant = isClaimLive(request, now);
    const jobs = [
      ...(toClaimant ? this.lease.extend(request, now) : this.lease.end(request)),
      ...(await this.sla.resume(em, request, now)),
    ];
    await this.transitions.apply(em, request, toClaimant ? 'partner_reply_to_claimant' : 'partner_reply', actor, now, {
      messageId: message.id,
      ...(toClaimant ? { returnedTo: request.assignee?.userId ?? null } : {}),
    });
    return jobs;
  }
}
