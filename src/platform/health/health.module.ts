import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/config.js';
import { FAIL_FAST, redisOptions } from '../redis/redis-options.js';
import { HealthController } from './health.controller.js';

import { HEALTH_REDIS } from './health.tokens.js';

class RedisProbeCloser implements OnApplicationShutdown {
  constructor(@Inject(HEALTH_REDIS) private readonly redis: Redis) {}
  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

@Module({})
export class HealthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        {
          provide: HEALTH_REDIS,
          // A connection of its own that fails fast: readiness must not hang while Redis is away.
          useFactory: () => {
            const redis = new Redis(redisOptions(config.redis, FAIL_FAST));
            // Errors surface as a 'down' readiness, not as unhandled events.
            redis.on('error', () => undefined);
            return redis;
          },
        },
        RedisProbeCloser,
      ],
    };
  }
}
