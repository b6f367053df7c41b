import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Clock } from '../../platform/clock.js';
import { QUEUE_REGISTRY } from '../queue.module.js';
import type { OutboxJobEntity } from './outbox-job.entity.js';
import { OutboxRepository } from './outbox.repository.js';

const BATCH = 100;
const REDIS_TIMEOUT_MS = 2000;

/**
 * Moves committed outbox rows into BullMQ (worker role). Delivery is at least once: a crash between
 * adding a job and marking its row relays it again, and the deterministic job id makes that a no-op.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(QUEUE_REGISTRY) private readonly queues: ReadonlyMap<string, Queue>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays one batch; answers how many rows were delivered. */
  relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = await this.outbox.lockPending(em, BATCH);
      const delivered: string[] = [];
      for (const row of rows) {
        try {
          await withTimeout(this.deliver(row), REDIS_TIMEOUT_MS);
          delivered.push(row.id);
        } catch (error) {
          // Redis is down or refused: keep the row (and the order) for the next round.
          await this.outbox.markFailed(em, row.id, (error as Error).message);
          this.logger.warn({ jobId: row.jobId, err: (error as Error).message }, 'outbox relay failed; will retry');
          break;
        }
      }
      await this.outbox.markRelayed(em, delivered, this.clock.now());
      return delivered.length;
    });
  }

  private async deliver(row: OutboxJobEntity): Promise<void> {
    const queue = this.queues.get(row.queue);
    if (!queue) throw new Error(`no queue named ${row.queue}`);
    if (row.action !== 'add') {
      // A timer that moved or was cancelled. A job of this id that is running right now cannot be
      // removed, and adding beside it would be a no-op: the row waits for the next round instead.
      const existing = await queue.getJob(row.jobId);
      if (existing) {
        if (await existing.isActive()) throw new Error(`job ${row.jobId} is running; will replace it next round`);
        await existing.remove();
      }
      if (row.action === 'remove') return;
    }
    const delay = row.runAt ? Math.max(0, row.runAt.getTime() - this.clock.now().getTime()) : 0;
    await queue.add(row.name, row.payload, { jobId: row.jobId, delay });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.relayOnce()
        .catch((error: Error) => {
          this.logger.warn({ err: error.message }, 'outbox relay round failed');
          return 0;
        })
        .then((count) => this.schedule(count === BATCH ? 0 : this.config.outboxPollMs));
    }, delayMs);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
