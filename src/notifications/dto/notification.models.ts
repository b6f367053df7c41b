import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageOf } from '../../platform/http/api-models.js';
import { PageQuery } from '../../platform/pagination/page-query.dto.js';

export class NotificationModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    description: 'what happened, as an event type: request.decided, sla.at_risk, grant.expiring, …',
    example: 'request.decided',
  })
  kind: string;

  @ApiProperty({ enum: ['reviewers', 'review_leads', 'partner_admins'] })
  audience: 'reviewers' | 'review_leads' | 'partner_admins';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  tenantId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  requestId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the facts of the notice (ids, titles, times)' })
  payload: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when someone of its audience marked it read' })
  readAt: string | null;
}
export const NotificationPage = PageOf(NotificationModel, 'NotificationPage');

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only those nobody marked read yet' })
  @IsOptional()
  @IsString()
  @IsIn(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';
}
