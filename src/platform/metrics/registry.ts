import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus registry and the series written on the request path. One registry per
 * process (a test boots several apps in one process, so the series are created once and shared).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const enforcementDecisions = new Counter({
  name: 'enforcement_decisions_total',
  help: 'Enforcement answers (status and evaluate) by decision',
  labelNames: ['decision'] as const,
  registers: [registry],
});

/** Children looked up once: the enforcement hot path counts without hashing labels each time. */
export const ENFORCEMENT_DECISION = {
  allow: enforcementDecisions.labels('allow'),
  exempt: enforcementDecisions.labels('exempt'),
  mfa_required: enforcementDecisions.labels('mfa_required'),
} as const;

type Observer = { observe(value: number): void };
const httpChildren = new Map<string, Observer>();

/**
 * Records one answered request. Children are kept per method, route template and status, so a request
 * costs one map look-up rather than prom-client's label hashing.
 */
export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  const key = `${method} ${route} ${status}`;
  let child = httpChildren.get(key);
  if (!child) {
    child = httpDuration.labels(method, route, String(status));
    httpChildren.set(key, child);
  }
  child.observe(seconds);
}
