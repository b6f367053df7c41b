import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { GrantsService } from './grants.service.js';
import { workerOptions } from '../queue/worker-options.js';

/** Expiry notices, expiry records and their sweep (worker role). */
@Processor(QUEUES.grants, workerOptions(4))
export class GrantsProcessor extends QueueProcessor<typeof QUEUES.grants> {
  protected readonly handlers: JobHandlers<typeof QUEUES.grants> = {
    'grant.expiring': ({ grantId, daysBefore }) => this.grants.noticeExpiry(grantId, daysBefore),
    'grant.expired': ({ grantId }) => this.grants.expire(grantId),
    'grants.reconcile': () => this.grants.expireLapsed(),
  };

  constructor(private readonly grants: GrantsService) {
    super();
  }
}
