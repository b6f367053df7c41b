import { Module } from '@nestjs/common';
import { ExceptionRequestsController } from './exception-requests.controller.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

@Module({
  controllers: [ExceptionRequestsController],
  providers: [RequestsRepository, RequestsService],
  exports: [RequestsRepository],
})
export class RequestsModule {}
