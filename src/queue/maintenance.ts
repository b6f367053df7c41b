import { Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { Clock } from '../platform/clock.js';
import { IdempotencyRepository } from '../platform/idempotency/idempotency.repository.js';
import { QUEUES } from './jobs.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { QueueProcessor, type JobHandlers } from './worker-host.js';
import { workerOptions } from './worker-options.js';

const HOUR = 3_600_000;
/** Relayed outbox rows are kept a week for diagnosis, then dropped. */
const OUTBOX_RETENTION_MS = 7 * 24 * HOUR;

/** Hourly clean-up of tables that only grow: old idempotency keys and relayed outbox rows. */
@Injectable()
export class Maintenance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotencyKeys: IdempotencyRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async purge(): Promise<{ idempotencyKeys: number; outboxJobs: number }> {
    const now = this.clock.now().getTime();
    return {
      idempotencyKeys: await this.idempotencyKeys.purgeOlderThan(new Date(now - this.config.idempotencyRetentionHours * HOUR)),
      outboxJobs: await this.outbox.purgeRelayedBefore(this.dataSource.manager, new Date(now - OUTBOX_RETENTION_MS)),
    };
  }
}

@Processor(QUEUES.maintenance, workerOptions(1))
export class MaintenanceProcessor extends QueueProcessor<typeof QUEUES.maintenance> {
  protected readonly handlers: JobHandlers<typeof QUEUES.maintenance> = { 'maintenance.purge': () => this.maintenance.purge() };

  constructor(private readonly maintenance: Maintenance) {
    super();
  }
}

/** Worker role only. */
@Module({ providers: [Maintenance, MaintenanceProcessor] })
export class MaintenanceModule {}
