import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ExceptionRequestEntity } from '../requests/exception-request.entity.js';

export interface QueueCounts {
  waiting: number;
  inReview: number;
  infoRequested: number;
  atRisk: number;
  breached: number;
  decided: number;
  oldestWaitingId: string | null;
  oldestWaitingSince: Date | null;
  medianBusinessMsToDecision: number | null;
}

interface CountsRow {
  waiting: number;
  in_review: number;
  info_requested: number;
  at_risk: number;
  breached: number;
  decided: number;
  median_ms: string | number | null;
}

// Waiting: in the queue, or claimed with a lapsed lease (the reaper may not have run yet).
const WAITING = `(r.status = 'submitted' OR (r.status = 'in_review' AND r.claim_expires_at <= :now))`;

@Injectable()
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The waiting request due first (ties: oldest first), locked for the caller's transaction.
   * SKIP LOCKED lets parallel claims each take a different row instead of queueing on one.
   */
  lockNextWaiting(em: EntityManager, now: Date, reviewerTenantId: string): Promise<ExceptionRequestEntity | null> {
    return (
      em
        .getRepository(ExceptionRequestEntity)
        .createQueryBuilder('r')
        .where(WAITING, { now })
        // A reviewer may not decide their own tenant's requests: those come only when nothing else waits.
        .orderBy('(r.tenant_id = :reviewerTenantId)', 'ASC')
        .setParameter('reviewerTenantId', reviewerTenantId)
        .addOrderBy('r.sla_due_at', 'ASC')
        .addOrderBy('r.created_at', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne()
    );
  }

  async lapsedClaimIds(now: Date, limit = 100): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ExceptionRequestEntity)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where(`r.status = 'in_review' AND r.claim_expires_at <= :now`, { now })
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async counts(now: Date): Promise<QueueCounts> {
    const [row]: CountsRow[] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE ${WAITING.replaceAll(':now', '$1')})::int AS waiting,
         count(*) FILTER (WHERE r.status = 'in_review' AND r.claim_expires_at > $1)::int AS in_review,
         count(*) FILTER (WHERE r.status = 'info_requested')::int AS info_requested,
         count(*) FILTER (WHERE r.status IN ('submitted', 'in_review') AND r.sla_state = 'at_risk')::int AS at_risk,
         count(*) FILTER (WHERE r.status IN ('submitted', 'in_review', 'info_requested') AND r.sla_state = 'breached')::int AS breached,
         count(*) FILTER (WHERE r.status IN ('approved', 'rejected'))::int AS decided,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY r.business_ms_to_decision) AS median_ms
       FROM exception_requests r`,
      [now],
    );
    const [oldest]: ({ id: string; created_at: Date } | undefined)[] = await this.dataSource.query(
      `SELECT r.id, r.created_at FROM exception_requests r WHERE ${WAITING.replaceAll(':now', '$1')} ORDER BY r.created_at, r.id LIMIT 1`,
      [now],
    );
    return {
      waiting: row.waiting,
      inReview: row.in_review,
      infoRequested: row.info_requested,
      atRisk: row.at_risk,
      breached: row.breached,
      decided: row.decided,
      oldestWaitingId: oldest?.id ?? null,
      oldestWaitingSince: oldest?.created_at ?? null,
      medianBusinessMsToDecision: row.median_ms === null ? null : Number(row.median_ms),
    };
  }
}
