import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { ClaimLease } from './claim-lease.js';
import { ExceptionRequestsController } from './exception-requests.controller.js';
import { RequestTransitions } from './request-transitions.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

@Module({
  imports: [SlaModule],
  controllers: [ExceptionRequestsController],
  providers: [RequestsRepository, RequestsService, RequestTransitions, ClaimLease],
  exports: [RequestsRepository, RequestsService, RequestTransitions, ClaimLease],
})
export class RequestsModule {}
