// The data source the TypeORM CLI uses (migration:generate/run/revert): the service's options with
// every entity, so that generated migrations see the whole schema. The service itself registers each
// entity from the module that owns it.
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './audit/audit-event.entity.js';
import { loadConfig } from './config/config.js';
import { dataSourceOptions } from './database/database-options.js';
import { ExceptionGrantEntity } from './grants/exception-grant.entity.js';
import { GrantChangeEntity } from './grants/grant-change.entity.js';
import { NotificationEntity } from './notifications/notification.entity.js';
import { IdempotencyKeyEntity } from './platform/idempotency/idempotency-key.entity.js';
import { OutboxJobEntity } from './queue/outbox/outbox-job.entity.js';
import { ExceptionRequestEntity } from './requests/exception-request.entity.js';
import { RequestMessageEntity } from './requests/request-message.entity.js';
import { EmailSendEntity } from './mail/email-send.entity.js';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity.js';
import { WebhookFanoutEntity } from './webhooks/webhook-fanout.entity.js';
import { WebhookSubscriptionEntity } from './webhooks/webhook-subscription.entity.js';

export const ENTITIES = [
  ExceptionRequestEntity,
  RequestMessageEntity,
  AuditEventEntity,
  IdempotencyKeyEntity,
  OutboxJobEntity,
  NotificationEntity,
  ExceptionGrantEntity,
  GrantChangeEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  WebhookFanoutEntity,
  EmailSendEntity,
];

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl, ENTITIES));
