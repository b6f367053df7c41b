import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExceptionGrantEntity } from './exception-grant.entity.js';
import { GrantChangeEntity } from './grant-change.entity.js';
import { GrantChangeWatchers } from './grant-change-watchers.js';
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
      imports: [TypeOrmModule.forFeature([ExceptionGrantEntity, GrantChangeEntity])],
      controllers: api ? [GrantsController] : [],
      providers: [GrantsRepository, GrantFeedRepository, GrantsService, GrantChangeWatchers, ...(worker ? [GrantsProcessor] : [])],
      exports: [GrantsRepository, GrantFeedRepository, GrantsService, GrantChangeWatchers],
    };
  }
}
