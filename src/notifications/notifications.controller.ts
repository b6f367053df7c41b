import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import { isReviewer, type Caller } from '../platform/auth/caller.js';
import { ApiOperationDoc } from '../platform/http/api-docs.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination/cursor.js';
import { Clock } from '../platform/clock.js';
import { NotFoundError } from '../shared/domain-error.js';
import { ListNotificationsQuery, NotificationModel, NotificationPage } from './dto/notification.models.js';
import type { NotificationEntity } from './notification.entity.js';
import { NotificationsRepository, type NotificationScope } from './notifications.repository.js';

/** Partners read their own tenant's notices; reviewers read the notices for reviewers and review leads. */
function scopeOf(caller: Caller): NotificationScope {
  return isReviewer(caller)
    ? { audiences: ['reviewers', 'review_leads'], tenantId: null }
    : { audiences: ['partner_admins'], tenantId: caller.tenantId };
}

function toModel(row: NotificationEntity): NotificationModel {
  return {
    id: row.id,
    kind: row.kind,
    audience: row.audience as NotificationModel['audience'],
    tenantId: row.tenantId,
    requestId: row.requestId,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'listNotifications',
    summary: 'The notices for you, newest first, with readAt',
    ok: [200, NotificationPage],
    errors: [400, 403],
  })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListNotificationsQuery) {
    const page = await this.notifications.list(scopeOf(caller), query.unread === 'true', query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
    return { ...page, items: page.items.map(toModel) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'markNotificationRead',
    summary: 'Mark a notice read (the first mark is kept)',
    ok: [200, NotificationModel],
    errors: [400, 403, 404],
  })
  async read(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<NotificationModel> {
    const row = await this.notifications.markRead(scopeOf(caller), id, this.clock.now());
    if (!row) throw new NotFoundError('Notification', id);
    return toModel(row);
  }
}
