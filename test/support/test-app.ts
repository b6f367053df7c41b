import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createHttpApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { dropDatabase, prepareDatabase } from '../../src/database/prepare-database.js';
import { HttpClient } from './http.js';
import { newSigningKey, PLATFORM_TENANT_ID, TEST_AUDIENCE, TEST_ISSUER, TokenFactory, writeJwksFile } from './tokens.js';

/** A log destination that keeps every JSON line the app writes, for tests that read the logs. */
export class LogLines {
  readonly lines: Record<string, unknown>[] = [];
  write(line: string): void {
    this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  /** Lines at pino level `error` (50) or above. */
  errors(): Record<string, unknown>[] {
    return this.lines.filter((line) => Number(line.level) >= 50);
  }
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly http: HttpClient;
  readonly baseUrl: string;
  readonly db: DataSource;
  readonly tokens: TokenFactory;
  close(): Promise<void>;
}

/** The environment of a test app: this run's database and queue prefix, a key set of the test's own. */
export function testEnv(jwksFile: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: inject('queuePrefix'),
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    AUTH_JWKS_FILE: jwksFile,
    AUTH_PLATFORM_TENANT_ID: PLATFORM_TENANT_ID,
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    CORS_ORIGINS: 'https://support.partner-portal.test',
    // Tests file hundreds of requests a minute for one tenant; the rate limit has tests of its own.
    RATE_LIMIT_WRITES_PER_MINUTE: '0',
    RATE_LIMIT_READS_PER_MINUTE: '0',
    ...overrides,
  };
}

/**
 * Boots the service through the same bootstrap as production, listening on a free loopback port, so
 * that tests speak real HTTP to it.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  tokens?: TokenFactory,
  options: { logs?: LogLines; port?: number } = {},
): Promise<TestApp> {
  const factory = tokens ?? new TokenFactory(await newSigningKey('RS256'));
  const config = loadConfig(testEnv(writeJwksFile([factory.key]), overrides));
  const app = await createHttpApp(config, { logDestination: options.logs });
  // A given port: a test that stops the service and starts it again where its clients expect it.
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    config,
    baseUrl,
    http: new HttpClient(baseUrl),
    db: app.get(DataSource),
    tokens: factory,
    close: () => app.close(),
  };
}

/**
 * A database and a queue prefix of the test file's own, for tests that must see the whole review
 * queue, outbox or timers (other files share the run's database, and their workers would take jobs
 * meant for this one). Start apps with `env`; `drop()` after the file.
 */
export async function isolatedDatabase(suffix: string): Promise<{ url: string; env: Record<string, string>; drop: () => Promise<void> }> {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `${url.pathname}_${suffix}`;
  await prepareDatabase(url.toString());
  return {
    url: url.toString(),
    env: { DATABASE_URL: url.toString(), QUEUE_PREFIX: `${inject('queuePrefix')}-${suffix}` },
    drop: () => dropDatabase(url.toString()),
  };
}

/** A whole-day, every-day calendar with a target of `seconds`: SLA events happen within the test. */
export function fastSlaEnv(seconds: number): Record<string, string> {
  return {
    SLA_WORKING_HOURS: '00:00-24:00',
    SLA_WEEKEND: '',
    SLA_HOLIDAY_COUNTRY: '',
    SLA_BUSINESS_DAYS: (seconds / 86_400).toFixed(8),
  };
}
