import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { SlaMonitor } from './sla-monitor.service.js';
import { workerOptions } from '../queue/worker-options.js';

/** SLA timers and the periodic reconciliation (worker role). */
@Processor(QUEUES.sla, workerOptions(4))
export class SlaProcessor extends QueueProcessor<typeof QUEUES.sla> {
  protected readonly handlers: JobHandlers<typeof QUEUES.sla> = {
    'sla.at_risk': ({ requestId }) => this.monitor.check(requestId),
    'sla.breached': ({ requestId }) => this.monitor.check(requestId),
    'sla.reconcile': () => this.monitor.reconcile(),
  };

  constructor(private readonly monitor: SlaMonitor) {
    super();
  }
}
