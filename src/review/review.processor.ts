import { Processor } from '@nestjs/bullmq';
import { QUEUES } from '../queue/jobs.js';
import { QueueProcessor, type JobHandlers } from '../queue/worker-host.js';
import { ReviewService } from './review.service.js';

/** Lease timers and the periodic sweep for lapsed claims (worker role). */
@Processor(QUEUES.review, { concurrency: 4 })
export class ReviewProcessor extends QueueProcessor<typeof QUEUES.review> {
  protected readonly handlers: JobHandlers<typeof QUEUES.review> = {
    'review.claim_expired': ({ requestId }) => this.review.expireClaim(requestId),
    'review.expire_claims': () => this.review.expireLapsedClaims(),
  };

  constructor(private readonly review: ReviewService) {
    super();
  }
}
