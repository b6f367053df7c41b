import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ExceptionRequestEntity } from './exception-request.entity.js';

export interface MessageAuthor {
  kind: 'partner' | 'reviewer';
  userId: string | null;
  name: string | null;
}

@Entity('request_messages')
@Index('request_messages_request_idx', ['requestId', 'createdAt', 'id'])
export class RequestMessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @ManyToOne(() => ExceptionRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<ExceptionRequestEntity>;

  @Column('jsonb')
  author: MessageAuthor;

  @Column('text')
  body: string;

  /** A note between reviewers: partners never see it (not in lists, events or webhooks). */
  @Column('boolean', { default: false })
  internal: boolean;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
