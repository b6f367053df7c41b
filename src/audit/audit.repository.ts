import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../platform/pagination/cursor.js';
import type { ActorKind, AuditEventType } from '../shared/audit-event-types.js';
import { webhookFanoutJob, type JobSpec } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface NewAuditEvent {
  requestId: string;
  tenantId: string;
  type: AuditEventType;
  actor: { kind: ActorKind; userId: string | null };
  at: Date;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown> | null;
}

export interface AuditEventView {
  id: string;
  requestId: string;
  type: AuditEventType;
  actor: { kind: ActorKind; userId?: string };
  at: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
}

/** Append and read only: there is deliberately no update or delete here (and the table refuses them). */
@Injectable()
export class AuditRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Appends an event in the caller's transaction, with the job that sends it to the webhooks that
   * want it: an event that commits is delivered, one that rolls back never is.
   */
  async append(em: EntityManager, event: NewAuditEvent): Promise<void> {
    const { row, jobs } = this.recordOf(event);
    await em.insert(AuditEventEntity, row);
    await this.outbox.enqueue(em, jobs, event.at);
  }

  /** The row of an event and the jobs that go with it, for a caller that writes them itself (filing). */
  recordOf(event: NewAuditEvent): { row: Omit<AuditEventEntity, 'seq'>; jobs: JobSpec[] } {
    const row = {
      id: randomUUID(),
      requestId: event.requestId,
      tenantId: event.tenantId,
      type: event.type,
      actorKind: event.actor.kind,
      actorUserId: event.actor.userId,
      at: event.at,
      fromStatus: event.from ?? null,
      toStatus: event.to ?? null,
      data: event.data ?? null,
    };
    return { row, jobs: [webhookFanoutJob(row.id)] };
  }

  /** One event by id, with its place in the order of all events (the webhook fan-out reads it back). */
  async find(em: EntityManager, id: string): Promise<(AuditEventView & { seq: string; tenantId: string }) | null> {
    const row = await em.findOneBy(AuditEventEntity, { id });
    return row ? { ...toAuditEventView(row), seq: row.seq, tenantId: row.tenantId } : null;
  }

  /** The latest event of these types for a request (in the caller's transaction), or null. */
  async latestOf(em: EntityManager, requestId: string, types: readonly AuditEventType[]): Promise<AuditEventView | null> {
    const row = await em
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.request_id = :requestId AND event.type IN (:...types)', { requestId, types })
      .orderBy('event.seq', 'DESC')
      .limit(1)
      .getOne();
    return row ? toAuditEventView(row) : null;
  }

  /** The trail, oldest first; the posting of internal notes only when asked for (reviewers). */
  async listForRequest(requestId: string, includeInternal: boolean, limit: number, cursor?: string): Promise<Page<AuditEventView>> {
    const after = decodeCursor('events', cursor, ['sequence']);
    const query = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.request_id = :requestId', { requestId })
      .orderBy('event.seq', 'ASC')
      .limit(limit + 1);
    if (!includeInternal) query.andWhere(`coalesce(event.data->>'internal', 'false') <> 'true'`);
    if (after) query.andWhere('event.seq > :seq', { seq: after[0] });
    const rows = await query.getMany();
    return toPage(rows, limit, 'events', (row) => [row.seq], toAuditEventView);
  }
}

export function toAuditEventView(row: AuditEventEntity): AuditEventView {
  return {
    id: row.id,
    requestId: row.requestId,
    type: row.type,
    actor: row.actorUserId ? { kind: row.actorKind, userId: row.actorUserId } : { kind: row.actorKind },
    at: row.at.toISOString(),
    from: row.fromStatus,
    to: row.toStatus,
    data: row.data as Record<string, unknown> | null,
  };
}
