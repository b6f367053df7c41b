import { Injectable } from '@nestjs/common';
import { In, LessThan, type EntityManager } from 'typeorm';
import type { JobSpec } from '../jobs.js';
import { OutboxJobEntity } from './outbox-job.entity.js';

@Injectable()
export class OutboxRepository {
  /** Records a job in the caller's transaction: it reaches the queue only if the change commits. */
  async enqueue(em: EntityManager, jobs: JobSpec | readonly JobSpec[], now: Date): Promise<void> {
    const rows = this.rowsOf(isJobList(jobs) ? jobs : [jobs], now);
    if (rows.length > 0) await em.insert(OutboxJobEntity, rows);
  }

  /** The rows of these jobs, for a caller that writes them itself (filing). */
  rowsOf(
    jobs: readonly JobSpec[],
    now: Date,
  ): Pick<OutboxJobEntity, 'queue' | 'name' | 'jobId' | 'payload' | 'runAt' | 'action' | 'createdAt'>[] {
    return jobs.map((job) => ({
      queue: job.queue,
      name: job.name,
      jobId: job.jobId,
      payload: job.payload,
      runAt: job.runAt ?? null,
      action: job.action ?? 'add',
      createdAt: now,
    }));
  }

  /** The oldest pending rows, locked so that relays running side by side share the work. */
  lockPending(em: EntityManager, limit: number): Promise<OutboxJobEntity[]> {
    return em
      .createQueryBuilder(OutboxJobEntity, 'job')
      .where('job.relayed_at IS NULL')
      .orderBy('job.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markRelayed(em: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length > 0) await em.update(OutboxJobEntity, { id: In(ids) }, { relayedAt: at });
  }

  async markFailed(em: EntityManager, id: string, error: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(OutboxJobEntity)
      .set({ attempts: () => 'attempts + 1', lastError: error.slice(0, 2000) })
      .where('id = :id', { id })
      .execute();
  }

  /** Drops rows relayed before `before`; answers how many. */
  async purgeRelayedBefore(em: EntityManager, before: Date): Promise<number> {
    const result = await em.delete(OutboxJobEntity, { relayedAt: LessThan(before) });
    return result.affected ?? 0;
  }
}

function isJobList(jobs: JobSpec | readonly JobSpec[]): jobs is readonly JobSpec[] {
  return Array.isArray(jobs);
}
