import { Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../platform/clock.js';
import { QUEUES } from '../queue/jobs.js';
import { ShutdownSafeWorkerHost } from '../queue/worker-host.js';

const HOUR = 3_600_000;
/** Relayed outbox rows are kept a week for diagnosis, then dropped. */
const OUTBOX_RETENTION_MS = 7 * 24 * HOUR;

/** Hourly clean-up of tables that only grow: old idempotency keys and relayed outbox rows. */
@Injectable()
export class Maintenance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async purge(): Promise<{ idempotencyKeys: number; outboxJobs: number }> {
    const now = this.clock.now().getTime();
    const [, keys] = await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [new Date(now - this.config.idempotencyRetentionHours * HOUR)]);
    const [, jobs] = await this.dataSource.query(`DELETE FROM outbox_jobs WHERE relayed_at IS NOT NULL AND relayed_at < $1`, [new Date(now - OUTBOX_RETENTION_MS)]);
    return { idempotencyKeys: keys ?? 0, outboxJobs: jobs ?? 0 };
  }
}

@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends ShutdownSafeWorkerHost {
  constructor(private readonly maintenance: Maintenance) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== 'maintenance.purge') throw new Error(`unknown job ${job.name} on ${QUEUES.maintenance}`);
    return this.maintenance.purge();
  }
}

/** Worker role only. */
@Module({ providers: [Maintenance, MaintenanceProcessor] })
export class MaintenanceModule {}
