import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { InsertChain } from '../database/insert-chain.js';
import { IdempotencyKeyEntity } from '../platform/idempotency/idempotency-key.entity.js';
import { OutboxJobEntity } from '../queue/outbox/outbox-job.entity.js';
import { decodeCursor, toPage, type CursorField, type Page } from '../platform/pagination/cursor.js';
import type { SlaState } from '../sla/domain/sla-state.js';
import type { RequestStatus } from './domain/request-lifecycle.js';
import { ExceptionRequestEntity } from './exception-request.entity.js';
import { RequestMessageEntity } from './request-message.entity.js';

export interface RequestFilters {
  /** null: every tenant (reviewers) */
  tenantId: string | null;
  status?: RequestStatus[];
  knownIssue?: number | null;
  slaState?: SlaState[];
  /** Undecided requests held by this reviewer, or waiting with nobody (`none`). */
  assignee?: { tenantId: string; userId: string } | 'none';
  /** Every word must appear in the title or the description (any case). */
  words?: string[];
}

/** The orders a list may be sorted by: the columns of its keyset, first to last (the id breaks ties). */
export const REQUEST_SORTS = {
  'sla.dueAt': { columns: ['sla_due_at', 'created_at'], keys: ['slaDueAt', 'createdAt'], descending: false },
  '-sla.dueAt': { columns: ['sla_due_at', 'created_at'], keys: ['slaDueAt', 'createdAt'], descending: true },
  createdAt: { columns: ['created_at'], keys: ['createdAt'], descending: false },
  '-createdAt': { columns: ['created_at'], keys: ['createdAt'], descending: true },
  updatedAt: { columns: ['updated_at'], keys: ['updatedAt'], descending: false },
  '-updatedAt': { columns: ['updated_at'], keys: ['updatedAt'], descending: true },
} as const satisfies Record<string, { columns: readonly string[]; keys: readonly (keyof ExceptionRequestEntity)[]; descending: boolean }>;
export type RequestSort = keyof typeof REQUEST_SORTS;

/** What filing writes: the request, its audit event, its outbox rows and, with a key, the key's row. */
export interface Filing {
  readonly request: ExceptionRequestEntity;
  readonly event: ObjectLiteral;
  readonly jobs: readonly ObjectLiteral[];
  readonly key: IdempotencyKeyEntity | null;
}

@Injectable()
export class RequestsRepository {
  private readonly chain: InsertChain;

  constructor(private readonly dataSource: DataSource) {
    this.chain = new InsertChain(dataSource);
  }

  /**
   * Writes a filing in one statement (one round trip, atomic). With a key, nothing is written when the
   * key exists already (false: the caller replays its answer); a concurrent filing with the same key
   * makes this one wait for it to commit or roll back, as the primary key does.
   */
  async insertFiling(filing: Filing): Promise<boolean> {
    const parts = [
      { entity: ExceptionRequestEntity, rows: [filing.request] },
      { entity: AuditEventEntity, rows: [filing.event] },
      { entity: OutboxJobEntity, rows: filing.jobs },
    ];
    if (!filing.key) return (await this.chain.run(parts, { gated: false })) > 0;
    return (
      (await this.chain.run([{ entity: IdempotencyKeyEntity, rows: [filing.key], skipOnConflict: true }, ...parts], { gated: true })) > 0
    );
  }

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

  async list(filters: RequestFilters, sort: RequestSort, limit: number, cursor?: string): Promise<Page<ExceptionRequestEntity>> {
    const query = this.dataSource
      .getRepository(ExceptionRequestEntity)
      .createQueryBuilder('r')
      .limit(limit + 1);
    if (filters.tenantId) query.andWhere('r.tenant_id = :tenantId', { tenantId: filters.tenantId });
    if (filters.status?.length) query.andWhere('r.status IN (:...status)', { status: filters.status });
    if (filters.slaState?.length) query.andWhere('r.sla_state IN (:...slaState)', { slaState: filters.slaState });
    if (filters.knownIssue === null) query.andWhere('r.known_issue IS NULL');
    else if (filters.knownIssue !== undefined) query.andWhere('r.known_issue = :knownIssue', { knownIssue: filters.knownIssue });
    if (filters.assignee === 'none') query.andWhere(`r.status = 'submitted'`);
    else if (filters.assignee) {
      query.andWhere(
        `r.status IN ('in_review', 'info_requested') AND lower(r.assignee->>'userId') = :assigneeId AND lower(r.assignee->>'tenantId') = :assigneeTenant`,
        { assigneeId: filters.assignee.userId.toLowerCase(), assigneeTenant: filters.assignee.tenantId.toLowerCase() },
      );
    }
    for (const [i, word] of (filters.words ?? []).entries()) {
      query.andWhere(`(r.title || ' ' || r.description) ILIKE :word${i} ESCAPE '\\'`, {
        [`word${i}`]: `%${word.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }

    const order = REQUEST_SORTS[sort];
    const kind = `requests.${sort}`;
    const fields: CursorField[] = [...order.columns.map((): CursorField => 'timestamp'), 'uuid'];
    const after = decodeCursor(kind, cursor, fields);
    if (after) {
      const columns = [...order.columns.map((c) => `r.${c}`), 'r.id'].join(', ');
      const params = Object.fromEntries(after.map((value, i) => [`after${i}`, value]));
      query.andWhere(`(${columns}) ${order.descending ? '<' : '>'} (${after.map((_, i) => `:after${i}`).join(', ')})`, params);
    }
    const direction = order.descending ? 'DESC' : 'ASC';
    for (const column of order.columns) query.addOrderBy(`r.${column}`, direction);
    query.addOrderBy('r.id', direction);
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      kind,
      (r) => [...order.keys.map((key) => r[key].toISOString()), r.id],
      (r) => r,
    );
  }

  async insertMessage(em: EntityManager, message: RequestMessageEntity): Promise<void> {
    await em.insert(RequestMessageEntity, message);
  }

  /** The conversation, oldest first; internal notes only when asked for (reviewers). */
  async listMessages(requestId: string, includeInternal: boolean, limit: number, cursor?: string): Promise<Page<RequestMessageEntity>> {
    const after = decodeCursor('messages', cursor, ['timestamp', 'uuid']);
    const query = this.dataSource
      .getRepository(RequestMessageEntity)
      .createQueryBuilder('m')
      .where('m.request_id = :requestId', { requestId })
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit + 1);
    if (!includeInternal) query.andWhere('m.internal = false');
    if (after) query.andWhere('(m.created_at, m.id) > (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      'messages',
      (m) => [m.createdAt.toISOString(), m.id],
      (m) => m,
    );
  }

  private scoped(em: EntityManager, id: string, tenantId: string | null): SelectQueryBuilder<ExceptionRequestEntity> {
    const query = em.getRepository(ExceptionRequestEntity).createQueryBuilder('r').where('r.id = :id', { id });
    if (tenantId) query.andWhere('r.tenant_id = :tenantId', { tenantId });
    return query;
  }
}
