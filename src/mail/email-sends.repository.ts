import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmailSendEntity } from './email-send.entity.js';

/** Claims and records the e-mail of one notice to one address. */
@Injectable()
export class EmailSendsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The send to do, or null when it was done before. A row left `sending` by a worker that died
   * mid-send is sent again (with the same Message-ID).
   */
  async claim(notificationId: string, recipient: string, now: Date): Promise<EmailSendEntity | null> {
    return this.dataSource.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(EmailSendEntity)
        .values({
          id: randomUUID(),
          notificationId,
          recipient,
          status: 'sending',
          attempts: 0,
          messageId: `<${randomUUID()}@mfa-exceptions>`,
          claimedAt: now,
        })
        .orIgnore()
        .execute();
      const row = await em
        .getRepository(EmailSendEntity)
        .createQueryBuilder('s')
        .where('s.notification_id = :notificationId AND s.recipient = :recipient', { notificationId, recipient })
        .setLock('pessimistic_write')
        .getOneOrFail();
      if (row.status === 'sent') return null;
      row.attempts += 1;
      row.claimedAt = now;
      await em.save(EmailSendEntity, row);
      return row;
    });
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(EmailSendEntity, { id }, { status: 'sent', sentAt: at, lastError: null });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.manager.update(EmailSendEntity, { id }, { lastError: error.slice(0, 1000) });
  }
}
