import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    // A connection that cannot be had within 5 s fails (503) instead of queueing the request forever.
    extra: { max: 20, application_name: 'mfa-exceptions', connectionTimeoutMillis: 5000, keepAlive: true },
  };
}
