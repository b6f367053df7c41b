import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../platform/pagination/cursor.js';
import type { GrantStatus } from './domain/grant-status.js';
import { ExceptionGrantEntity } from './exception-grant.entity.js';

export interface GrantFilters {
  /** null: every tenant (reviewers) */
  tenantId: string | null;
  status?: GrantStatus[];
  expiringBefore?: Date;
}

@Injectable()
export class GrantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, grant: ExceptionGrantEntity): Promise<void> {
    await em.insert(ExceptionGrantEntity, grant);
  }

  find(id: string, tenantId: string | null, em: EntityManager = this.dataSource.manager): Promise<ExceptionGrantEntity | null> {
    const query = em.getRepository(ExceptionGrantEntity).createQueryBuilder('g').where('g.id = :id', { id });
    if (tenantId) query.andWhere('g.tenant_id = :tenantId', { tenantId });
    return query.getOne();
  }

  lock(em: EntityManager, id: string): Promise<ExceptionGrantEntity | null> {
    return em.getRepository(ExceptionGrantEntity).createQueryBuilder('g').where('g.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async save(em: EntityManager, grant: ExceptionGrantEntity): Promise<void> {
    await em.save(ExceptionGrantEntity, grant);
  }

  /** Newest first. Status is computed from the times at `now`, as on every read. */
  async list<T>(
    filters: GrantFilters,
    now: Date,
    limit: number,
    cursor: string | undefined,
    view: (g: ExceptionGrantEntity) => T,
  ): Promise<Page<T>> {
    const query = this.dataSource
      .getRepository(ExceptionGrantEntity)
      .createQueryBuilder('g')
      .limit(limit + 1);
    if (filters.tenantId) query.andWhere('g.tenant_id = :tenantId', { tenantId: filters.tenantId });
    if (filters.expiringBefore) query.andWhere('g.expires_at < :before', { before: filters.expiringBefore });
    if (filters.status?.length) {
      const clauses = filters.status.map(
        (status) =>
          ({
            active: '(g.revoked_at IS NULL AND g.expires_at > :now)',
            expired: '(g.revoked_at IS NULL AND g.expires_at <= :now)',
            revoked: '(g.revoked_at IS NOT NULL)',
          })[status],
      );
      query.andWhere(`(${clauses.join(' OR ')})`, { now });
    }
    const after = decodeCursor('grants', cursor, ['timestamp', 'uuid']);
    if (after) query.andWhere('(g.created_at, g.id) < (:at, :id)', { at: after[0], id: after[1] });
    query.orderBy('g.created_at', 'DESC').addOrderBy('g.id', 'DESC');
    return toPage(await query.getMany(), limit, 'grants', (g) => [g.createdAt.toISOString(), g.id], view);
  }

  /** Adds batched use counts: one statement for many grants (one item per grant). Returns the grants found. */
  async addUsage(usage: readonly { grantId: string; count: number; lastUsedAt: Date }[]): Promise<number> {
    if (usage.length === 0) return 0;
    // An UPDATE answers [rows, rowCount] through TypeORM's query().
    const [, updated] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE exception_grants g
          SET use_count = g.use_count + u.count,
              last_used_at = greatest(g.last_used_at, u.last_used_at)
         FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS u(id, count, last_used_at)
        WHERE g.id = u.id`,
      [usage.map((u) => u.grantId), usage.map((u) => u.count), usage.map((u) => u.lastUsedAt)],
    );
    return updated;
  }
}
