import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationEntity } from './notification.entity.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsProcessor } from './notifications.processor.js';
import { NotificationsRepository } from './notifications.repository.js';

@Global()
@Module({})
export class NotificationsModule {
  /** Every role records notifications; the processor (a BullMQ worker) runs in the worker and all roles. */
  static forRole(runsWorker: boolean): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [TypeOrmModule.forFeature([NotificationEntity])],
      controllers: [NotificationsController],
      providers: [NotificationsRepository, ...(runsWorker ? [NotificationsProcessor] : [])],
      exports: [NotificationsRepository],
    };
  }
}
