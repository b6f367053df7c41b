// npm run bench:filing — POST /v1/exception-requests (with an Idempotency-Key) at 20 connections, beside
// a bare `pg` baseline: 20 clients each committing the same writes in one transaction (the idempotency
// key, the request row, its audit event and its outbox rows), copied from a request the service filed.
// Both against the same PostgreSQL in the same run. Prints requests/s, p99, errors, the ratio and the
// machine. BENCH_ROUNDS and BENCH_DURATION_S adjust the run; SERVICE_ENV adds variables (A=1,B=2) and
// SERVICE_NODE_ARGS flags to node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { dropDatabase, prepareDatabase } from '../src/database/prepare-database.js';
import { buildRequestBody } from '../test/support/factories.js';
import { newSigningKey, ROLE, TEST_AUDIENCE, TEST_ISSUER, TokenFactory, writeJwksFile } from '../test/support/tokens.js';
import { cpuMs, freePort, SERVICE_NODE_FLAGS, waitUntilUp } from './processes.js';
import { describeMachine, percentile } from './machine.js';

const CONNECTIONS = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const WARMUP_S = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Filings spread over this many partner tenants, so the default rate limit (120 writes/min each) stays on and unreached. */
const TENANTS = 600;
const ROOT = resolve(import.meta.dirname, '..');

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  readonly total: number;
  /** CPU time of the service process per filing (all its threads), in microseconds. */
  readonly cpuUsPerRequest?: number | null;
}

