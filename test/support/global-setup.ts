import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { dropDatabase, prepareDatabase } from '../../src/database/prepare-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    queuePrefix: string;
    redisUrl: string;
  }
}

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database and a BullMQ key prefix of this run's own, removed again at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/mfa_test_${runId}`;
  const databaseUrl = url.toString();
  const queuePrefix = `mfa-test-${runId}`;
  await prepareDatabase(databaseUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('queuePrefix', queuePrefix);
  project.provide('redisUrl', REDIS_URL);

  return async () => {
    await dropDatabase(databaseUrl);
    const redis = new Redis(REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };
}
