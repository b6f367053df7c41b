import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CommaList } from '../../platform/http/text.js';
import { PageQuery } from '../../platform/pagination/page-query.dto.js';
import { SLA_STATES, type SlaState } from '../../sla/domain/sla-state.js';
import { REQUEST_STATUSES, type RequestStatus } from '../domain/request-lifecycle.js';
import { REQUEST_SORTS, type RequestSort } from '../requests.repository.js';

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

  @ApiPropertyOptional({
    description: "reviewers: `me` (the caller's claimed requests), a reviewer's user id, or `none` (waiting, unclaimed)",
    example: 'me',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'assignee must be me, none or a user id (UUID)',
  })
  assignee?: string;

  @ApiPropertyOptional({ description: 'words that must all appear in the title or the description (any case)', example: 'powershell' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: Object.keys(REQUEST_SORTS),
    description: 'default: -createdAt for partners (newest first), sla.dueAt for reviewers (due first)',
  })
  @IsOptional()
  @IsString()
  @IsIn(Object.keys(REQUEST_SORTS), { message: `sort must be one of ${Object.keys(REQUEST_SORTS).join(', ')}` })
  sort?: RequestSort;
}
