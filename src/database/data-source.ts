// The data source the TypeORM CLI uses (migration:generate/run/revert): same options as the service.
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions } from './database-options.js';

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
