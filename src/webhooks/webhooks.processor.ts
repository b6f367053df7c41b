import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookFanoutService } from './webhook-fanout.service.js';
import { WebhooksReconciler } from './webhooks-reconciler.js';
import { workerOptions } from '../queue/worker-options.js';

/** Works out each audit event's deliveries, and sweeps for work whose job was lost (worker role). */
@Processor(QUEUES.webhooks, workerOptions(4))
export class WebhookFanoutProcessor extends QueueProcessor<typeof QUEUES.webhooks> {
  protected readonly handlers: JobHandlers<typeof QUEUES.webhooks> = {
    'webhooks.fanout': ({ eventId }) => this.fanout.fanout(eventId),
    'webhooks.reconcile': () => this.reconciler.reconcile(),
  };

  constructor(
    private readonly fanout: WebhookFanoutService,
    private readonly reconciler: WebhooksReconciler,
  ) {
    super();
  }
}

/**
 * Sends deliveries (worker role). The delivery's row keeps the schedule (retry-schedule.ts): a failed
 * attempt, or one waiting for an earlier delivery of its request, puts the job back until the time
 * the row names. BullMQ's own retries are only for errors of the service (its database away).
 */
@Processor(QUEUES.webhookDeliveries, workerOptions(8))
export class WebhookDeliveryProcessor extends QueueProcessor<typeof QUEUES.webhookDeliveries> {
  protected readonly handlers: JobHandlers<typeof QUEUES.webhookDeliveries> = {
    'webhooks.deliver': ({ deliveryId, round }, job) => this.deliver(deliveryId, round, job),
  };

  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  private async deliver(deliveryId: string, round: number, job: Job): Promise<string> {
    const result = await this.deliveries.attempt(deliveryId, round);
    if (result.outcome === 'retry' || result.outcome === 'waiting') {
      await job.moveToDelayed(result.at.getTime(), job.token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
