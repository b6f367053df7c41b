import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../platform/pagination/cursor.js';
import { mailJob } from '../queue/jobs.js';
import { OutboxRepository } from '../queue/outbox/outbox.repository.js';
import { NotificationEntity } from './notification.entity.js';

export interface NewNotification {
  kind: string;
  audience: 'reviewers' | 'review_leads' | 'partner_admins';
  tenantId: string | null;
  requestId: string | null;
  dedupeKey: string;
  payload: Record<string, unknown>;
}

/** Whose notices: these audiences, of one tenant (partners) or of every tenant (null: staff). */
export interface NotificationScope {
  readonly audiences: readonly NewNotification['audience'][];
  readonly tenantId: string | null;
}

/**
 * The notices that are also e-mailed (when SMTP_URL is set): to the partner's contact, the questions,
 * decisions and expiry warnings about their request; to the review leads, SLA risks and breaches.
 */
export const MAILED_KINDS: ReadonlySet<string> = new Set([
  'request.info_requested',
  'request.decided',
  'grant.expiring',
  'sla.at_risk',
  'sla.breached',
]);

@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Records a notice once (a second record with the same dedupe key is ignored), in the caller's
   * transaction or one of its own, with the job that e-mails it when its kind is e-mailed. Answers
   * whether it was new.
   */
  async record(notification: NewNotification, now: Date, em?: EntityManager): Promise<boolean> {
    const insert = async (tx: EntityManager): Promise<boolean> => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values({ id: randomUUID(), ...notification, createdAt: now })
        .orIgnore()
        .returning(['id'])
        .execute();
      const rows = inserted.raw as { id: string }[];
      await this.mailIfNew(tx, rows, notification.kind, now);
      return rows.length > 0;
    };
    return em ? insert(em) : this.dataSource.transaction(insert);
  }

  /** A notice addressed to the tenant that filed the request. */
  async recordForRequestTenant(notification: Omit<NewNotification, 'tenantId'>, now: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notifications (id, kind, audience, tenant_id, request_id, dedupe_key, payload, created_at)
         SELECT $1, $2, $3, r.tenant_id, r.id, $4, $5, $6 FROM exception_requests r WHERE r.id = $7
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [
          randomUUID(),
          notification.kind,
          notification.audience,
          notification.dedupeKey,
          JSON.stringify(notification.payload),
          now,
          notification.requestId,
        ],
      );
      await this.mailIfNew(tx, inserted, notification.kind, now);
    });
  }

  private async mailIfNew(em: EntityManager, inserted: readonly { id: string }[], kind: string, now: Date): Promise<void> {
    if (inserted.length > 0 && MAILED_KINDS.has(kind)) await this.outbox.enqueue(em, mailJob(inserted[0].id), now);
  }

  find(id: string): Promise<NotificationEntity | null> {
    return this.dataSource.manager.findOneBy(NotificationEntity, { id });
  }

  /** Newest first. */
  async list(scope: NotificationScope, unreadOnly: boolean, limit: number, cursor?: string): Promise<Page<NotificationEntity>> {
    const after = decodeCursor('notifications', cursor, ['timestamp', 'uuid']);
    const query = this.scoped(this.dataSource.manager, scope)
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    if (after) query.andWhere('(n.created_at, n.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      'notifications',
      (n) => [n.createdAt.toISOString(), n.id],
      (n) => n,
    );
  }

  /** Marks a notice of this scope read (the first mark stays); null when there is none. */
  async markRead(scope: NotificationScope, id: string, now: Date): Promise<NotificationEntity | null> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.scoped(em, scope).andWhere('n.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!row) return null;
      if (!row.readAt) {
        row.readAt = now;
        await em.update(NotificationEntity, { id }, { readAt: now });
      }
      return row;
    });
  }

  private scoped(em: EntityManager, scope: NotificationScope) {
    const query = em
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.audience IN (:...audiences)', { audiences: scope.audiences });
    if (scope.tenantId) query.andWhere('n.tenant_id = :tenantId', { tenantId: scope.tenantId });
    return query;
  }
}
