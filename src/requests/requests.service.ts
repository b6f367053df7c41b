import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { classify } from '../classification/domain/classifier.js';
import type { Locale } from '../classification/domain/known-issues.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { actorOf, isReviewer, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import { ForbiddenError, NotFoundError } from '../shared/domain-error.js';
import type { IdempotencyKey } from '../platform/idempotency/idempotency-key.decorator.js';
import { IdempotencyService, type Outcome } from '../platform/idempotency/idempotency.service.js';
import { DEFAULT_PAGE_SIZE, type Page } from '../platform/pagination/cursor.js';
import { requestFiledJob } from '../queue/jobs.js';
import { SlaService } from '../sla/sla.service.js';
import { REQUEST_ISSUE_TYPE, REQUEST_TOPIC } from '../shared/surfaces.js';
import type { FileRequestDto } from './dto/file-request.dto.js';
import type { ListRequestsQuery } from './dto/list-requests.query.js';
import { ExceptionRequestEntity } from './exception-request.entity.js';
import type { AuditEventModel, MessageModel, RequestModel } from './dto/request.models.js';
import { RequestPresenter, visibleTenant } from './request-presenter.js';
import { RequestsRepository, type RequestFilters } from './requests.repository.js';

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
    private readonly present: RequestPresenter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Files a request: the row, its audit event, its queue jobs and the idempotency key's answer are
   * written in one statement, so they commit together or not at all, in one round trip. The answer is
   * built before the write (it needs nothing the database adds).
   */
  async file(caller: Caller, input: FileRequestDto, locale: Locale, key: IdempotencyKey | null): Promise<Outcome<RequestModel>> {
    const now = this.clock.now();
    const request = this.newRequest(caller, input, locale, now);
    const timers = this.sla.start(request, now);
    const event = this.audit.recordOf({
      requestId: request.id,
      tenantId: request.tenantId,
      type: 'request.filed',
      actor: actorOf(caller),
      at: now,
      to: 'submitted',
    });
    const body = this.present.request(request, caller, now);
    const jobs = this.outbox.rowsOf([...event.jobs, requestFiledJob(request.id), ...timers], now);
    const written = await this.requests.insertFiling({
      request,
      event: event.row,
      jobs,
      key: key ? this.idempotency.rowOf(key, body) : null,
    });
    if (written || !key) return { body, replayed: false };
    return this.idempotency.replay(this.dataSource.manager, key);
  }

  private newRequest(caller: Caller, input: FileRequestDto, locale: Locale, now: Date): ExceptionRequestEntity {
    const classification = classify(input, locale);
    return Object.assign(new ExceptionRequestEntity(), {
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
      // Set by the SLA clock (SlaService.start).
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
      locale,
      createdAt: now,
      updatedAt: now,
    } satisfies ExceptionRequestEntity);
  }

  async list(caller: Caller, query: ListRequestsQuery): Promise<Page<RequestModel>> {
    const reviewer = isReviewer(caller);
    if (!reviewer && query.assignee) throw new ForbiddenError('Only reviewers may filter by assignee.');
    if (!reviewer && query.tenantId && query.tenantId.toLowerCase() !== caller.tenantId) return { items: [], nextCursor: null };
    const tenantId = reviewer ? (query.tenantId?.toLowerCase() ?? null) : caller.tenantId;
    const page = await this.requests.list(
      {
        tenantId,
        status: query.status,
        slaState: query.slaState,
        knownIssue: query.knownIssue === undefined ? undefined : query.knownIssue === 'none' ? null : Number(query.knownIssue),
        assignee: this.assigneeFilter(caller, query.assignee),
        words: query.q?.split(/\s+/u).filter((word) => word !== ''),
      },
      query.sort ?? (reviewer ? 'sla.dueAt' : '-createdAt'),
      query.limit ?? DEFAULT_PAGE_SIZE,
      query.cursor,
    );
    return this.present.requests(page, caller);
  }

  async get(caller: Caller, id: string): Promise<RequestModel> {
    return this.present.request(await this.findVisible(caller, id), caller);
  }

  async listMessages(caller: Caller, id: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<MessageModel>> {
    await this.findVisible(caller, id);
    return this.present.messages(await this.requests.listMessages(id, isReviewer(caller), limit, cursor), caller);
  }

  async listEvents(caller: Caller, id: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<AuditEventModel>> {
    await this.findVisible(caller, id);
    return this.present.events(await this.audit.listForRequest(id, isReviewer(caller), limit, cursor), caller);
  }

  /** `me` and a user id name a reviewer, who is always of the platform's own directory. */
  private assigneeFilter(caller: Caller, assignee: string | undefined): RequestFilters['assignee'] {
    if (assignee === undefined) return undefined;
    if (assignee === 'none') return 'none';
    if (assignee === 'me') return { tenantId: caller.tenantId, userId: caller.userId ?? '' };
    return { tenantId: this.config.auth.platformTenantId, userId: assignee };
  }

  private async findVisible(caller: Caller, id: string): Promise<ExceptionRequestEntity> {
    const request = await this.requests.find(id, visibleTenant(caller));
    if (!request) throw new NotFoundError('Exception request', id);
    return request;
  }
}
