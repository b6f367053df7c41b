import { Histogram, Registry, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from '../../src/platform/metrics/request-durations.js';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const NAME = 'http_server_request_duration_seconds';
const HELP = 'HTTP requests by method, route template and status';

/** The same observations into prom-client's own Histogram and into RequestDurations. */
function both(observations: [string, string, number, number][]) {
  const reference = new Registry();
  const histogram = new Histogram({
    name: NAME,
    help: HELP,
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [reference],
  });
  const ours = new Registry();
  const durations = new RequestDurations(NAME, HELP, BUCKETS);
  ours.registerMetric(durations as unknown as Metric);
  for (const [method, route, status, seconds] of observations) {
    histogram.labels(method, route, String(status)).observe(seconds);
    durations.observe(method, route, status, seconds);
  }
  return { reference, ours, durations };
}

// Series come out in another order (the format does not care); every line must be the same.
const lines = (text: string) => text.split('\n').sort();

describe('RequestDurations', () => {
  const observations: [string, string, number, number][] = [
    ['GET', '/v1/enforcement/status', 200, 0.0004],
    ['GET', '/v1/enforcement/status', 200, 0.0005],
    ['GET', '/v1/enforcement/status', 200, 0.00051],
    ['GET', '/v1/enforcement/status', 400, 0.002],
    ['POST', '/v1/enforcement/evaluate', 200, 0.01],
    ['POST', '/v1/exception-requests', 201, 0.3],
    ['POST', '/v1/exception-requests', 201, 12],
    ['GET', '/v1/exception-requests/:id', 404, 0],
    ['GET', '/v1/enforcement/status', 200, 7.5],
  ];

  it('prints exactly what prom-client prints for the same observations (buckets, +Inf, sum, count)', async () => {
    const { reference, ours } = both(observations);
    expect(lines(await ours.metrics())).toEqual(lines(await reference.metrics()));
  });

  it('gives the same JSON as prom-client', async () => {
    const { reference, ours } = both(observations);
    const sorted = (json: { values: { metricName?: string; labels: object; value: number }[] }[]) =>
      json[0].values.map((v) => JSON.stringify([v.metricName, Object.entries(v.labels).sort(), v.value])).sort();
    expect(sorted(await ours.getMetricsAsJSON())).toEqual(sorted(await reference.getMetricsAsJSON()));
  });

  it('prints no series before the first observation, and none after a reset', async () => {
    const { ours, durations } = both([]);
    expect(await ours.metrics()).toBe(`# HELP ${NAME} ${HELP}\n# TYPE ${NAME} histogram\n`);
    durations.observe('GET', '/x', 200, 0.1);
    ours.resetMetrics();
    expect(await ours.metrics()).toBe(`# HELP ${NAME} ${HELP}\n# TYPE ${NAME} histogram\n`);
  });
});
