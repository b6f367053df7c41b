import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxAction = 'add' | 'replace' | 'remove';

/**
 * A queue job written in the same transaction as the change it derives from, then relayed to BullMQ.
 * If Redis is down the row waits here; nothing that was committed is lost.
 */
@Entity('outbox_jobs')
@Index('outbox_jobs_pending_idx', ['id'], { where: '"relayed_at" IS NULL' })
export class OutboxJobEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  queue: string;

  @Column('text')
  name: string;

  /** Deterministic BullMQ job id: relaying twice adds the job once, and a timer can be replaced. */
  @Column('text', { name: 'job_id' })
  jobId: string;

  @Column('jsonb')
  payload: object;

  /** When the job should run; null for at once. */
  @Column('timestamptz', { name: 'run_at', nullable: true })
  runAt: Date | null;

  /** add: add once; replace: remove a job of this id first (a timer that moved); remove: cancel it. */
  @Column('text', { default: 'add' })
  action: OutboxAction;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'relayed_at', nullable: true })
  relayedAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
