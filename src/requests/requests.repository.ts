import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../platform/pagination/cursor.js';
import type { RequestStatus } from './domain/request-lifecycle.js';
import type { SlaState } from '../sla/domain/sla-state.js';
import { ExceptionRequestEntity } from './exception-request.entity.js';
import { RequestMessageEntity } from './request-message.entity.js';
import { toMessageView, toRequestView, type MessageView, type RequestView } from './request.views.js';

export interface RequestFilters {
  /** null: every tenant (reviewers) */
  tenantId: string | null;
  status?: RequestStatus[];
  knownIssue?: number | null;
  slaState?: SlaState[];
}

export type RequestOrder = 'newest_first' | 'sla_due_first';

@Injectable()
export class RequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A request visible in `tenantId` (null: any tenant), or null. */
  find(id: string, tenantId: string | null): Promise<ExceptionRequestEntity | null> {
    return this.scoped(this.dataSource.manager, id, tenantId).getOne();
  }

  /** Same, locked for update until the caller's transaction ends. */
  lock(em: EntityManager, id: string, tenantId: string | null): Promise<ExceptionRequestEntity | null> {
    return this.scoped(em, id, tenantId).setLock('pessimistic_write').getOne();
  }

  async insert(em: EntityManager, request: ExceptionRequestEntity): Promise<void> {
    await em.insert(ExceptionRequestEntity, request);
  }

  async save(em: EntityManager, request: ExceptionRequestEntity): Promise<void> {
    await em.save(ExceptionRequestEntity, request);
  }

  async list(filters: RequestFilters, order: RequestOrder, limit: number, cursor?: string): Promise<Page<RequestView>> {
    const query = this.dataSource
      .getRepository(ExceptionRequestEntity)
      .createQueryBuilder('r')
      .limit(limit + 1);
    if (filters.tenantId) query.andWhere('r.tenant_id = :tenantId', { tenantId: filters.tenantId });
    if (filters.status?.length) query.andWhere('r.status IN (:...status)', { status: filters.status });
    if (filters.slaState?.length) query.andWhere('r.sla_state IN (:...slaState)', { slaState: filters.slaState });
    if (filters.knownIssue === null) query.andWhere('r.known_issue IS NULL');
    else if (filters.knownIssue !== undefined) query.andWhere('r.known_issue = :knownIssue', { knownIssue: filters.knownIssue });

    if (order === 'newest_first') {
      const after = decodeCursor('requests.newest', cursor, ['timestamp', 'uuid']);
      if (after) query.andWhere('(r.created_at, r.id) < (:at, :id)', { at: after[0], id: after[1] });
      query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC');
      const rows = await query.getMany();
      return toPage(rows, limit, 'requests.newest', (r) => [r.createdAt.toISOString(), r.id], toRequestView);
    }
    const after = decodeCursor('requests.due', cursor, ['timestamp', 'timestamp', 'uuid']);
    if (after) {
      query.andWhere('(r.sla_due_at, r.created_at, r.id) > (:due, :at, :id)', { due: after[0], at: after[1], id: after[2] });
    }
    query.orderBy('r.sla_due_at', 'ASC').addOrderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC');
    const rows = await query.getMany();
    return toPage(rows, limit, 'requests.due', (r) => [r.slaDueAt.toISOString(), r.createdAt.toISOString(), r.id], toRequestView);
  }

  async insertMessage(em: EntityManager, message: RequestMessageEntity): Promise<void> {
    await em.insert(RequestMessageEntity, message);
  }

  async listMessages(requestId: string, limit: number, cursor?: string): Promise<Page<MessageView>> {
    const after = decodeCursor('messages', cursor, ['timestamp', 'uuid']);
    const query = this.dataSource
      .getRepository(RequestMessageEntity)
      .createQueryBuilder('m')
      .where('m.request_id = :requestId', { requestId })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1);
    if (after) query.andWhere('(m.created_at, m.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toPage(rows, limit, 'messages', (m) => [m.createdAt.toISOString(), m.id], toMessageView);
  }

  private scoped(em: EntityManager, id: string, tenantId: string | null): SelectQueryBuilder<ExceptionRequestEntity> {
    const query = em.getRepository(ExceptionRequestEntity).createQueryBuilder('r').where('r.id = :id', { id });
    if (tenantId) query.andWhere('r.tenant_id = :tenantId', { tenantId });
    return query;
  }
}
