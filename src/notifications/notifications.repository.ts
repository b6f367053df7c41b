import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
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
  async record(notification: NewNotification, now: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({ id: randomUUID(), ...notification, createdAt: now })
      .orIgnore()
      .execute();
  }
}
