import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository, partnerEventView, type AuditEventView } from '../audit/audit.repository.js';
import { classify } from '../classification/domain/classifier.js';
import type { Locale } from '../classification/domain/known-issues.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { actorOf, isReviewer, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import { NotFoundError } from '../shared/domain-error.js';
import type { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { IdempotencyService, type Outcome } from '../platform/idempotency/idempotency.service.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../platform/pagination/cursor.js';
import { requestFiledJob } from '../queue/jobs.js';
import { SlaService } from '../sla/sla.service.js';
import { REQUEST_ISSUE_TYPE, REQUEST_TOPIC } from '../shared/surfaces.js';
import type { FileRequestDto } from './dto/file-request.dto.js';
import type { ListRequestsQuery } from './dto/list-requests.query.js';
import { ExceptionRequestEntity } from './exception-request.entity.js';
import { messageFor, pageFor, requestFor, toRequestView, visibleTenant, type MessageView, type RequestView } from './request.views.js';
import { RequestsRepository } from './requests.repository.js';

const eventFor = (caller: Caller, view: AuditEventView) => (isReviewer(caller) ? view : partnerEventView(view));

@Injectable()
export class RequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: RequestsRepository,
    private readonly audit: AuditRepository,
    private readonly outbox: OutboxRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
  ) {}

  /** Files a request: the row, its audit event and its queue job commit together or not at all. */
  file(caller: Caller, input: FileRequestDto, locale: Locale, key: IdempotencyKey | null): Promise<Outcome<RequestView>> {
    return this.dataSource.transaction((em) =>
      this.idempotency.once(em, key, async () => {
        const now = this.clock.now();
        const classification = classify(input, locale);
        const request = Object.assign(new ExceptionRequestEntity(), {
          id: randomUUID(),
          tenantId: caller.tenantId,
          submittedBy: { tenantId: caller.tenantId, userId: caller.userId, upn: caller.upn, name: caller.name },
          topic: input.topic ?? REQUEST_TOPIC,
          issueType: input.issueType ?? REQUEST_ISSUE_TYPE,
          title: input.title,
          description: input.description,
          affectedUserIds: input.affectedUserIds.map((id) => id.toLowerCase()),
          surfaces: input.surfaces,
          thirdPartyMfa: input.thirdPartyMfa ? { ...input.thirdPartyMfa } : null,
          contact: { ...input.contact },
          status: 'submitted',
          classification,
          knownIssue: classification.knownIssue,
          // Set by the SLA clock below.
          slaDueAt: now,
          slaAtRiskAt: now,
          slaState: 'on_track',
          slaPausedAt: null,
          slaPausedMs: 0,
          businessMsToDecision: null,
          assignee: null,
          claimExpiresAt: null,
          decision: null,
          grantId: null,
          createdAt: now,
          updatedAt: now,
        } satisfies ExceptionRequestEntity);
        const timers = this.sla.start(request, now);
        await this.requests.insert(em, request);
        await this.audit.append(em, {
          requestId: request.id,
          tenantId: request.tenantId,
          type: 'request.filed',
          actor: actorOf(caller),
          at: now,
          to: 'submitted',
        });
        await this.outbox.enqueue(em, [requestFiledJob(request.id), ...timers], now);
        return requestFor(caller, toRequestView(request));
      }),
    );
  }

  async list(caller: Caller, query: ListRequestsQuery): Promise<Page<RequestView>> {
    const reviewer = isReviewer(caller);
    const tenantId = reviewer ? (query.tenantId ?? null) : caller.tenantId;
    if (!reviewer && query.tenantId && query.tenantId.toLowerCase() !== caller.tenantId) {
      return { items: [], nextCursor: null };
    }
    const page = await this.requests.list(
      {
        tenantId: tenantId?.toLowerCase() ?? null,
        status: query.status,
        slaState: query.slaState,
        knownIssue: query.knownIssue === undefined ? undefined : query.knownIssue === 'none' ? null : Number(query.knownIssue),
      },
      reviewer ? 'sla_due_first' : 'newest_first',
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
    );
    return pageFor(page, (view) => requestFor(caller, view));
  }

  async get(caller: Caller, id: string): Promise<RequestView> {
    return requestFor(caller, toRequestView(await this.findVisible(caller, id)));
  }

  async listMessages(caller: Caller, id: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<MessageView>> {
    await this.findVisible(caller, id);
    return pageFor(await this.requests.listMessages(id, limit, cursor), (view) => messageFor(caller, view));
  }

  async listEvents(caller: Caller, id: string, limit = DEFAULT_PAGE_SIZE, cursor?: string) {
    await this.findVisible(caller, id);
    return pageFor(await this.audit.listForRequest(id, limit, cursor), (view) => eventFor(caller, view));
  }

  private async findVisible(caller: Caller, id: string): Promise<ExceptionRequestEntity> {
    const request = await this.requests.find(id, visibleTenant(caller));
    if (!request) throw new NotFoundError('Exception request', id);
    return request;
  }
}
