import { Injectable, Optional } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { GrantIndex } from '../enforcement/grant-index.js';
import { HeldPolls } from '../enforcement/held-polls.js';
import { Clock } from '../platform/clock.js';
import { registry } from '../platform/metrics/registry.js';
import { MetricsRepository, type Counts } from './metrics.repository.js';

const QUEUE_STATES = ['waiting', 'in_review', 'info_requested'] as const;
const SLA_STATES = ['at_risk', 'breached'] as const;
const SLA_EVENT_TYPES = ['sla.at_risk', 'sla.breached'] as const;
const DELIVERY_RESULTS = ['delivered', 'failed', 'pending'] as const;

/**
 * The scrape: the process's own series (HTTP durations, enforcement decisions, Node's defaults) and
 * the shared ones, read from PostgreSQL at each scrape so that every instance reports the same queue.
 * The database series live in a registry of this instance (a test process runs several apps).
 */
@Injectable()
export class MetricsService {
  private readonly own = new Registry();

  constructor(figures: MetricsRepository, clock: Clock, @Optional() index?: GrantIndex, @Optional() held?: HeldPolls) {
    const registers = [this.own];
    new Gauge({
      name: 'review_queue_requests',
      help: 'Open requests by state',
      labelNames: ['state'],
      registers,
      async collect() {
        setAll(this, 'state', QUEUE_STATES, await figures.queueByStatus());
      },
    });
    new Gauge({
      name: 'review_queue_sla',
      help: 'Open requests whose SLA is at risk or breached',
      labelNames: ['state'],
      registers,
      async collect() {
        setAll(this, 'state', SLA_STATES, await figures.queueBySla());
      },
    });
    // Counters read from the append-only records: set to the total at each scrape.
    new Counter({
      name: 'sla_events_total',
      help: 'SLA events recorded, by type',
      labelNames: ['type'],
      registers,
      async collect() {
        countAll(this, 'type', SLA_EVENT_TYPES, await figures.slaEvents());
      },
    });
    new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook deliveries by result (pending: not yet delivered nor failed)',
      labelNames: ['result'],
      registers,
      async collect() {
        countAll(this, 'result', DELIVERY_RESULTS, await figures.deliveries());
      },
    });
    new Gauge({
      name: 'outbox_pending_jobs',
      help: 'Outbox jobs not yet relayed to the queue',
      registers: [this.own],
      async collect() {
        this.set(await figures.outboxPending());
      },
    });
    new Gauge({
      name: 'grant_index_lag_seconds',
      help: "Time since this instance's grant index last caught up with the grant feed",
      registers: [this.own],
      collect() {
        if (index) this.set(index.lagMs(clock.now().getTime()) / 1000);
      },
    });
    new Gauge({
      name: 'enforcement_held_polls',
      help: 'Long polls on the grant feed this instance holds now',
      registers: [this.own],
      collect() {
        if (held) this.set(held.heldCount);
      },
    });
    new Gauge({
      name: 'enforcement_held_polls_limit',
      help: 'ENFORCEMENT_MAX_HELD_POLLS: past it, long polls are answered 503',
      registers: [this.own],
      collect() {
        if (held) this.set(held.limit);
      },
    });
  }

  get contentType(): string {
    return registry.contentType;
  }

  async scrape(): Promise<string> {
    return (await registry.metrics()) + (await this.own.metrics());
  }
}

function setAll<L extends string>(gauge: Gauge<L>, label: L, values: readonly string[], counts: Counts): void {
  for (const value of values) gauge.set({ [label]: value } as Record<L, string>, counts[value] ?? 0);
}

function countAll<L extends string>(counter: Counter<L>, label: L, values: readonly string[], counts: Counts): void {
  counter.reset();
  for (const value of values) counter.inc({ [label]: value } as Record<L, string>, counts[value] ?? 0);
}
