import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller } from '../platform/auth/access.decorators.js';
import type { Caller } from '../platform/auth/caller.js';
import { UuidParam } from '../platform/http/uuid-param.js';
import { ListGrantsQuery, RevokeGrantDto } from './dto/grants.dto.js';
import { GrantsService } from './grants.service.js';

@ApiTags('exception grants')
@ApiBearerAuth()
@Controller('v1/exception-grants')
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get()
  @Allow('partnerAdmin', 'reviewer')
  @ApiOperation({ summary: "Grants, newest first: partners see their tenant's, reviewers all (filters: tenantId, status, expiringBefore)" })
  list(@CurrentCaller() caller: Caller, @Query() query: ListGrantsQuery) {
    return this.grants.list(caller, query);
  }

  @Get(':id')
  @Allow('partnerAdmin', 'reviewer')
  get(@CurrentCaller() caller: Caller, @UuidParam('id') id: string) {
    return this.grants.get(caller, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Allow('reviewer')
  @ApiOperation({ summary: 'Revoke an active grant (reason required); effective on every instance within a second' })
  revoke(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() body: RevokeGrantDto) {
    return this.grants.revoke(caller, id, body.reason);
  }
}
