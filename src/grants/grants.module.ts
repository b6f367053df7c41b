import { Module, type DynamicModule } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { GrantFeedRepository } from './grant-feed.repository.js';
import { GrantsController } from './grants.controller.js';
import { GrantsProcessor } from './grants.processor.js';
import { GrantsRepository } from './grants.repository.js';
import { GrantsService } from './grants.service.js';

@Module({})
export class GrantsModule {
  static forRole(api: boolean, worker: boolean): DynamicModule {
    return {
      module: GrantsModule,
      global: true,
      imports: [NotificationsModule.forRole(false)],
      controllers: api ? [GrantsController] : [],
      providers: [GrantsRepository, GrantFeedRepository, GrantsService, ...(worker ? [GrantsProcessor] : [])],
      exports: [GrantsRepository, GrantFeedRepository, GrantsService],
    };
  }
}
