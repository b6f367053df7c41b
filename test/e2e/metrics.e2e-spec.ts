import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequestBody } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { isolatedDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { newSigningKey, partnerTenant, ROLE, TokenFactory } from '../support/tokens.js';

// api.md, "Operations": GET /metrics in Prometheus text, behind METRICS_TOKEN when it is set.

const TOKEN = 'scrape-token-0123456789abcdef';
const ROOT = resolve(import.meta.dirname, '../..');

/** The value of one series in a scrape, or undefined when it is absent. */
function valueOf(scrape: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of scrape.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let tokens: TokenFactory;
  let t: TestApp;

  const scrape = async () => {
    const res = await t.http.get('/metrics', { token: TOKEN });
    expect(res.status, res.text).toBe(200);
    return res.text;
  };

  beforeAll(async () => {
    db = await isolatedDatabase('metrics');
    tokens = new TokenFactory(await newSigningKey());
    t = await startTestApp({ ...db.env, METRICS_TOKEN: TOKEN }, tokens);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('requires METRICS_TOKEN as a bearer token when it is set (401 problem otherwise)', async () => {
    for (const token of [undefined, 'wrong-token-0123456789abcdef', `${TOKEN}x`]) {
      const res = await t.http.get('/metrics', { token });
      expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.text).not.toContain('http_server_request_duration_seconds');
    }
    const ok = await t.http.get('/metrics', { token: TOKEN });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("has every series api.md names, and Node's process metrics", async () => {
    await t.http.get('/health/live');
    const text = await scrape();
    for (const [name, labels] of [
      ['http_server_request_duration_seconds_bucket', { method: 'GET', route: '/health/live', status: '200', le: '0.1' }],
      ['review_queue_requests', { state: 'waiting' }],
      ['review_queue_requests', { state: 'in_review' }],
      ['review_queue_requests', { state: 'info_requested' }],
      ['review_queue_sla', { state: 'at_risk' }],
      ['review_queue_sla', { state: 'breached' }],
      ['sla_events_total', { type: 'sla.at_risk' }],
      ['sla_events_total', { type: 'sla.breached' }],
      ['grant_index_lag_seconds', {}],
      ['outbox_pending_jobs', {}],
      ['enforcement_held_polls', {}],
      ['enforcement_held_polls_limit', {}],
      ['webhook_deliveries_total', { result: 'delivered' }],
      ['webhook_deliveries_total', { result: 'failed' }],
      ['process_cpu_user_seconds_total', {}],
      ['nodejs_heap_size_used_bytes', {}],
    ] as const) {
      expect(valueOf(text, name, labels), `${name} ${JSON.stringify(labels)}`).toBeTypeOf('number');
    }
    expect(text).toMatch(/^# TYPE http_server_request_duration_seconds histogram$/m);
    expect(text).toMatch(/^# TYPE sla_events_total counter$/m);
    expect(text).toMatch(/^# TYPE enforcement_decisions_total counter$/m);
    // The grant index caught up less than a few seconds ago (it polls every 500 ms).
    expect(valueOf(text, 'grant_index_lag_seconds')).toBeLessThan(5);
  });

  it('moves as traffic flows: enforcement decisions, queue depth, request durations by route template', async () => {
    const enforcement = await tokens.mint({ role: ROLE.enforcement, app: true });
    const partner = await partnerTenant(tokens);
    const before = await scrape();
    const status = (userId: string) =>
      t.http.get(`/v1/enforcement/status?tenantId=${partner.tenantId}&userId=${userId}&surface=delegated_admin`, { token: enforcement });
    for (let i = 0; i < 3; i++) expect((await status(randomUUID())).status).toBe(200);
    const filed = await t.http.post('/v1/exception-requests', buildRequestBody(), { token: partner.adminAgent });
    expect(filed.status).toBe(201);
    expect((await t.http.get(`/v1/exception-requests/${filed.body.id}`, { token: partner.adminAgent })).status).toBe(200);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    expect(delta('enforcement_decisions_total', { decision: 'mfa_required' })).toBe(3);
    expect(delta('review_queue_requests', { state: 'waiting' })).toBe(1);
    expect(delta('http_server_request_duration_seconds_count', { method: 'GET', route: '/v1/enforcement/status', status: '200' })).toBe(3);
    expect(delta('http_server_request_duration_seconds_count', { method: 'POST', route: '/v1/exception-requests', status: '201' })).toBe(1);
    // The route is the template, never the id.
    expect(delta('http_server_request_duration_seconds_count', { method: 'GET', route: '/v1/exception-requests/:id', status: '200' })).toBe(
      1,
    );
    expect(after).not.toContain(filed.body.id);
  });

  it('has every series that the alert rules and the Grafana dashboard in ops/ use', async () => {
    const text = await scrape();
    const exposed = new Set<string>();
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exposed.add(name);
      if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) exposed.add(`${name}${suffix}`);
    }
    const alerts = readFileSync(join(ROOT, 'ops/prometheus/alerts.yml'), 'utf8');
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'ops/grafana/dashboards/mfa-exceptions.json'), 'utf8'));
    const expressions = [
      ...[...alerts.matchAll(/^\s+expr: (.+)$/gm)].map((m) => m[1]),
      ...dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) => panel.targets.map((target) => target.expr)),
    ];
    expect(expressions.length).toBeGreaterThan(15);
    // A series is a name followed by a selector or a range, or a name alone as an argument.
    const PROMQL = new Set(['by', 'le', 'max', 'sum', 'rate', 'increase', 'histogram_quantile', 'topk']);
    for (const expr of expressions) {
      const names = [...expr.replace(/"[^"]*"/g, '""').matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)]
        .map((m) => m[1]!)
        .filter((n) => !PROMQL.has(n) && n.includes('_'));
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect(exposed, `${name} in ${expr}`).toContain(name);
    }
  });

  it('is open when METRICS_TOKEN is not set', async () => {
    const open = await startTestApp({ ...db.env, PROCESS_ROLE: 'api' }, tokens);
    try {
      const res = await open.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(valueOf(res.text, 'outbox_pending_jobs')).toBeTypeOf('number');
    } finally {
      await open.close();
    }
  });
});
