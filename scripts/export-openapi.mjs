// npm run openapi:update — boots the built service on a scratch database, writes its live OpenAPI
// document to openapi/openapi.json and the types a client is built from to openapi/schema.d.ts. A
// test fails when the committed document and the live one disagree, so both stay true. (Plain
// JavaScript on dist/: Nest needs the decorator metadata that only the TypeScript build emits.)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createHttpApp } from '../dist/src/bootstrap.js';
import { loadConfig } from '../dist/src/config/config.js';
import { dropDatabase, prepareDatabase } from '../dist/src/database/prepare-database.js';
import { normalizedDocument } from '../dist/src/openapi-document.js';

const admin = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
admin.pathname = `/mfa_openapi_${randomBytes(4).toString('hex')}`;
const databaseUrl = admin.toString();
await prepareDatabase(databaseUrl);
try {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PROCESS_ROLE: 'api', LOG_LEVEL: 'error', NODE_ENV: 'development' };
  const app = await createHttpApp(loadConfig(env));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address();
  const document = await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json();
  await app.close();
  writeFileSync('openapi/openapi.json', `${JSON.stringify(normalizedDocument(document), null, 2)}\n`);
  // Defaults are not promises that a body carries the field (a request may leave it out).
  execFileSync('npx', ['openapi-typescript', 'openapi/openapi.json', '--default-non-nullable', 'false', '-o', 'openapi/schema.d.ts'], {
    stdio: 'inherit',
  });
} finally {
  await dropDatabase(databaseUrl);
}
