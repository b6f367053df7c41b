import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dropDatabase } from '../../src/database/prepare-database.js';
import { buildRequestBody, waitFor } from '../support/factories.js';
import { HttpClient } from '../support/http.js';

// The built service as an operator runs it: `node dist/src/main.js`, configured only by environment.
const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function baseEnv(): NodeJS.ProcessEnv {
  const { AUTH_JWKS_URL: _u, AUTH_JWKS_FILE: _f, AUTH_ISSUER: _i, AUTH_AUDIENCE: _a, ...env } = process.env;
  return { ...env, REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: inject('queuePrefix'), LOG_LEVEL: 'warn' };
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

describe('the service process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  });

  it('refuses to start on a malformed variable, naming it', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { ...baseEnv(), SLA_TIMEZONE: 'Mars/Olympus_Mons', PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('SLA_TIMEZONE');
    expect(result.stderr).toContain('PORT');
  });

  describe('started with development defaults', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'mfa-process-'));
    const url = new URL(inject('databaseUrl'));
    url.pathname = `${url.pathname}_process`;
    const databaseUrl = url.toString();
    let child: ChildProcess;
    let http: HttpClient;
    let output = '';

    beforeAll(async () => {
      const port = await freePort();
      // cwd is a fresh folder: the development key set is generated there, as on a new machine.
      child = spawn(process.execPath, [MAIN], {
        cwd: workDir,
        env: { ...baseEnv(), DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      http = new HttpClient(`http://127.0.0.1:${port}`);
      await waitFor(async () => (await http.get('/health/ready').catch(() => ({ status: 0 }))).status === 200, 40_000, 200).catch(
        (error) => {
          throw new Error(`service did not become ready: ${error.message}\n${output}`);
        },
      );
    }, 60_000);

    afterAll(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropDatabase(databaseUrl);
    });

    it('created its missing database and applied the migrations', async () => {
      expect(output).toContain('migrations applied');
    });

    it('accepts a token minted by `npm run token` with the generated development key', async () => {
      const tenant = randomUUID();
      // Minted asynchronously: a synchronous child blocks this process's event loop past the server's
      // keep-alive timeout, and the next request then goes out on a socket the server is closing.
      const mint = (...args: string[]) =>
        promisify(execFile)(TSX, [join(ROOT, 'scripts/mint-token.ts'), ...args], { cwd: workDir, encoding: 'utf8', timeout: 30_000 });
      const minted = await mint('--role', 'Partner.AdminAgent', '--tenant', tenant);
      const token = minted.stdout.trim();
      const filed = await http.post('/v1/exception-requests', buildRequestBody(), { token });
      expect(filed.status).toBe(201);
      expect(filed.body.tenantId).toBe(tenant);
      const sales = await mint('--role', 'Partner.SalesAgent', '--tenant', tenant);
      expect((await http.get('/v1/exception-requests', { token: sales.stdout.trim() })).status).toBe(403);
      // Staff roles are minted on the development platform tenant, the only one they count on.
      const reviewer = await mint('--role', 'Exceptions.Reviewer');
      expect((await http.get(`/v1/exception-requests/${filed.body.id}`, { token: reviewer.stdout.trim() })).status).toBe(200);
      const impostor = await mint('--role', 'Exceptions.Reviewer', '--tenant', randomUUID());
      expect((await http.get(`/v1/exception-requests/${filed.body.id}`, { token: impostor.stdout.trim() })).status).toBe(403);
    }, 60_000);

    it('shuts down gracefully on SIGTERM', async () => {
      // Nest closes every module (HTTP server, workers, pools), then re-raises the signal.
      const exited = new Promise<string>((done) => child.once('exit', (code, signal) => done(`${code}/${signal}`)));
      child.kill('SIGTERM');
      const how = await Promise.race([exited, new Promise<string>((done) => setTimeout(done, 15_000, 'timeout'))]);
      expect(['0/null', 'null/SIGTERM']).toContain(how);
      expect(output).not.toContain('"level":60');
    }, 20_000);
  });
});
