import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommaList, IsDateTime, Text } from '../../platform/http/text.js';
import { PageQuery } from '../../platform/pagination/page-query.dto.js';

const STATUSES = ['active', 'expired', 'revoked'] as const;

export class ListGrantsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'one status or a comma-separated list: active, expired, revoked' })
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(STATUSES, { each: true, message: `status must be among ${STATUSES.join(', ')}` })
  status?: (typeof STATUSES)[number][];

  @ApiPropertyOptional({ format: 'uuid', description: 'reviewers: only this tenant' })
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'only grants expiring before this instant' })
  @IsOptional()
  @IsDateTime()
  expiringBefore?: string;
}

export class RevokeGrantDto {
  @ApiProperty({ maxLength: 2000, example: 'The partner moved these accounts to the V3 module, which supports MFA.' })
  @Text(2000)
  reason: string;
}
