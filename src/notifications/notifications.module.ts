import { Module, type DynamicModule } from '@nestjs/common';
import { NotificationsProcessor } from './notifications.processor.js';
import { NotificationsRepository } from './notifications.repository.js';

@Module({})
export class NotificationsModule {
  /** The processor (a BullMQ worker) is only created in the worker and all roles. */
  static forRole(runsWorker: boolean): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [NotificationsRepository, ...(runsWorker ? [NotificationsProcessor] : [])],
      exports: [NotificationsRepository],
    };
  }
}
