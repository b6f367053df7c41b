import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Counts of a label's values, for the series read from the database at each scrape. */
export type Counts = Record<string, number>;

/** The queue, SLA, outbox and delivery figures, read from PostgreSQL (the one record every instance shares). */
@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Open requests by queue state: waiting (filed, nobody holds it), in_review, info_requested. */
  queueByStatus(): Promise<Counts> {
    return this.counts(
      `SELECT CASE status WHEN 'submitted' THEN 'waiting' ELSE status END AS key, count(*)::int AS n FROM exception_requests
        WHERE status IN ('submitted', 'in_review', 'info_requested') GROUP BY status`,
    );
  }

  /** Open requests whose SLA is at risk or breached. */
  queueBySla(): Promise<Counts> {
    return this.counts(
      `SELECT sla_state AS key, count(*)::int AS n FROM exception_requests
        WHERE status IN ('submitted', 'in_review', 'info_requested') AND sla_state IN ('at_risk', 'breached') GROUP BY sla_state`,
    );
  }

  /** SLA events ever recorded, by type (the audit trail is append-only, so these only grow). */
  slaEvents(): Promise<Counts> {
    return this.counts(
      `SELECT type AS key, count(*)::int AS n FROM audit_events WHERE type IN ('sla.at_risk', 'sla.breached') GROUP BY type`,
    );
  }

  async outboxPending(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_jobs WHERE relayed_at IS NULL`);
    return rows[0]?.n ?? 0;
  }

  /** Webhook deliveries by status (pending, delivered, failed). */
  deliveries(): Promise<Counts> {
    return this.counts(`SELECT status AS key, count(*)::int AS n FROM webhook_deliveries GROUP BY status`);
  }

  private async counts(sql: string): Promise<Counts> {
    const rows: { key: string; n: number }[] = await this.dataSource.query(sql);
    return Object.fromEntries(rows.map((row) => [row.key, row.n]));
  }
}
