import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type JobPayloads } from '../queue/jobs.js';
import { ShutdownSafeWorkerHost } from '../queue/worker-host.js';
import { SlaMonitor } from './sla-monitor.service.js';

/** SLA timers and the periodic reconciliation (worker role). */
@Processor(QUEUES.sla, { concurrency: 4 })
export class SlaProcessor extends ShutdownSafeWorkerHost {
  constructor(private readonly monitor: SlaMonitor) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'sla.at_risk':
      case 'sla.breached':
        return this.monitor.check((job.data as JobPayloads['sla.at_risk']).requestId);
      case 'sla.reconcile':
        return this.monitor.reconcile();
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.sla}`);
    }
  }
}
