import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * One e-mail for one notice to one address. The row is claimed before the send and marked after it,
 * so a retried job or a second worker never sends a notice twice.
 */
@Entity('email_sends')
@Unique('email_sends_once_uq', ['notificationId', 'recipient'])
export class EmailSendEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'notification_id' })
  notificationId: string;

  @Column('text')
  recipient: string;

  @Column('text')
  status: 'sending' | 'sent';

  @Column('int', { default: 0 })
  attempts: number;

  /** The Message-ID every attempt uses, so that a resend after a crash can be recognised downstream. */
  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('timestamptz', { name: 'claimed_at' })
  claimedAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;
}
