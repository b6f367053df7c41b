import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An audit event whose deliveries have been worked out: events of a request fan out in order, once. */
@Entity('webhook_fanouts')
export class WebhookFanoutEntity {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('timestamptz', { name: 'done_at' })
  doneAt: Date;
}
