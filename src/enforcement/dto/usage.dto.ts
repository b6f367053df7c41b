import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { EXAMPLE_GRANT_ID } from '../../platform/http/examples.js';
import { IsDateTime } from '../../platform/http/text.js';

/** Most items in one usage batch: a client flushing every few seconds sends far fewer. */
export const MAX_USAGE_ITEMS = 1000;

export class GrantUsageDto {
  @ApiProperty({ format: 'uuid', description: 'the grant that exempted the calls' })
  @IsUUID('all', { message: 'grantId must be a UUID' })
  grantId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'exempt answers since the last batch' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  count: number;

  @ApiProperty({ format: 'date-time', description: 'the latest of those answers', example: '2026-11-24T09:00:00Z' })
  @IsDateTime('lastUsedAt must be an ISO-8601 date-time with an offset, such as 2026-11-24T09:00:00Z')
  lastUsedAt: string;
}

export class UsageBatchDto {
  @ApiProperty({
    type: [GrantUsageDto],
    minItems: 1,
    maxItems: MAX_USAGE_ITEMS,
    example: [{ grantId: EXAMPLE_GRANT_ID, count: 42, lastUsedAt: '2026-11-24T09:00:00Z' }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USAGE_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => GrantUsageDto)
  items: GrantUsageDto[];
}

export class UsageAcceptedModel {
  @ApiProperty({ type: 'integer', description: 'grants whose use counts were raised (unknown grant ids are ignored)' })
  applied: number;
}
