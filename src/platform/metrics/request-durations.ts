import type { MetricObjectWithValues, MetricValueWithName } from 'prom-client';

interface Series {
  readonly labels: { readonly method: string; readonly route: string; readonly status: string };
  /** Counts per bucket, not cumulative; the last slot is above the largest bound. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A Prometheus histogram of request durations by method, route template and status, shaped for the
 * enforcement hot path: an observation is two Map look-ups of constant strings and a bucket search,
 * where prom-client's `Histogram#observe` validates and hashes the labels on every call (about
 * 0.6 µs, a few per cent of an enforcement answer). It registers with a prom-client `Registry` like
 * any metric and exports exactly what a prom-client `Histogram` with the same buckets would
 * (test/unit/request-durations.spec.ts compares the two).
 */
export class RequestDurations {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Map<string, Series[]>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    let routes = this.series.get(method);
    if (!routes) this.series.set(method, (routes = new Map<string, Series[]>()));
    let byStatus = routes.get(route);
    if (!byStatus) routes.set(route, (byStatus = []));
    let series = byStatus[status];
    if (!series) {
      series = { labels: { method, route, status: String(status) }, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      byStatus[status] = series;
    }
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]) bucket++;
    series.counts[bucket]++;
    series.sum += seconds;
    series.count++;
  }

  reset(): void {
    this.series.clear();
  }

  /** What `Registry#metrics()` prints: the same values, in prom-client's own shape (labels kept apart). */
  getForPromString(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const values: ExportedValue[] = [];
    for (const routes of this.series.values()) {
      for (const byStatus of routes.values()) {
        for (const series of byStatus) {
          if (!series) continue;
          let cumulative = 0;
          this.bounds.forEach((le, i) => {
            cumulative += series.counts[i];
            values.push(exported({ le }, cumulative, `${this.name}_bucket`, series.labels));
          });
          values.push(exported({ le: '+Inf' }, series.count, `${this.name}_bucket`, series.labels));
          values.push(exported({}, series.sum, `${this.name}_sum`, series.labels));
          values.push(exported({}, series.count, `${this.name}_count`, series.labels));
        }
      }
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator } as never);
  }

  /** What `Registry#getMetricsAsJSON()` gives: each value's labels in one object, as prom-client does. */
  async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    const data = await this.getForPromString();
    data.values = data.values.map((value) => {
      const { labels, sharedLabels, ...rest } = value as ExportedValue;
      return { ...rest, labels: { ...labels, ...sharedLabels } };
    });
    return data;
  }
}

interface ExportedValue extends MetricValueWithName<string> {
  readonly sharedLabels: Series['labels'];
}

function exported(
  labels: Record<string, string | number>,
  value: number,
  metricName: string,
  sharedLabels: Series['labels'],
): ExportedValue {
  return { labels, value, metricName, sharedLabels };
}
