import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
import { IdempotencyRepository } from './idempotency/idempotency.repository.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';

/** Cross-cutting services every capability may use. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKeyEntity])],
  providers: [Clock, IdempotencyRepository, IdempotencyService],
  exports: [Clock, IdempotencyRepository, IdempotencyService],
})
export class PlatformModule {}
