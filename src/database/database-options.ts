import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { DEFAULT_POOL_SIZE } from '../config/config.js';

/**
 * The connection and the migrations. Entities are not listed here: each module registers its own
 * (TypeOrmModule.forFeature), and the migration CLI's data source lists them all (src/data-source.ts).
 */
export function dataSourceOptions(
  databaseUrl: string,
  entities: DataSourceOptions['entities'] = [],
  poolSize = DEFAULT_POOL_SIZE,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    // A connection that cannot be had within 5 s fails (503) instead of queueing the request forever.
    extra: { max: poolSize, application_name: 'mfa-exceptions', connectionTimeoutMillis: 5000, keepAlive: true },
  };
}
