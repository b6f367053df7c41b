import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { ApiOperationDoc, BODY_ERRORS } from '../platform/http/api-docs.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { GrantModel, GrantPage } from './dto/grant.models.js';
import { ListGrantsQuery, RevokeGrantDto } from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';

@ApiTags('exception grants')
@ApiBearerAuth()
@Controller('v1/exception-grants')
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get()
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({
    id: 'listGrants',
    summary: "Grants, newest first: partners see their tenant's, reviewers all (filters: tenantId, status, expiringBefore)",
    ok: [200, GrantPage],
    errors: [400, 403],
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListGrantsQuery) {
    return this.grants.list(caller, query);
  }

  @Get(':id')
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperationDoc({ id: 'getGrant', summary: 'One grant, with its status now', ok: [200, GrantModel], errors: [400, 403, 404] })
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string): Promise<GrantModel> {
    return this.grants.get(caller, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperationDoc({
    id: 'revokeGrant',
    summary: 'Revoke an active grant (reason required); effective on every instance within a second',
    ok: [200, GrantModel],
    errors: [...BODY_ERRORS, 403, 404, 409],
  })
  revoke(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: RevokeGrantDto): Promise<GrantModel> {
    return this.grants.revoke(caller, id, body.reason);
  }
}
