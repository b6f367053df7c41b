import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ExceptionGrantEntity } from './exception-grant.entity.js';
import { GrantChangeEntity, type GrantChangeType, type GrantState } from './grant-change.entity.js';

/** Serialises writers of the feed so that sequence order is commit order. */
const FEED_LOCK = 727_002;
export const GRANT_CHANGES_CHANNEL = 'grant_changes';

export function grantStateOf(grant: ExceptionGrantEntity): GrantState {
  return {
    grantId: grant.id,
    requestId: grant.requestId,
    tenantId: grant.tenantId,
    userIds: grant.userIds,
    surfaces: grant.surfaces,
    validFrom: grant.validFrom.toISOString(),
    expiresAt: grant.expiresAt.toISOString(),
  };
}

export interface FeedChange {
  seq: string;
  type: GrantChangeType;
  at: string;
  grant: GrantState;
}

@Injectable()
export class GrantFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a change in the caller's transaction (once per grant and type) and notifies listeners
   * when it commits. The advisory lock is held to commit, so a later row always commits later.
   */
  /** Answers whether the change was new (false: this grant already had a change of this type). */
  async append(em: EntityManager, type: GrantChangeType, grant: ExceptionGrantEntity, at: Date): Promise<boolean> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
    const inserted: { seq: string }[] = await em.query(
      `INSERT INTO grant_changes (grant_id, tenant_id, type, at, "grant") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (grant_id, type) DO NOTHING RETURNING seq`,
      [grant.id, grant.tenantId, type, at, JSON.stringify(grantStateOf(grant))],
    );
    if (inserted.length === 0) return false;
    await em.query('SELECT pg_notify($1, $2)', [GRANT_CHANGES_CHANNEL, inserted[0].seq]);
    return true;
  }

  async changesAfter(seq: string, limit: number): Promise<FeedChange[]> {
    const rows = await this.dataSource
      .getRepository(GrantChangeEntity)
      .createQueryBuilder('c')
      .where('c.seq > :seq', { seq })
      .orderBy('c.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => ({ seq: row.seq, type: row.type, at: row.at.toISOString(), grant: row.grant }));
  }

  /**
   * The grants active at `now` and the feed position they reflect, read in one snapshot so that
   * following the feed from that position misses nothing and repeats nothing.
   */
  snapshot(now: Date): Promise<{ seq: string; grants: GrantState[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [{ seq }]: { seq: string }[] = await em.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM grant_changes`);
      const active = await em
        .getRepository(ExceptionGrantEntity)
        .createQueryBuilder('g')
        .where('g.revoked_at IS NULL AND g.expires_at > :now', { now })
        .orderBy('g.created_at', 'ASC')
        .addOrderBy('g.id', 'ASC')
        .getMany();
      const grants = active.map(grantStateOf);
      return { seq, grants };
    });
  }

  /**
   * One page of the active grants, ordered by id. The first page (no `afterId`) also answers the feed
   * position it reflects, read in the same snapshot. Later pages are read at their own time: a grant
   * created or revoked since then is in the feed after that position, and following the feed from it
   * applies the change again, so the copy a client builds ends up exact.
   */
  async snapshotPage(
    now: Date,
    afterId: string | null,
    limit: number,
  ): Promise<{ seq: string | null; grants: GrantState[]; more: boolean }> {
    const read = async (em: EntityManager) => {
      const query = em
        .getRepository(ExceptionGrantEntity)
        .createQueryBuilder('g')
        .where('g.revoked_at IS NULL AND g.expires_at > :now', { now })
        .orderBy('g.id', 'ASC')
        .limit(limit + 1);
      if (afterId) query.andWhere('g.id > :afterId', { afterId });
      const rows = await query.getMany();
      return { grants: rows.slice(0, limit).map(grantStateOf), more: rows.length > limit };
    };
    if (afterId) return { seq: null, ...(await read(this.dataSource.manager)) };
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [{ seq }]: { seq: string }[] = await em.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM grant_changes`);
      return { seq, ...(await read(em)) };
    });
  }

  /** Grants past their expiry with no "expired" change yet (a lost timer). */
  async expiredWithoutChange(now: Date, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT g.id FROM exception_grants g
        WHERE g.revoked_at IS NULL AND g.expires_at <= $1
          AND NOT EXISTS (SELECT 1 FROM grant_changes c WHERE c.grant_id = g.id AND c.type = 'expired')
        ORDER BY g.expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }
}
