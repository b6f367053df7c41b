import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { Allow } from '../platform/auth/access.decorators.js';
import { RequestValidationError } from '../platform/http/validation.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import { SURFACES } from '../requests/domain/surfaces.js';
import { isSurface, type ChallengeStyle, type TokenClaims } from './domain/enforcement-decision.js';
import { EnforcementService } from './enforcement.service.js';

export class EvaluateDto {
  @ApiProperty({ enum: SURFACES, description: 'an unknown surface is 400' })
  @IsString()
  surface: string;

  @ApiProperty({ description: 'the caller\'s token claims: tid, oid, amr, idtyp', example: { tid: '…', oid: '…', amr: ['pwd'] } })
  @IsObject()
  claims: TokenClaims;

  @ApiPropertyOptional({ enum: ['default', 'rfc9470'], description: 'rfc9470: step-up challenge (insufficient_user_authentication with acr_values)' })
  @IsOptional()
  @IsString()
  @IsIn(['default', 'rfc9470'])
  challengeStyle?: ChallengeStyle;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('enforcement')
@ApiBearerAuth()
@Controller('v1/enforcement')
@Allow('enforcement')
export class EnforcementController {
  constructor(private readonly enforcement: EnforcementService) {}

  // The hot path: query checked by hand (no DTO transformation), answered from memory.
  @Get('status')
  @ApiOperation({ summary: 'Is MFA exempt for this tenant, user and surface now? Answered from memory.' })
  @ApiQuery({ name: 'tenantId', format: 'uuid' })
  @ApiQuery({ name: 'userId', format: 'uuid' })
  @ApiQuery({ name: 'surface', enum: SURFACES })
  status(@Query() query: Record<string, unknown>) {
    const problems = [];
    if (typeof query.tenantId !== 'string' || !UUID.test(query.tenantId)) problems.push({ field: 'tenantId', message: 'tenantId must be a UUID' });
    if (typeof query.userId !== 'string' || !UUID.test(query.userId)) problems.push({ field: 'userId', message: 'userId must be a UUID' });
    if (!isSurface(query.surface)) problems.push({ field: 'surface', message: `surface must be one of ${SURFACES.join(', ')}` });
    if (problems.length) throw new RequestValidationError(400, problems);
    return this.enforcement.status((query.tenantId as string).toLowerCase(), (query.userId as string).toLowerCase(), query.surface as (typeof SURFACES)[number]);
  }

  @Post('evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'allow (app-only or MFA done), exempt (active grant) or mfa_required with the challenge to return' })
  evaluate(@Body() body: EvaluateDto) {
    return this.enforcement.evaluate(body.surface, body.claims, body.challengeStyle);
  }

  @Get('grants/changes')
  @ApiOperation({ summary: 'Every grant create, revoke and expiry after the cursor, in commit order; without a cursor, also a snapshot' })
  changes(@Query() page: PageQuery) {
    return this.enforcement.changes(page.cursor, page.limit ?? 200);
  }
}