async function fileThroughService(url: string, tokens: readonly string[], seconds: number, pid?: number): Promise<Run> {
  const body = JSON.stringify(buildRequestBody());
  let n = 0;
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[n++ % tokens.length]}`,
            'idempotency-key': randomUUID(),
          },
        }),
      },
    ],
  });
  const cpuAfter = cpuMs(pid);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
  };
}

interface Template {
  readonly table: string;
  readonly columns: string[];
  readonly rows: Record<string, unknown>[];
}

/** The rows one filing wrote, as templates for the baseline (generated columns left to the database). */
async function templatesOf(db: pg.Client, requestId: string, tenantId: string): Promise<Template[]> {
  const read = async (table: string, where: string, params: unknown[], generated: string[] = []): Promise<Template> => {
    const { rows } = await db.query(`SELECT * FROM ${table} WHERE ${where}`, params);
    if (rows.length === 0) throw new Error(`the filing wrote nothing to ${table}`);
    const columns = Object.keys(rows[0]).filter((c) => !generated.includes(c));
    return { table, columns, rows };
  };
  return [
    await read('idempotency_keys', 'tenant_id = $1', [tenantId]),
    await read('exception_requests', 'id = $1', [requestId]),
    await read('audit_events', 'request_id = $1', [requestId], ['seq']),
    await read(
      'outbox_jobs',
      `payload->>'requestId' = $1 OR payload->>'eventId' IN (SELECT id::text FROM audit_events WHERE request_id = $1::uuid)`,
      [requestId],
      ['id'],
    ),
  ];
}

/** 20 clients, each committing one filing's writes per transaction, for `seconds`. */
async function fileThroughBarePg(databaseUrl: string, templates: readonly Template[], seconds: number): Promise<Run> {
  const statements = templates.map(({ table, columns, rows }) => {
    const placeholders = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    return { table, sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, columns, rows };
  });
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < end) {
        const started = performance.now();
        const ids: Record<string, string> = { request: randomUUID(), event: randomUUID(), key: randomUUID() };
        try {
          await client.query('BEGIN');
          for (const { table, sql, columns, rows } of statements) {
            const values = rows.flatMap((row) => columns.map((c) => fresh(table, c, row[c], ids)));
            await client.query(sql, values);
          }
          await client.query('COMMIT');
          latencies.push(performance.now() - started);
        } catch (error) {
          errors++;
          await client.query('ROLLBACK').catch(() => undefined);
          if (errors === 1) console.error((error as Error).message);
        }
      }
    }),
  );
  await Promise.all(clients.map((client) => client.end()));
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: Math.round(percentile(latencies, 99)), errors, total: latencies.length };
}

/** A template value with new ids, so that each transaction writes new rows. */
function fresh(table: string, column: string, value: unknown, ids: Record<string, string>): unknown {
  if (table === 'idempotency_keys' && column === 'key') return ids.key;
  if (table === 'exception_requests' && column === 'id') return ids.request;
  if (table === 'audit_events' && column === 'id') return ids.event;
  if (column === 'request_id') return ids.request;
  // jsonb columns go as JSON text; arrays (uuid[], text[]) and dates as pg sends them.
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

function median(runs: Run[]): Run {
  return [...runs].sort((x, y) => x.rps - y.rps)[Math.floor(runs.length / 2)];
}

async function main() {
  const children: ChildProcess[] = [];
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/mfa_bench_filing_${Date.now().toString(36)}`;
  try {
    await prepareDatabase(databaseUrl);
    const signing = new TokenFactory(await newSigningKey('ES256'));
    const tenants = Array.from({ length: TENANTS }, () => randomUUID());
    const tokens = await Promise.all(tenants.map((tenantId) => signing.mint({ role: ROLE.adminAgent, tenantId, expiresInSeconds: 3600 })));
    const port = await freePort();
    const extra = Object.fromEntries(
      (process.env.SERVICE_ENV ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    );
    const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const service = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, resolve(ROOT, 'dist/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        PROCESS_ROLE: 'api',
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: `mfa-bench-${Date.now().toString(36)}`,
        AUTH_JWKS_FILE: writeJwksFile([signing.key]),
        AUTH_ISSUER: TEST_ISSUER,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        AUTH_PLATFORM_TENANT_ID: randomUUID(),
        LOG_LEVEL: 'warn',
        ...extra,
      },
      stdio: 'inherit',
    });
    children.push(service);
    const base = `http://127.0.0.1:${port}`;
    await waitUntilUp(`${base}/health/live`, service);

    // One filing through the service: the rows it writes are the baseline's templates.
    const first = await fetch(`${base}/v1/exception-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(buildRequestBody()),
    });
    if (first.status !== 201) throw new Error(`filing answered ${first.status}: ${await first.text()}`);
    const { id } = (await first.json()) as { id: string };
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const templates = await templatesOf(db, id, tenants[0]);
    await db.end();

    const url = `${base}/v1/exception-requests`;
    await fileThroughBarePg(databaseUrl, templates, WARMUP_S);
    await fileThroughService(url, tokens, WARMUP_S);
    const bareRuns: Run[] = [];
    const serviceRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await fileThroughBarePg(databaseUrl, templates, DURATION_S));
      serviceRuns.push(await fileThroughService(url, tokens, DURATION_S, service.pid));
    }
    const baseline = median(bareRuns);
    const measured = median(serviceRuns);
    const errors = serviceRuns.reduce((sum, run) => sum + run.errors, 0);
    const ratio = measured.rps / baseline.rps;
    const writes = templates.map((t) => `${t.rows.length} ${t.table}`).join(', ');
    console.log(`machine: ${describeMachine()}`);
    console.log(
      `${CONNECTIONS} connections / clients, ${ROUNDS} alternating rounds of ${DURATION_S} s after a ${WARMUP_S} s warm-up; medians`,
    );
    console.log(
      `bare pg transaction (${writes}): ${Math.round(baseline.rps)} tx/s, p99 ${baseline.p99} ms (runs: ${bareRuns.map((r) => Math.round(r.rps)).join(', ')}), errors ${bareRuns.reduce((s, r) => s + r.errors, 0)}`,
    );
    console.log(
      `POST /v1/exception-requests:  ${Math.round(measured.rps)} req/s, p99 ${measured.p99} ms (runs: ${serviceRuns.map((r) => Math.round(r.rps)).join(', ')}), errors ${errors} in ${serviceRuns.reduce((s, r) => s + r.total, 0)} requests`,
    );
    const cpu = serviceRuns.map((run) => run.cpuUsPerRequest).filter((value): value is number => typeof value === 'number');
    if (cpu.length) {
      // The service's own CPU per filing: the part of a filing this project's code decides.
      console.log(`service CPU per filing (median): ${[...cpu].sort((x, y) => x - y)[Math.floor(cpu.length / 2)].toFixed(0)} µs`);
    }
    console.log(`ratio: ${(ratio * 100).toFixed(1)}% of the bare pg transaction`);
    const met = ratio >= 0.6 && measured.p99 < 150 && errors === 0;
    console.log(`bar (>= 60% of bare pg, p99 < 150 ms, zero errors): ${met ? 'met' : 'NOT met'}`);
    process.exitCode = met ? 0 : 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)))));
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

await main();
