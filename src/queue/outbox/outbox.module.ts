import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxJobEntity } from './outbox-job.entity.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { OutboxRepository } from './outbox.repository.js';

@Global()
@Module({})
export class OutboxModule {
  /** Every role writes to the outbox; only the worker role relays it to BullMQ. */
  static forRole(runsWorker: boolean): DynamicModule {
    return {
      module: OutboxModule,
      imports: [TypeOrmModule.forFeature([OutboxJobEntity])],
      providers: [OutboxRepository, ...(runsWorker ? [OutboxRelay] : [])],
      exports: [OutboxRepository],
    };
  }
}
