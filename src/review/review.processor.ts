import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { ClaimsService } from './claims.service.js';
import { workerOptions } from '../queue/worker-options.js';

/** Lease timers and the periodic sweep for lapsed claims (worker role). */
@Processor(QUEUES.review, workerOptions(4))
export class ReviewProcessor extends QueueProcessor<typeof QUEUES.review> {
  protected readonly handlers: JobHandlers<typeof QUEUES.review> = {
    'review.claim_expired': ({ requestId }) => this.claims.expireClaim(requestId),
    'review.expire_claims': () => this.claims.expireLapsedClaims(),
  };

  constructor(private readonly claims: ClaimsService) {
    super();
  }
}
