import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { isReviewLead, type Caller } from '../platform/auth/caller.js';
import { Clock } from '../platform/clock.js';
import type { Page } from '../platform/pagination/cursor.js';
import { NotFoundError, UnprocessableError } from '../shared/domain-error.js';
import { checkUrl, resolveTarget, TargetRefused } from './domain/target-guard.js';
import { newWebhookSecret } from './domain/signature.js';
import type { CreatedWebhookModel, CreateWebhookDto, WebhookDeliveryModel, WebhookModel } from './dto/webhook.dto.js';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { resolveAll } from './webhook-sender.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { WebhooksRepository, type SubscriptionOwner } from './webhooks.repository.js';

function toModel(row: WebhookSubscriptionEntity): WebhookModel {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    scope: row.ownerKind,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDeliveryModel(row: WebhookDeliveryEntity): WebhookDeliveryModel {
  return {
    id: row.id,
    eventId: row.eventId,
    type: row.eventType,
    status: row.status,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    attempt: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Subscriptions, as their owners manage them: a partner tenant's admins, or the review leads. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly deliveries: WebhookDeliveryService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Review leads subscribe for the platform (every tenant's events); partner admins for their tenant. */
  ownerOf(caller: Caller): SubscriptionOwner {
    return isReviewLead(caller)
      ? { ownerKind: 'platform', tenantId: this.config.auth.platformTenantId }
      : { ownerKind: 'tenant', tenantId: caller.tenantId };
  }

  async create(caller: Caller, input: CreateWebhookDto): Promise<CreatedWebhookModel> {
    const policy = { allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks };
    try {
      await resolveTarget(checkUrl(input.url, policy), policy, resolveAll);
    } catch (error) {
      const message = error instanceof TargetRefused ? error.message : `url cannot be resolved (${(error as Error).message})`;
      throw new UnprocessableError('The webhook URL is not allowed: see errors.', [{ field: 'url', message }]);
    }
    const row = Object.assign(new WebhookSubscriptionEntity(), {
      id: randomUUID(),
      ...this.ownerOf(caller),
      url: input.url,
      events: input.events,
      description: input.description ?? null,
      secret: newWebhookSecret(),
      createdBy: { tenantId: caller.tenantId, userId: caller.userId, upn: caller.upn, name: caller.name },
      createdAt: this.clock.now(),
    });
    await this.webhooks.insertSubscription(row);
    return { ...toModel(row), secret: row.secret };
  }

  async list(caller: Caller, limit: number, cursor?: string): Promise<Page<WebhookModel>> {
    const page = await this.webhooks.listSubscriptions(this.ownerOf(caller), limit, cursor);
    return { ...page, items: page.items.map(toModel) };
  }

  async get(caller: Caller, id: string): Promise<WebhookModel> {
    return toModel(await this.find(caller, id));
  }

  async delete(caller: Caller, id: string): Promise<void> {
    if (!(await this.webhooks.deleteSubscription(this.ownerOf(caller), id))) throw new NotFoundError('Webhook', id);
  }

  async listDeliveries(caller: Caller, id: string, limit: number, cursor?: string): Promise<Page<WebhookDeliveryModel>> {
    await this.find(caller, id);
    const page = await this.webhooks.listDeliveries(id, limit, cursor);
    return { ...page, items: page.items.map(toDeliveryModel) };
  }

  async retry(caller: Caller, id: string, deliveryId: string): Promise<WebhookDeliveryModel> {
    await this.find(caller, id);
    const delivery = await this.webhooks.findDelivery(id, deliveryId);
    if (!delivery) throw new NotFoundError('Webhook delivery', deliveryId);
    return toDeliveryModel(await this.deliveries.retryNow(delivery));
  }

  private async find(caller: Caller, id: string): Promise<WebhookSubscriptionEntity> {
    const row = await this.webhooks.findSubscription(this.ownerOf(caller), id);
    if (!row) throw new NotFoundError('Webhook', id);
    return row;
  }
}
