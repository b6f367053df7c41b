import { Module, type DynamicModule } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { ClaimLease } from './claim-lease.js';
import { ClaimsService } from './claims.service.js';
import { ClassificationReportController, ClassificationReportRepository } from './classification-report.js';
import { ConversationController } from './conversation.controller.js';
import { ConversationService } from './conversation.service.js';
import { ReviewActionsController, ReviewQueueController } from './review.controller.js';
import { ReviewProcessor } from './review.processor.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewService } from './review.service.js';
import { SlaMonitor } from './sla-monitor.service.js';
import { SlaProcessor } from './sla.processor.js';

/**
 * Everything that moves a filed request: claims and their leases, the conversation, information
 * requests, decisions, the SLA timers of the queue, and the report on the classifier's agreement.
 */
@Module({})
export class ReviewModule {
  static forRole(api: boolean, worker: boolean): DynamicModule {
    return {
      module: ReviewModule,
      imports: [RequestsModule, SlaModule],
      controllers: api ? [ReviewQueueController, ReviewActionsController, ConversationController, ClassificationReportController] : [],
      providers: [
        ReviewRepository,
        ReviewService,
        ClaimsService,
        ClaimLease,
        ConversationService,
        ClassificationReportRepository,
        ...(worker ? [ReviewProcessor, SlaMonitor, SlaProcessor] : []),
      ],
    };
  }
}
