import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { QUEUES } from './jobs.js';

const RETRY_MS = 5000;

/**
 * The repeatable jobs (worker role): SLA reconciliation, the sweep for lapsed claims, the sweep
 * for grants whose expiry was not recorded, and the one for webhook work whose job was lost. Upserted
 * by id, so every worker instance may declare them; retried until Redis answers.
 */
@Injectable()
export class QueueSchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueSchedules.name);
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(QUEUES.sla) private readonly sla: Queue,
    @InjectQueue(QUEUES.review) private readonly review: Queue,
    @InjectQueue(QUEUES.grants) private readonly grants: Queue,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
    @InjectQueue(QUEUES.webhooks) private readonly webhooks: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.declare();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
  }

  private async declare(): Promise<void> {
    const every = this.config.reconcileIntervalMs;
    try {
      await this.sla.upsertJobScheduler('sla-reconcile', { every }, { name: 'sla.reconcile', data: {} });
      await this.review.upsertJobScheduler('review-expire-claims', { every }, { name: 'review.expire_claims', data: {} });
      await this.grants.upsertJobScheduler('grants-reconcile', { every }, { name: 'grants.reconcile', data: {} });
      await this.webhooks.upsertJobScheduler('webhooks-reconcile', { every }, { name: 'webhooks.reconcile', data: {} });
      await this.maintenance.upsertJobScheduler('maintenance-purge', { every: 3_600_000 }, { name: 'maintenance.purge', data: {} });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not declare repeatable jobs; retrying');
      this.retry = setTimeout(() => void this.declare(), RETRY_MS);
    }
  }
}
