import { Module, type DynamicModule } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { ReviewActionsController, ReviewQueueController } from './review.controller.js';
import { ReviewProcessor } from './review.processor.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewService } from './review.service.js';

@Module({})
export class ReviewModule {
  static forRole(api: boolean, worker: boolean): DynamicModule {
    return {
      module: ReviewModule,
      imports: [RequestsModule, SlaModule],
      controllers: api ? [ReviewQueueController, ReviewActionsController] : [],
      providers: [ReviewRepository, ReviewService, ...(worker ? [ReviewProcessor] : [])],
    };
  }
}
