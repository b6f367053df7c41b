import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../platform/auth/access.decorators.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { holdConnection } from '../platform/http/held-connection.js';
import type { EnforcementDecision } from './domain/enforcement-decision.js';
import {
  ChangesQuery,
  EvaluateDto,
  EvaluationModel,
  GrantChangesModel,
  GrantSnapshotModel,
  SnapshotQuery,
  StatusModel,
} from './dto/enforcement.models.js';
import { UsageAcceptedModel, UsageBatchDto } from './dto/usage.dto.js';
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

  @Post('usage')
  @HttpCode(202)
  @ApiOperationDoc({
    id: 'reportGrantUsage',
    summary: "Exempt answers given in-process (by the enforcement client), added to the grants' use counts",
    ok: [202, UsageAcceptedModel],
    errors: [...BODY_ERRORS, 403],
    limited: false,
  })
  usage(@Body() body: UsageBatchDto) {
    return this.enforcement.recordUsage(body.items);
  }

  @Get('grants/changes')
  @ApiOperationDoc({
    id: 'listGrantChanges',
    summary:
      'Every grant create, revoke and expiry after the cursor, in commit order; without a cursor, also the first page of a snapshot. ' +
      'With `wait`, an empty answer is held until the next change commits (long polling); 503 with Retry-After when this instance holds ENFORCEMENT_MAX_HELD_POLLS already',
    ok: [200, GrantChangesModel],
    errors: [400, 403],
    limited: false,
  })
  async changes(@Query() query: ChangesQuery, @Req() request: FastifyRequest) {
    const wait = query.cursor === undefined ? 0 : (query.wait ?? 0);
    if (wait === 0) return this.enforcement.changes(query.cursor, query.limit ?? 200);
    const held = holdConnection(request, wait * 1000);
    try {
      return await this.enforcement.changes(query.cursor, query.limit ?? 200, wait, held.signal);
    } finally {
      held.release();
    }
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
