import { Processor } from '@nestjs/bullmq';
import { Clock } from '../platform/clock.js';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { NotificationsRepository } from './notifications.repository.js';
import { workerOptions } from '../queue/worker-options.js';

/** Turns domain events into notification records (worker role). Safe to run a job twice. */
@Processor(QUEUES.notifications, workerOptions(4))
export class NotificationsProcessor extends QueueProcessor<typeof QUEUES.notifications> {
  protected readonly handlers: JobHandlers<typeof QUEUES.notifications> = {
    'request.filed': ({ requestId }) =>
      this.notifications.record(
        {
          kind: 'request.filed',
          audience: 'reviewers',
          tenantId: null,
          requestId,
          dedupeKey: `request.filed:${requestId}`,
          payload: { requestId },
        },
        this.clock.now(),
      ),
    // The partner's admins hear of a decision or a question; the tenant is read from the request.
    'request.decided': (payload, job) => this.forPartner('request.decided', payload, job.id),
    'request.info_requested': (payload, job) => this.forPartner('request.info_requested', payload, job.id),
  };

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  private forPartner(kind: string, payload: { requestId: string }, jobId: string | undefined) {
    return this.notifications.recordForRequestTenant(
      { kind, audience: 'partner_admins', requestId: payload.requestId, dedupeKey: `${kind}:${jobId}`, payload: { ...payload } },
      this.clock.now(),
    );
  }
}
