import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Allow } from '../platform/auth/access.decorators.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import { SURFACES } from '../shared/surfaces.js';
import type { ChallengeStyle, TokenClaims } from './domain/enforcement-decision.js';
import { EnforcementService, SNAPSHOT_PAGE_SIZE } from './enforcement.service.js';

export class SnapshotQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: SNAPSHOT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous snapshot page' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export class EvaluateDto {
  @ApiProperty({ enum: SURFACES, description: 'an unknown surface is 400' })
  @IsString()
  surface: string;

  @ApiProperty({ description: "the caller's token claims: tid, oid, amr, idtyp", example: { tid: '…', oid: '…', amr: ['pwd'] } })
  @IsObject()
  claims: TokenClaims;

  @ApiPropertyOptional({
    enum: ['default', 'rfc9470'],
    description: 'rfc9470: step-up challenge (insufficient_user_authentication with acr_values)',
  })
  @IsOptional()
  @IsString()
  @IsIn(['default', 'rfc9470'])
  challengeStyle?: ChallengeStyle;
}

@ApiTags('enforcement')
@ApiBearerAuth()
// GET status is served by StatusFastPath (status-fast-path.ts), outside Nest's router.
@Controller('v1/enforcement')
@Allow('enforcement')
export class EnforcementController {
  constructor(private readonly enforcement: EnforcementService) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'allow (app-only or MFA done), exempt (active grant) or mfa_required with the challenge to return' })
  evaluate(@Body() body: EvaluateDto) {
    return this.enforcement.evaluate(body.surface, body.claims, body.challengeStyle);
  }

  @Get('grants/changes')
  @ApiOperation({
    summary: 'Every grant create, revoke and expiry after the cursor, in commit order; without a cursor, also the first page of a snapshot',
  })
  changes(@Query() page: PageQuery) {
    return this.enforcement.changes(page.cursor, page.limit ?? 200);
  }

  @Get('grants/snapshot')
  @ApiOperation({ summary: 'The active grants, a page at a time, and the feed cursor to follow changes from once every page is read' })
  snapshot(@Query() page: SnapshotQuery) {
    return this.enforcement.snapshot(page.cursor, page.limit ?? SNAPSHOT_PAGE_SIZE);
  }
}
