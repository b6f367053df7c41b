import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES, type JobPayloads } from '../queue/jobs.js';
import { ShutdownSafeWorkerHost } from '../queue/worker-host.js';
import { ReviewService } from './review.service.js';

/** Lease timers and the periodic sweep for lapsed claims (worker role). */
@Processor(QUEUES.review, { concurrency: 4 })
export class ReviewProcessor extends ShutdownSafeWorkerHost {
  constructor(private readonly review: ReviewService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case 'review.claim_expired':
        return this.review.expireClaim((job.data as JobPayloads['review.claim_expired']).requestId);
      case 'review.expire_claims':
        return this.review.expireLapsedClaims();
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUES.review}`);
    }
  }
}
