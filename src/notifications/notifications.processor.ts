import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { Clock } from '../platform/clock.js';
import { QUEUES, type JobPayloads } from '../queue/jobs.js';
import { ShutdownSafeWorkerHost } from '../queue/worker-host.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Turns domain events into notification records (worker role). Safe to run a job twice. */
@Processor(QUEUES.notifications, { concurrency: 4 })
export class NotificationsProcessor extends ShutdownSafeWorkerHost {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    switch (job.name) {
      case 'request.filed': {
        const { requestId } = job.data as JobPayloads['request.filed'];
        await this.notifications.record(
          {
            kind: 'request.filed',
            audience: 'reviewers',
            tenantId: null,
            requestId,
            dedupeKey: `request.filed:${requestId}`,
            payload: { requestId },
          },
          this.clock.now(),
        );
        return;
      }
      case 'request.decided':
      case 'request.info_requested': {
        // The partner's admins hear of a decision or a question; the tenant is read from the request.
        const { requestId } = job.data as JobPayloads['request.decided'];
        await this.notifications.recordForRequestTenant(
          { kind: job.name, audience: 'partner_admins', requestId, dedupeKey: `${job.name}:${job.id}`, payload: { ...(job.data as object) } },
          this.clock.now(),
        );
        return;
      }
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.notifications}`);
    }
  }
}
