import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { CommaList } from '../../platform/http/text.js';
import { PageQuery } from '../../platform/pagination/page-query.dto.js';
import { SLA_STATES, type SlaState } from '../../sla/domain/sla-state.js';
import { REQUEST_STATUSES, type RequestStatus } from '../domain/request-lifecycle.js';

export class ListRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'one status or a comma-separated list', example: 'submitted,in_review' })
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMaxSize(REQUEST_STATUSES.length)
  @IsIn(REQUEST_STATUSES, { each: true, message: `status must be among ${REQUEST_STATUSES.join(', ')}` })
  status?: RequestStatus[];

  @ApiPropertyOptional({ description: '1 to 7, or "none" for requests that match no known issue' })
  @IsOptional()
  @IsString()
  @Matches(/^([1-7]|none)$/, { message: 'knownIssue must be 1 to 7 or none' })
  knownIssue?: string;

  @ApiPropertyOptional({ description: 'one SLA state or a comma-separated list' })
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMaxSize(SLA_STATES.length)
  @IsIn(SLA_STATES, { each: true, message: `slaState must be among ${SLA_STATES.join(', ')}` })
  slaState?: SlaState[];

  @ApiPropertyOptional({ format: 'uuid', description: 'reviewers: only this tenant' })
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;
}
