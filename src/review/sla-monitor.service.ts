import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../platform/clock.js';
import { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { SlaService } from '../sla/sla.service.js';

/**
 * Moves requests to at_risk and breached when their time comes: from the delayed timer jobs, and
 * from the periodic reconciliation that recomputes states from the database (so a Redis that lost
 * its timers loses no SLA event). Each transition is written once: under a row lock, from the stored
 * state (SlaService.advance).
 */
@Injectable()
export class SlaMonitor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sla: SlaService,
    private readonly clock: Clock,
  ) {}

  check(requestId: string): Promise<string[]> {
    return this.dataSource.transaction(async (em) => {
      const request = await em
        .getRepository(ExceptionRequestEntity)
        .createQueryBuilder('r')
        .where('r.id = :requestId', { requestId })
        .setLock('pessimistic_write')
        .getOne();
      if (!request || !['submitted', 'in_review'].includes(request.status)) return [];
      const transitions = await this.sla.advance(em, request, this.clock.now());
      if (transitions.length) await em.update(ExceptionRequestEntity, { id: request.id }, { slaState: request.slaState });
      return transitions;
    });
  }

  /** Every undecided, running request whose stored state is behind the clock. */
  async reconcile(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM exception_requests
        WHERE status IN ('submitted', 'in_review')
          AND ((sla_state = 'on_track' AND sla_at_risk_at <= $1) OR (sla_state IN ('on_track', 'at_risk') AND sla_due_at <= $1))
        ORDER BY sla_due_at LIMIT 500`,
      [this.clock.now()],
    );
    for (const { id } of rows) await this.check(id);
    return rows.length;
  }
}
