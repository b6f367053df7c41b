import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { MailService } from './mail.service.js';
import { workerOptions } from '../queue/worker-options.js';

/** Sends notices by e-mail (worker role); a failed send is retried on the webhooks' schedule. */
@Processor(QUEUES.mail, workerOptions(2))
export class MailProcessor extends QueueProcessor<typeof QUEUES.mail> {
  protected readonly handlers: JobHandlers<typeof QUEUES.mail> = {
    'mail.send': ({ notificationId }) => this.mail.send(notificationId),
  };

  constructor(private readonly mail: MailService) {
    super();
  }
}
