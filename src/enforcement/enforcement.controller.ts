import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Allow } from '../platform/auth/access.decorators.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { PageQuery } from '../platform/pagination/page-query.dto.js';
import type { EnforcementDecision } from './domain/enforcement-decision.js';
import {
  EvaluateDto,
  EvaluationModel,
  GrantChangesModel,
  GrantSnapshotModel,
  SnapshotQuery,
  StatusModel,
} from './dto/enforcement.models.js';
import { EnforcementService, SNAPSHOT_PAGE_SIZE } from './enforcement.service.js';

@ApiTags('enforcement')
@ApiBearerAuth()
// The status route's entry in the document refers to this model.
@ApiExtraModels(StatusModel)
// GET status is served by EnforcementHotPath (enforcement-hot-path.ts) before Fastify; so is POST
// evaluate, whose route here documents it and serves what the hot path declines (see there).
@Controller('v1/enforcement')
@Allow('enforcement')
export class EnforcementController {
  constructor(private readonly enforcement: EnforcementService) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiOperationDoc({
    id: 'evaluateCall',
    summary: 'allow (app-only or MFA done), exempt (active grant) or mfa_required with the challenge to return',
    ok: [200, EvaluationModel],
    errors: [...BODY_ERRORS, 403],
    limited: false,
  })
  evaluate(@Body() body: EvaluateDto): EnforcementDecision {
    return this.enforcement.evaluate(body.surface, body.claims, body.challengeStyle);
  }

  @Get('grants/changes')
  @ApiOperationDoc({
    id: 'listGrantChanges',
    summary: 'Every grant create, revoke and expiry after the cursor, in commit order; without a cursor, also the first page of a snapshot',
    ok: [200, GrantChangesModel],
    errors: [400, 403],
    limited: false,
  })
  changes(@Query() page: PageQuery) {
    return this.enforcement.changes(page.cursor, page.limit ?? 200);
  }

  @Get('grants/snapshot')
  @ApiOperationDoc({
    id: 'getGrantSnapshot',
    summary: 'The active grants, a page at a time, and the feed cursor to follow changes from once every page is read',
    ok: [200, GrantSnapshotModel],
    errors: [400, 403],
    limited: false,
  })
  snapshot(@Query() page: SnapshotQuery) {
    return this.enforcement.snapshot(page.cursor, page.limit ?? SNAPSHOT_PAGE_SIZE);
  }
}
