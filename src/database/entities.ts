import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { IdempotencyKeyEntity } from '../platform/idempotency/idempotency-key.entity.js';
import { ExceptionGrantEntity } from '../grants/exception-grant.entity.js';
import { GrantChangeEntity } from '../grants/grant-change.entity.js';
import { ExceptionRequestEntity } from '../requests/exception-request.entity.js';
import { RequestMessageEntity } from '../requests/request-message.entity.js';
import { OutboxJobEntity } from './outbox/outbox-job.entity.js';

// Listed as classes, not globs: TypeORM loads globs with import(), which breaks under vitest and dist/.
export const ENTITIES = [
  ExceptionRequestEntity,
  RequestMessageEntity,
  AuditEventEntity,
  IdempotencyKeyEntity,
  OutboxJobEntity,
  NotificationEntity,
  ExceptionGrantEntity,
  GrantChangeEntity,
];
