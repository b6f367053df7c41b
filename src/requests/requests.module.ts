import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlaModule } from '../sla/sla.module.js';
import { ExceptionRequestEntity } from './exception-request.entity.js';
import { ExceptionRequestsController } from './exception-requests.controller.js';
import { PrecheckController } from './precheck.controller.js';
import { RequestMessageEntity } from './request-message.entity.js';
import { RequestPresenter } from './request-presenter.js';
import { RequestTransitions } from './request-transitions.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

/** Filing (with its precheck) and reading requests; the lifecycle every later change goes through. */
@Module({
  imports: [TypeOrmModule.forFeature([ExceptionRequestEntity, RequestMessageEntity]), SlaModule],
  controllers: [PrecheckController, ExceptionRequestsController],
  providers: [RequestsRepository, RequestsService, RequestTransitions, RequestPresenter],
  exports: [RequestsRepository, RequestTransitions, RequestPresenter],
})
export class RequestsModule {}
