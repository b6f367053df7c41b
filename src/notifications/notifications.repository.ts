import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationEntity } from './notification.entity.js';

export interface NewNotification {
  kind: string;
  audience: 'reviewers' | 'review_leads' | 'partner_admins';
  tenantId: string | null;
  requestId: string | null;
  dedupeKey: string;
  payload: Record<string, unknown>;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent: a second record with the same dedupe key is ignored. */
  async record(notification: NewNotification, now: Date, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({ id: randomUUID(), ...notification, createdAt: now })
      .orIgnore()
      .execute();
  }

  /** A notice addressed to the tenant that filed the request. */
  async recordForRequestTenant(notification: Omit<NewNotification, 'tenantId'>, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notifications (id, kind, audience, tenant_id, request_id, dedupe_key, payload, created_at)
       SELECT $1, $2, $3, r.tenant_id, r.id, $4, $5, $6 FROM exception_requests r WHERE r.id = $7
       ON CONFLICT (dedupe_key) DO NOTHING`,
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
  }
}
