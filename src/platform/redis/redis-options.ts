import type { RedisOptions } from 'ioredis';
import type { RedisConnection } from '../../config/config.js';

/** ioredis options for REDIS_URL: the one place that turns the parsed URL into a connection. */
export function redisOptions<Extra extends RedisOptions = Record<never, never>>(connection: RedisConnection, extra?: Extra) {
  return {
    host: connection.host,
    port: connection.port,
    username: connection.username,
    password: connection.password,
    db: connection.db,
    ...(connection.tls ? { tls: {} } : {}),
    ...(extra as Extra),
  };
}

/**
 * For callers on a request's path (readiness, rate limits): a command fails at once while Redis is
 * away instead of waiting in an offline queue, so the request is answered within its budget.
 */
export const FAIL_FAST = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1000,
  commandTimeout: 1000,
} satisfies RedisOptions;
