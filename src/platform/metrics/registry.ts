import { collectDefaultMetrics, Counter, Registry, type Metric } from 'prom-client';
import { RequestDurations } from './request-durations.js';

/**
 * The service's Prometheus registry and the series written on the request path. One registry per
 * process (a test boots several apps in one process, so the series are created once and shared).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const HTTP_DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
export const httpDuration = new RequestDurations(
  'http_server_request_duration_seconds',
  'HTTP requests by method, route template and status',
  HTTP_DURATION_BUCKETS,
);
registry.registerMetric(httpDuration as unknown as Metric);

type Decision = 'allow' | 'exempt' | 'mfa_required';
/** Counted on the hot path as plain numbers; added to the counter when it is read (a scrape). */
const uncounted: Record<Decision, number> = { allow: 0, exempt: 0, mfa_required: 0 };

export const enforcementDecisions = new Counter({
  name: 'enforcement_decisions_total',
  help: 'Enforcement answers (status and evaluate) by decision',
  labelNames: ['decision'] as const,
  registers: [registry],
  collect() {
    for (const decision of Object.keys(uncounted) as Decision[]) {
      if (uncounted[decision] === 0) continue;
      this.inc({ decision }, uncounted[decision]);
      uncounted[decision] = 0;
    }
  },
});

/**
 * What the enforcement hot path counts with: an increment of a number (a prom-client child's `inc`
 * hashed its labels on every call, ~0.2 µs of each answer).
 */
export const ENFORCEMENT_DECISION: Record<Decision, { inc(): void }> = {
  allow: { inc: () => void uncounted.allow++ },
  exempt: { inc: () => void uncounted.exempt++ },
  mfa_required: { inc: () => void uncounted.mfa_required++ },
};

/** Records one answered request (the enforcement hot path calls this on every answer). */
export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  httpDuration.observe(method, route, status, seconds);
}
