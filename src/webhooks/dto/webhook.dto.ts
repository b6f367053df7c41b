import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { PageOf } from '../../platform/http/api-models.js';
import { Text } from '../../platform/http/text.js';
import { AUDIT_EVENT_TYPES } from '../../shared/audit-event-types.js';

export class CreateWebhookDto {
  @ApiProperty({
    format: 'uri',
    maxLength: 2000,
    description: 'https:// on a public address',
    example: 'https://hooks.partner.example/mfa-exceptions',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({
    enum: AUDIT_EVENT_TYPES,
    isArray: true,
    description: 'the audit event types to hear of',
    example: ['request.decided', 'request.info_requested'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AUDIT_EVENT_TYPES.length)
  @ArrayUnique()
  @IsString({ each: true })
  @IsIn(AUDIT_EVENT_TYPES, { each: true, message: `each of events must be one of ${AUDIT_EVENT_TYPES.join(', ')}` })
  events: (typeof AUDIT_EVENT_TYPES)[number][];

  @ApiPropertyOptional({ maxLength: 500, example: 'Our ticketing system' })
  @Text(500, { optional: true })
  description?: string;
}

export class WebhookModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uri' })
  url: string;

  @ApiProperty({ enum: AUDIT_EVENT_TYPES, isArray: true })
  events: string[];

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({
    enum: ['tenant', 'platform'],
    description: "tenant: the partner tenant's events; platform: every tenant's (review leads)",
  })
  scope: 'tenant' | 'platform';

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CreatedWebhookModel extends WebhookModel {
  @ApiProperty({ description: 'whsec_…: the signing secret, shown this once only', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret: string;
}
export const WebhookPage = PageOf(WebhookModel, 'WebhookPage');

export class WebhookDeliveryModel {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid', description: 'the audit event, and the webhook-id header of every attempt' })
  eventId: string;

  @ApiProperty({ enum: AUDIT_EVENT_TYPES })
  type: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status: 'pending' | 'delivered' | 'failed';

  @ApiProperty({ type: 'integer', nullable: true, description: "the receiver's last HTTP status (null: no answer)" })
  responseStatus: number | null;

  @ApiProperty({ type: String, nullable: true, description: "the start of the receiver's last answer, or the error" })
  responseExcerpt: string | null;

  @ApiProperty({ type: 'integer', description: 'attempts made so far' })
  attempt: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastAttemptAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
export const WebhookDeliveryPage = PageOf(WebhookDeliveryModel, 'WebhookDeliveryPage');
