import 'reflect-metadata';
import { startService } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/config.js';
import { prepareDatabase } from './database/prepare-database.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const applied = await prepareDatabase(config.databaseUrl);
  if (applied.length > 0) process.stdout.write(`${JSON.stringify({ msg: 'migrations applied', migrations: applied })}\n`);
  await startService(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'start failed', err: String((error as Error)?.stack ?? error) })}\n`);
  process.exit(1);
});
