import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';

/** Cross-cutting services every capability may use. */
@Global()
@Module({ providers: [Clock, IdempotencyService], exports: [Clock, IdempotencyService] })
export class PlatformModule {}
