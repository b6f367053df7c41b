import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RequestsModule } from '../requests/requests.module.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookFanoutEntity } from './webhook-fanout.entity.js';
import { WebhookFanoutService } from './webhook-fanout.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhookDeliveryProcessor, WebhookFanoutProcessor } from './webhooks.processor.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksReconciler } from './webhooks-reconciler.js';
import { WebhooksService } from './webhooks.service.js';

/** Signed webhooks (Standard Webhooks): subscriptions, the fan-out of audit events, deliveries with retries. */
@Module({})
export class WebhooksModule {
  static forRole(api: boolean, worker: boolean): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity, WebhookDeliveryEntity, WebhookFanoutEntity]), RequestsModule],
      controllers: api ? [WebhooksController] : [],
      providers: [
        WebhooksRepository,
        WebhooksService,
        WebhookDeliveryService,
        WebhookSender,
        ...(worker ? [WebhookFanoutService, WebhooksReconciler, WebhookFanoutProcessor, WebhookDeliveryProcessor] : []),
      ],
      exports: [WebhooksRepository],
    };
  }
}
