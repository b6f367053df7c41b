import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination/cursor.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import {
  CreatedWebhookModel,
  CreateWebhookDto,
  WebhookDeliveryModel,
  WebhookDeliveryPage,
  WebhookModel,
  WebhookPage,
} from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
@Allow('partnerAdmin', 'reviewLead')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperationDoc({
    id: 'createWebhook',
    summary: "Subscribe a URL to events (partner admins: their tenant's; review leads: every tenant's); the secret is shown once",
    ok: [201, CreatedWebhookModel],
    errors: [...BODY_ERRORS, 403],
  })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookDto): Promise<CreatedWebhookModel> {
    return this.webhooks.create(caller, body);
  }

  @Get()
  @ApiOperationDoc({ id: 'listWebhooks', summary: "Your side's subscriptions, newest first", ok: [200, WebhookPage], errors: [400, 403] })
  list(@CurrentCaller() caller: Caller, @Query() page: PageQuery) {
    return this.webhooks.list(caller, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor);
  }

  @Get(':id')
  @ApiOperationDoc({ id: 'getWebhook', summary: 'One subscription (without its secret)', ok: [200, WebhookModel], errors: [400, 403, 404] })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<WebhookModel> {
    return this.webhooks.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperationDoc({
    id: 'deleteWebhook',
    summary: 'Stop a subscription (its pending deliveries are dropped)',
    ok: [204, null, 'deleted'],
    errors: [400, 403, 404],
  })
  delete(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<void> {
    return this.webhooks.delete(caller, id);
  }

  @Get(':id/deliveries')
  @ApiOperationDoc({
    id: 'listWebhookDeliveries',
    summary: 'Deliveries and their attempts, newest first',
    ok: [200, WebhookDeliveryPage],
    errors: [400, 403, 404],
  })
  deliveries(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Query() page: PageQuery) {
    return this.webhooks.listDeliveries(caller, id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiOperationDoc({
    id: 'retryWebhookDelivery',
    summary: 'Send a delivery again now',
    ok: [200, WebhookDeliveryModel],
    errors: [400, 403, 404],
  })
  retry(
    @CurrentCaller() caller: Caller,
    @UuidParam('id') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryModel> {
    return this.webhooks.retry(caller, id, deliveryId);
  }
}
