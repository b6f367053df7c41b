import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../config/config.js';
import { redisOptions } from '../platform/redis/redis-options.js';
import { QUEUES } from './jobs.js';
import { QueueSchedules } from './schedules.js';

export const QUEUE_REGISTRY = Symbol('QUEUE_REGISTRY');

const queueNames = Object.values(QUEUES);

/** BullMQ on Redis: the connection, every queue, and a by-name registry for the outbox relay. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const worker = config.processRole !== 'api';
    const connection = redisOptions(config.redis);
    // Deliveries to other systems and people are retried on their own, slower schedule (a receiver
    // may be down for hours); internal work retries quickly.
    const outward = { attempts: config.webhooks.maxAttempts, backoff: { type: 'exponential', delay: config.webhooks.retryBaseMs } };
    const retries: Partial<Record<string, typeof outward>> = { [QUEUES.webhookDeliveries]: outward, [QUEUES.mail]: outward };
    const queues = BullModule.registerQueue(
      ...queueNames.map((name) => ({
        name,
        // Producers fail fast when Redis is away; the outbox keeps the job and retries.
        connection: { ...connection, enableOfflineQueue: false },
        defaultJobOptions: {
          ...(retries[name] ?? { attempts: 8, backoff: { type: 'exponential', delay: 1000 } }),
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      })),
    );
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection, prefix: config.queuePrefix }), queues],
      providers: [
        ...(worker ? [QueueSchedules] : []),
        {
          provide: QUEUE_REGISTRY,
          inject: queueNames.map((name) => getQueueToken(name)),
          useFactory: (...instances: Queue[]) => {
            const logger = new Logger('Queues');
            // Connection errors go to the structured log; the outbox retries what could not be added.
            for (const queue of instances)
              queue.on('error', (error) => logger.warn({ queue: queue.name, err: error.message }, 'queue connection error'));
            return new Map(instances.map((queue) => [queue.name, queue]));
          },
        },
      ],
      exports: [queues, QUEUE_REGISTRY],
    };
  }
}
