import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type JobPayloads } from '../queue/jobs.js';
import { ShutdownSafeWorkerHost } from '../queue/worker-host.js';
import { GrantsService } from './grants.service.js';

/** Expiry notices, expiry records and their sweep (worker role). */
@Processor(QUEUES.grants, { concurrency: 4 })
export class GrantsProcessor extends ShutdownSafeWorkerHost {
  constructor(private readonly grants: GrantsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'grant.expiring': {
        const { grantId, daysBefore } = job.data as JobPayloads['grant.expiring'];
        return this.grants.noticeExpiry(grantId, daysBefore);
      }
      case 'grant.expired':
        return this.grants.expire((job.data as JobPayloads['grant.expired']).grantId);
      case 'grants.reconcile':
        return this.grants.expireLapsed();
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.grants}`);
    }
  }
}
